import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { ItemIssues, PublishedPostmortems } from './action-item-deps';
import type { VerificationPort } from './verification-port';

/** What the check that done items work needs: asking (the job) and answering (the buttons). */
export interface VerificationDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  port: VerificationPort;
  /** When people hear from the bot (`REMINDER_HOUR` in their zone), and how long after done to ask. */
  policy: Pick<Config['reminders'], 'hour' | 'defaultTimeZone'> & Config['verification'];
  /** Shown again once an item is verified or reopened. */
  published: PublishedPostmortems;
  /** Unset when no tracker is configured; told when a check reopens an item. */
  issues?: ItemIssues;
}
