import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { TimelineEntry } from './timeline-entry';
import { toTimelineEntry } from './timeline-mapper';
import { findTimelineRow, listTimelineRows } from './timeline.repository';

/** The incident's timeline, oldest first. */
export async function timelineFor(db: Kysely<Database>, incidentId: string): Promise<TimelineEntry[]> {
  return (await listTimelineRows(db, incidentId)).map(toTimelineEntry);
}

export async function timelineEntry(db: Kysely<Database>, id: string): Promise<TimelineEntry | undefined> {
  const row = await findTimelineRow(db, id);
  return row ? toTimelineEntry(row) : undefined;
}
