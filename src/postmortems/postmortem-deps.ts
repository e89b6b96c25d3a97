import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { IncidentDeps } from '../incidents/incident-deps';
import type { Logger } from '../logger';
import type { PostmortemPort } from './postmortem-port';
import type { ArchivePolicy, PostmortemArchive } from './postmortem-archive';
import type { MembershipPort } from '../incidents/membership-port';
import type { AccountDeps } from '../accounts/account-deps';
import type { ItemIssues } from '../action-items/action-item-deps';
import type { PostmortemDocument } from '../render/postmortem-document';

export interface PostmortemDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Live channel membership: the one guard for reads and writes. */
  members: MembershipPort;
  port: PostmortemPort;
  /** Publishing moves the incident on, through the incident service. */
  incidents: IncidentDeps;
  policy: Config['postmortems'];
  /** Participants' accounts: shown in the form and the post-mortem, and who the review invites. */
  accounts: AccountDeps;
  /** The facilitator's reminder goes at this hour of their day; a zone for people without one. */
  reminderPolicy: Pick<Config['reminders'], 'hour' | 'defaultTimeZone'>;
  /** The team's git repository for published post-mortems; none when it is not configured. */
  archive?: { store: PostmortemArchive; policy: ArchivePolicy; requested?: () => void };
  /** The team's tracker for action items; none when it is not configured. */
  issues?: ItemIssues;
  /** Told after a draft is saved (other features act on it: its summary and tags describe the incident for recurrence). */
  saved?: (incidentId: string) => Promise<unknown>;
  /** The related incidents the post-mortem shows, from the ids its author kept (recurrence decides what may be shown). */
  relatedIncidents?: (incidentId: string, ids: readonly string[]) => Promise<PostmortemDocument['related']>;
}
