import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Incident } from '../incidents/incident';
import type { Logger } from '../logger';
import type { RecurrencePort } from './recurrence-port';

export interface RecurrenceDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  port: RecurrencePort;
  /**
   * Where a past incident's published post-mortem can be read: its first message and its file in
   * the team's repository, each when there is one. The post-mortems feature knows; it is passed in.
   */
  postmortemPlaces(incident: Incident): Promise<{ message: { channelId: string; ts: string } | null; fileUrl: string | null }>;
}
