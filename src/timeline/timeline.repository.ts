import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database';
import { fromStoredInstant, toStoredInstant } from '../db/instant';
import type { NewSystemEntry, SystemChange, TimelineEntry } from './timeline-entry';
import type { TimelineEntriesTable } from './timeline.table';

export async function insertSystemEntry(db: Kysely<Database>, entry: NewSystemEntry, now: Date): Promise<TimelineEntry> {
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
  return { id, kind: 'system', ...entry };
}

/** The incident's entries, oldest first; ties keep the order they were recorded in. */
export async function listTimeline(db: Kysely<Database>, incidentId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('timeline_entries')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('occurred_at')
    .orderBy('created_at')
    .execute();
  return rows.map(toEntry);
}

function toEntry(row: Selectable<TimelineEntriesTable>): TimelineEntry {
  return {
    id: row.id,
    incidentId: row.incident_id,
    kind: 'system',
    occurredAt: fromStoredInstant(row.occurred_at),
    actorId: row.actor_id,
    change: row.change as SystemChange,
    oldValue: row.old_value,
    newValue: row.new_value,
    text: row.text,
  };
}
