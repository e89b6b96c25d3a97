import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { countTimelineContent } from './timeline.repository';

/**
 * What one incident's timeline holds at most. A thousand entries is far beyond what a real incident
 * records (hundreds at most) and keeps the Markdown file and every page of the timeline quick to
 * build; a million characters (about 1 MB, an average of 1,000 an entry) bounds pasted logs, since
 * a captured Slack message can be much longer than the 3,000 characters of an entry written here.
 */
export const TIMELINE_LIMITS = { entries: 1000, characters: 1_000_000 } as const;

/**
 * Refuses an entry the incident's timeline has no room for, saying so in words for the person who
 * added it. Entries already stored are never touched. Lifecycle changes are recorded regardless.
 */
export async function requireRoomForEntry(db: Kysely<Database>, incidentId: string, text: string): Promise<void> {
  const problem = await roomForEntryProblem(db, incidentId, text);
  if (problem) throw new AppError('too_many_entries', problem);
}

/** Why the timeline has no room for the entry, or null: for a form to say before it is acknowledged. */
export async function roomForEntryProblem(db: Kysely<Database>, incidentId: string, text: string): Promise<string | null> {
  const { entries, characters } = await countTimelineContent(db, incidentId);
  if (entries >= TIMELINE_LIMITS.entries) {
    return `this incident's timeline already has ${TIMELINE_LIMITS.entries.toLocaleString('en-US')} entries, the most one incident keeps. Remove entries that are no longer needed, or sum several up in one.`;
  }
  if (characters + text.length > TIMELINE_LIMITS.characters) {
    return `this incident's timeline already holds ${characters.toLocaleString('en-US')} characters, close to the ${TIMELINE_LIMITS.characters.toLocaleString('en-US')} one incident keeps. Add a shorter entry, or link to long logs instead of pasting them.`;
  }
  return null;
}
