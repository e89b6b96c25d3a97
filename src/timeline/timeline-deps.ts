import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { TimelinePort } from './timeline-port';

export interface TimelineDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  port: TimelinePort;
}
