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
    .where('dismissed_at', 'is', null)
    .orderBy('occurred_at')
    .orderBy('created_at')
    .execute();
}

/** How many entries the incident's timeline shows and how many characters of text they hold. */
export async function countTimelineContent(db: Kysely<Database>, incidentId: string): Promise<{ entries: number; characters: number }> {
  const row = await db
    .selectFrom('timeline_entries')
    .select((eb) => [eb.fn.countAll<string | number>().as('entries'), eb.fn.sum<string | number | null>(eb.fn('length', ['text'])).as('characters')])
    .where('incident_id', '=', incidentId)
    .where('dismissed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { entries: Number(row.entries), characters: Number(row.characters ?? 0) };
}

export interface NewMessageEntryRow {
  incidentId: string;
  occurredAt: Date;
  actorId: string | null;
  authorId: string | null;
  text: string;
  sourceChannelId: string;
  sourceTs: string;
  permalink: string | null;
  filesNote: string | null;
  capturedVia: 'reaction' | 'shortcut';
}

/**
 * Stores a captured message once per incident; false when it was already there (or was removed
 * from the timeline by a person, which a new capture does not undo).
 */
export async function insertMessageEntry(db: Kysely<Database>, entry: NewMessageEntryRow, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('timeline_entries')
    .values({
      id: randomUUID(),
      incident_id: entry.incidentId,
      kind: 'message',
      occurred_at: toStoredInstant(entry.occurredAt),
      actor_id: entry.actorId,
      author_id: entry.authorId,
      text: entry.text,
      source_channel_id: entry.sourceChannelId,
      source_ts: entry.sourceTs,
      permalink: entry.permalink,
      files_note: entry.filesNote,
      captured_via: entry.capturedVia,
      created_at: toStoredInstant(now),
    })
    .onConflict((oc) => oc.columns(['incident_id', 'source_channel_id', 'source_ts']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Follows an edit of the message into the entries captured from it, except those a person has
 * corrected since: their correction is what the timeline should say. Returns how many changed.
 */
export async function updateMessageEntries(
  db: Kysely<Database>,
  source: { channelId: string; ts: string },
  changes: { text: string; filesNote: string | null },
): Promise<number> {
  const result = await db
    .updateTable('timeline_entries')
    .set({ text: changes.text, files_note: changes.filesNote })
    .where('kind', '=', 'message')
    .where('source_channel_id', '=', source.channelId)
    .where('source_ts', '=', source.ts)
    .where('edited_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes every entry captured from a message that no longer exists. Returns how many. */
export async function deleteMessageEntries(db: Kysely<Database>, source: { channelId: string; ts: string }): Promise<number> {
  const result = await db
    .deleteFrom('timeline_entries')
    .where('kind', '=', 'message')
    .where('source_channel_id', '=', source.channelId)
    .where('source_ts', '=', source.ts)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes an incident's entry for a message captured by reaction, once nobody marks it. */
export async function deleteReactionCapture(db: Kysely<Database>, incidentId: string, source: { channelId: string; ts: string }): Promise<number> {
  const result = await db
    .deleteFrom('timeline_entries')
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'message')
    .where('captured_via', '=', 'reaction')
    .where('dismissed_at', 'is', null)
    .where('source_channel_id', '=', source.channelId)
    .where('source_ts', '=', source.ts)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface NewManualEntryRow {
  incidentId: string;
  occurredAt: Date;
  actorId: string;
  text: string;
  milestone: string | null;
}

export async function insertManualEntry(db: Kysely<Database>, entry: NewManualEntryRow, now: Date): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('timeline_entries')
    .values({
      id,
      incident_id: entry.incidentId,
      kind: 'manual',
      occurred_at: toStoredInstant(entry.occurredAt),
      actor_id: entry.actorId,
      text: entry.text,
      milestone: entry.milestone,
      created_at: toStoredInstant(now),
    })
    .execute();
  return id;
}

export async function findTimelineRow(db: Kysely<Database>, id: string): Promise<TimelineRow | undefined> {
  return db.selectFrom('timeline_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function correctTimelineRow(
  db: Kysely<Database>,
  id: string,
  changes: { text: string; occurredAt: Date; editedBy: string; editedAt: Date },
): Promise<void> {
  await db
    .updateTable('timeline_entries')
    .set({
      text: changes.text,
      occurred_at: toStoredInstant(changes.occurredAt),
      edited_by: changes.editedBy,
      edited_at: toStoredInstant(changes.editedAt),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteTimelineRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('timeline_entries').where('id', '=', id).execute();
}

/** Takes a captured message off the timeline but remembers it, so reactions do not bring it back. */
export async function dismissTimelineRow(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('timeline_entries').set({ dismissed_at: toStoredInstant(at) }).where('id', '=', id).execute();
}
