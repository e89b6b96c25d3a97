import { randomUUID } from 'node:crypto';
import { toStoredInstant } from '../db/instant';
import { loadIncident } from '../incidents/incident-queries';
import type { Postmortem, PostmortemContent } from './postmortem';
import type { PostmortemDeps } from './postmortem-deps';
import { parseContent, toPostmortem } from './postmortem-mapper';
import { findPostmortemByIncident, insertPostmortem, updatePostmortemAtVersion } from './postmortems.repository';
import { requireMember } from '../incidents/require-member';

export type SaveOutcome =
  | { kind: 'saved'; postmortem: Postmortem }
  /** Someone saved after this person opened the form: nothing was overwritten. */
  | { kind: 'conflict'; current: Postmortem };

/**
 * Saves the draft, but only over the version the person opened: if anyone saved in between,
 * the save is refused and the caller tells them who and when, instead of silently overwriting.
 */
export async function saveDraft(
  deps: PostmortemDeps,
  incidentId: string,
  given: PostmortemContent,
  userId: string,
  openedVersion: number,
): Promise<SaveOutcome> {
  await requireMember(deps.members, await loadIncident(deps.db, incidentId), userId, 'write its post-mortem');
  let content = given;
  const now = toStoredInstant(deps.clock.now());
  const existing = await findPostmortemByIncident(deps.db, incidentId);
  content = { ...content, meetingTimeZone: await meetingZone(deps, existing ? parseContent(existing.content) : null, content, userId) };
  let saved: boolean;
  if (!existing) {
    saved =
      openedVersion === 0 &&
      (await insertPostmortem(deps.db, {
        id: randomUUID(),
        incident_id: incidentId,
        content: JSON.stringify(content),
        version: 1,
        updated_by: userId,
        updated_at: now,
        author_ids: userId,
        created_at: now,
      }));
  } else {
    const authors = existing.author_ids ? existing.author_ids.split(',') : [];
    if (!authors.includes(userId)) authors.push(userId);
    saved = await updatePostmortemAtVersion(deps.db, existing.id, openedVersion, {
      content: JSON.stringify(content),
      updated_by: userId,
      updated_at: now,
      author_ids: authors.join(','),
    });
  }
  const current = toPostmortem((await findPostmortemByIncident(deps.db, incidentId))!);
  if (!saved) return { kind: 'conflict', current };
  deps.logger.info({ incidentId, version: current.version }, 'post-mortem draft saved');
  await deps.saved?.(incidentId).catch((err: unknown) => deps.logger.warn({ incidentId, err }, 'after-save work failed'));
  return { kind: 'saved', postmortem: current };
}

/**
 * The zone the meeting's date and time are in: kept while they stay as they were, else the zone
 * of the person who changed them (a form shows everyone the same wall-clock date and time).
 */
async function meetingZone(deps: PostmortemDeps, before: PostmortemContent | null, after: PostmortemContent, userId: string): Promise<string | null> {
  if (!after.meetingDate || !after.meetingTime) return null;
  if (before?.meetingTimeZone && before.meetingDate === after.meetingDate && before.meetingTime === after.meetingTime) return before.meetingTimeZone;
  return (await deps.port.timeZoneOf(userId)) ?? deps.reminderPolicy.defaultTimeZone;
}
