import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { CoalescedRefresh } from '../jobs/coalesced-refresh';
import type { Logger } from '../logger';
import type { IncidentPort } from './incident-port';
import type { CardContext } from './card-context';
import type { MembershipPort } from './membership-port';

export interface IncidentDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Live channel membership: the one guard for reads and writes. */
  members: MembershipPort;
  port: IncidentPort;
  /**
   * The process's one queue of card and announcement updates, keyed by incident: changes that
   * arrive together share one update. Without it each change updates them at once.
   */
  refreshes?: CoalescedRefresh;
  /** Which resolved incidents owe a post-mortem, and by when. */
  policy: Config['postmortems'];
  /** What the card shows that other features keep (its alerts, its post-mortem's file). */
  cardContext?: (incidentId: string) => Promise<CardContext>;
  /** Told after an incident is resolved (other features act on it: asking for accounts). */
  resolved?: (incidentId: string) => void;
  /** Told once an incident's set-up is complete (other features act on it: similar past incidents); awaited, its failure logged. */
  declared?: (incidentId: string) => Promise<unknown>;
}
