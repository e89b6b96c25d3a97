import type { PacerTime } from '../web-api/channel-pacer';
import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { ActionItemDeps } from '../../action-items/action-item-deps';
import type { AlertDeps } from '../../alerts/alert-deps';
import type { AccountDeps } from '../../accounts/account-deps';
import type { ReminderDeps } from '../../action-items/send-due-reminders';
import type { VerificationDeps } from '../../action-items/verification-deps';
import type { TrackerDeps } from '../../trackers/tracker-deps';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import type { IncidentDeps } from '../../incidents/incident-deps';
import type { InsightDeps } from '../../insights/insight-deps';
import type { MembershipPort } from '../../incidents/membership-port';
import type { Logger } from '../../logger';
import type { PostmortemDeps } from '../../postmortems/postmortem-deps';
import type { RecurrenceDeps } from '../../recurrence/recurrence-deps';
import type { TimelineDeps } from '../../timeline/timeline-deps';
import type { ThreadParents } from '../web-api/thread-parents';
import type { UserDirectory } from '../web-api/user-directory';

/** Every service's dependencies for one request, talking to Slack through that request's client. */
export interface Services {
  accounts: AccountDeps;
  alerts: AlertDeps;
  incidents: IncidentDeps;
  timeline: TimelineDeps;
  postmortems: PostmortemDeps;
  reminders: ReminderDeps;
  actionItems: ActionItemDeps;
  /** Whether done items work: the questions and their answers. */
  verifications: VerificationDeps;
  /** The team's issue tracker, when one is configured. */
  trackers?: TrackerDeps;
  /** Live channel membership: the one guard, for reads as well as writes. */
  members: MembershipPort;
  /** People's names and time zones, read from Slack a few minutes at most. */
  people: UserDirectory;
  /** Similar past incidents: shown in the incident channel and offered as the post-mortem's related incidents. */
  recurrence: RecurrenceDeps;
  /** Figures over a period, for a person or the weekly digest. */
  insights: InsightDeps;
}

/** What listeners may use. Built once by the wiring and passed explicitly, so tests need no global mocks. */
export interface ListenerDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'incidentsChannel' | 'timelineEmoji' | 'postmortems' | 'reminders' | 'alerts' | 'verification' | 'tracker'>;
  /** The thread of each reply seen in message events, so a marked reply is read with its thread. */
  threadParents: ThreadParents;
  /** Time as the Slack side waits on it (a trigger's three seconds, Slack's budgets). */
  slackTime: PacerTime;
  /** The services for a request; `botUserId` is the bot's own user (Slack refuses to invite it). */
  services(client: WebClient, botUserId?: string): Services;
}
