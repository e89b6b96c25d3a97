import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { fromStoredInstant, toStoredInstant } from '../db/instant';
import type { Incident } from './incident';
import { toIncident } from './incident-mapper';
import { listDueNudges } from './incidents.repository';

/** A post-mortem reminder that has fallen due. */
export interface DuePostmortemReminder {
  incident: Incident;
  /** When this reminder was due to go out; claiming it compares against this instant. */
  remindAt: Date;
  /** When the post-mortem itself is due, as the reminder tells the commander. */
  postmortemDueAt: Date;
}

/**
 * The post-mortem reminders due at `now`, earliest first. The reminder's time is kept on the
 * incident because the incident's own changes set and clear it (resolving sets it, reopening and
 * publishing clear it) in the same update as the status; so the incidents feature reads and
 * claims it, and post-mortems only decides what a reminder says.
 */
export async function postmortemRemindersDue(db: Kysely<Database>, now: Date): Promise<DuePostmortemReminder[]> {
  const rows = await listDueNudges(db, toStoredInstant(now));
  return rows.flatMap((row) => {
    if (!row.postmortem_nudge_at) return [];
    const remindAt = fromStoredInstant(row.postmortem_nudge_at);
    const postmortemDueAt = row.postmortem_due_at ? fromStoredInstant(row.postmortem_due_at) : remindAt;
    return [{ incident: toIncident(row), remindAt, postmortemDueAt }];
  });
}
