import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { ReviewMeeting } from './review-meeting';
import { findReviewMeeting, toReviewMeeting } from './review-meetings.repository';

/** The incident's review meeting as scheduled, or null when none is. */
export async function reviewMeetingOf(db: Kysely<Database>, incidentId: string): Promise<ReviewMeeting | null> {
  const row = await findReviewMeeting(db, incidentId);
  return row ? toReviewMeeting(row) : null;
}
