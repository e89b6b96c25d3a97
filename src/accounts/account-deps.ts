import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { MembershipPort } from '../incidents/membership-port';
import type { Logger } from '../logger';
import type { AccountPort } from './account-port';

export interface AccountDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Live channel membership: who may be asked about a private incident, and who may write. */
  members: MembershipPort;
  port: AccountPort;
  /** Which resolved incidents ask their participants by themselves. */
  policy: Pick<Config['postmortems'], 'requiredFor'>;
  /** The zone times are read in for someone whose zone the chat does not know. */
  defaultTimeZone: string;
  /** The bot's own user: never asked. */
  botUserId?: string;
  /** Asks the background pass to run soon (requests just added). */
  requested?: () => void;
}
