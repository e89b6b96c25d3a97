import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { TimelinePort } from './timeline-port';
import type { MembershipPort } from '../incidents/membership-port';

export interface TimelineDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Live channel membership: the one guard for reads and writes. */
  members: MembershipPort;
  port: TimelinePort;
}
