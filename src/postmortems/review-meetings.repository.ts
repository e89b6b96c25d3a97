import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { leaseIsFree } from '../db/lease';
import type { Database } from '../db/database';
import { type StoredInstant, fromStoredInstant } from '../db/instant';
import type { ReviewMeeting } from './review-meeting';
import type { ReviewMeetingsTable } from './postmortems.table';

export type ReviewMeetingRow = Selectable<ReviewMeetingsTable>;

export function toReviewMeeting(row: ReviewMeetingRow): ReviewMeeting {
  return {
    incidentId: row.incident_id,
    startsAt: fromStoredInstant(row.starts_at),
    timeZone: row.time_zone,
    facilitatorId: row.facilitator_id,
    inviteeIds: row.invitee_ids ? row.invitee_ids.split(',') : [],
    scheduledBy: row.scheduled_by,
    invitationTs: row.invitation_ts,
    remindAt: row.remind_at ? fromStoredInstant(row.remind_at) : null,
    remindedAt: row.reminded_at ? fromStoredInstant(row.reminded_at) : null,
    updatedAt: fromStoredInstant(row.updated_at),
  };
}

export async function findReviewMeeting(db: Kysely<Database>, incidentId: string): Promise<ReviewMeetingRow | undefined> {
  return db.selectFrom('review_meetings').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

/** Records the meeting as scheduled now, keeping the invitation it already has. */
export async function upsertReviewMeeting(db: Kysely<Database>, row: Insertable<ReviewMeetingsTable>): Promise<void> {
  const { incident_id: _id, invitation_ts: _ts, invitation_lease_until: _lease, ...changes } = row;
  await db
    .insertInto('review_meetings')
    .values(row)
    .onConflict((oc) => oc.column('incident_id').doUpdateSet(changes))
    .execute();
}

export async function updateReviewMeeting(db: Kysely<Database>, incidentId: string, changes: Updateable<ReviewMeetingsTable>): Promise<void> {
  await db.updateTable('review_meetings').set(changes).where('incident_id', '=', incidentId).execute();
}

export async function listDueFacilitatorReminders(db: Kysely<Database>, now: StoredInstant, limit: number): Promise<ReviewMeetingRow[]> {
  return db.selectFrom('review_meetings').selectAll().where('remind_at', '<=', now).orderBy('remind_at').limit(limit).execute();
}

/** Moves the reminder on from `expected` only if nobody did first: one replica sends it. */
export async function claimFacilitatorReminder(db: Kysely<Database>, incidentId: string, expected: StoredInstant, next: StoredInstant | null): Promise<boolean> {
  const result = await db
    .updateTable('review_meetings')
    .set({ remind_at: next })
    .where('incident_id', '=', incidentId)
    .where('remind_at', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records a claimed reminder as sent (`at`), or as not to be sent (null), unless the meeting was
 * rescheduled meanwhile: a new time set a reminder of its own.
 */
export async function finishFacilitatorReminder(db: Kysely<Database>, incidentId: string, claim: StoredInstant, at: StoredInstant | null): Promise<void> {
  await db.updateTable('review_meetings').set({ remind_at: null, reminded_at: at }).where('incident_id', '=', incidentId).where('remind_at', '=', claim).execute();
}

/** After a failed send: due again at `at` (null: too late, the meeting starts first), unless rescheduled meanwhile. */
export async function retryFacilitatorReminder(db: Kysely<Database>, incidentId: string, claim: StoredInstant, at: StoredInstant | null): Promise<void> {
  await db.updateTable('review_meetings').set({ remind_at: at }).where('incident_id', '=', incidentId).where('remind_at', '=', claim).execute();
}

/** Takes the invitation for one request, until `until`; false while another request holds it. */
export async function claimInvitation(db: Kysely<Database>, incidentId: string, now: StoredInstant, until: StoredInstant): Promise<boolean> {
  const result = await db
    .updateTable('review_meetings')
    .set({ invitation_lease_until: until })
    .where('incident_id', '=', incidentId)
    .where((eb) => leaseIsFree(eb, 'invitation_lease_until', now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Lets the invitation go, if this request still holds it. */
export async function releaseInvitation(db: Kysely<Database>, incidentId: string, lease: StoredInstant): Promise<void> {
  await db.updateTable('review_meetings').set({ invitation_lease_until: null }).where('incident_id', '=', incidentId).where('invitation_lease_until', '=', lease).execute();
}
