import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { NewSystemEntry } from './timeline-entry';
import { insertSystemEntry } from './timeline.repository';

/**
 * Records what the bot itself saw change (a severity, a status, a new commander) on the incident's
 * timeline, inside the caller's transaction so the change and its entry are stored together.
 */
export function recordSystemEntry(trx: Kysely<Database>, entry: NewSystemEntry, now: Date): Promise<string> {
  return insertSystemEntry(trx, entry, now);
}
