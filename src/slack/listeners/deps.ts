import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { Logger } from '../../logger';

/** What listeners may use. Passed explicitly so tests build it without global mocks. */
export interface ListenerDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
}
