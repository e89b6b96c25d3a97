import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import type { NewSystemEntry } from './timeline-entry';
import type { TimelineEntriesTable } from './timeline.table';

export type TimelineRow = Selectable<TimelineEntriesTable>;

/** Stores a system entry; returns its id. */
export async function insertSystemEntry(db: Kysely<Database>, entry: NewSystemEntry, now: Date): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('timeline_entries')
    .values({
      id,
      incident_id: entry.incidentId,
      kind: 'system',
      occurred_at: toStoredInstant(entry.occurredAt),
      actor_id: entry.actorId,
      change: entry.change,
      old_value: entry.oldValue,
      new_value: entry.newValue,
      text: entry.text,
      created_at: toStoredInstant(now),
    })
    .execute();
  return id;
}

/** The incident's entries, oldest first; ties keep the order they were recorded in. */
export async function listTimelineRows(db: Kysely<Database>, incidentId: string): Promise<TimelineRow[]> {
  return db
    .selectFrom('timeline_entries')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('occurred_at')
    .orderBy('created_at')
    .execute();
}
