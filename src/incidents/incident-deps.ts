import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { IncidentPort } from './incident-port';
import type { LinkedAlert } from './linked-alert';
import type { MembershipPort } from './membership-port';

export interface IncidentDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Live channel membership: the one guard for reads and writes. */
  members: MembershipPort;
  port: IncidentPort;
  /** Which resolved incidents owe a post-mortem, and by when. */
  policy: Config['postmortems'];
  /** The alerts linked to an incident, for its card; none when alerts are not received. */
  linkedAlerts?: (incidentId: string) => Promise<LinkedAlert[]>;
}
