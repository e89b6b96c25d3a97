import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { MembershipPort } from '../incidents/membership-port';
import type { Logger } from '../logger';
import type { DigestSchedule } from './digest-schedule';
import type { InsightsPort } from './insights-port';

export interface InsightDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Live channel membership: private incidents count only for the people in them. */
  members: MembershipPort;
  port: InsightsPort;
  /** Which severities owe a post-mortem, and how many hours after resolving. */
  policy: Pick<Config['postmortems'], 'requiredFor' | 'dueHours'>;
}

/** The weekly digest: when, and where (`POSTMORTEMS_CHANNEL`). */
export interface DigestDeps extends InsightDeps {
  digest: { schedule: DigestSchedule; channelId: string };
}
