import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { IncidentPort } from './incident-port';

export interface IncidentDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  port: IncidentPort;
  /** Which resolved incidents owe a post-mortem, and by when. */
  policy: Config['postmortems'];
}
