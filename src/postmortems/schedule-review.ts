import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import type { ReadyIncident } from '../incidents/incident';
import { incidentForMember } from '../incidents/require-member';
import { instantFromLocal, isCalendarDay } from '../zoned-time';
import { draftState } from './draft-state';
import type { PostmortemDeps } from './postmortem-deps';
import { postmortemFor } from './postmortem-queries';
import { reviewPlan } from './propose-invitees';
import { type ReviewMeeting, facilitatorReminderAt } from './review-meeting';
import { findReviewMeeting, toReviewMeeting, updateReviewMeeting, upsertReviewMeeting } from './review-meetings.repository';

/** A date and a time of day as a person typed or picked them, in their own zone. */
export interface MeetingTime {
  date: string;
  time: string;
}

const USAGE = 'for example `/incident review 2026-12-08 14:00` (your own time zone).';

/**
 * Schedules the review meeting, in the zone of the person scheduling it: at `when`, or at the
 * date and time saved in the draft. The meeting is recorded with its facilitator and invitees
 * (the author's list, else the proposal); one invitation is posted in the incident channel (a new
 * time edits it, and says so) and the facilitator is reminded on the day. The draft itself is not
 * saved: someone reviewing it at that moment can still publish what they reviewed.
 */
export async function scheduleReview(deps: PostmortemDeps, incidentId: string, userId: string, when?: MeetingTime): Promise<ReviewMeeting> {
  const incident = await incidentForMember(deps, incidentId, userId, 'schedule its review');
  const postmortem = await postmortemFor(deps.db, incidentId);
  const date = when?.date ?? postmortem.content.meetingDate;
  const time = when?.time ?? postmortem.content.meetingTime;
  if (!date || !time) throw new AppError('invalid_input', `choose the meeting's date and time first, ${USAGE}`);
  if (!isCalendarDay(date) || !/^\d{2}:\d{2}$/.test(time)) throw new AppError('invalid_input', `"${date} ${time}" is not a date and time, ${USAGE}`);
  const timeZone = (await deps.port.timeZoneOf(userId)) ?? deps.reminderPolicy.defaultTimeZone;
  const startsAt = instantFromLocal(date, time, timeZone);
  const now = deps.clock.now();
  if (!startsAt) throw new AppError('invalid_input', `${date} ${time} does not exist in ${timeZone} (the clocks change then). Pick another time.`);
  if (startsAt.getTime() <= now.getTime()) throw new AppError('invalid_input', `${date} ${time} (${timeZone}) has passed. Pick a later time.`);

  const plan = await reviewPlan(deps, incident, postmortem);
  const reminded = plan.facilitatorId ?? userId;
  const facilitatorZone = (await deps.port.timeZoneOf(reminded)) ?? deps.reminderPolicy.defaultTimeZone;
  const before = await findReviewMeeting(deps.db, incidentId);
  const stored = toStoredInstant(startsAt);
  const moved = before !== undefined && before.starts_at !== stored;
  await upsertReviewMeeting(deps.db, {
    incident_id: incidentId,
    starts_at: stored,
    time_zone: timeZone,
    facilitator_id: plan.facilitatorId,
    invitee_ids: plan.invitees.join(','),
    scheduled_by: userId,
    invitation_ts: null,
    remind_at: toStoredInstant(facilitatorReminderAt(startsAt, facilitatorZone, deps.reminderPolicy.hour, now)),
    reminded_at: null,
    updated_at: toStoredInstant(now),
  });
  const meeting = toReviewMeeting((await findReviewMeeting(deps.db, incidentId))!);
  await announce(deps, incident, meeting, moved);
  deps.logger.info({ incidentId, startsAt: stored, timeZone, invitees: meeting.inviteeIds.length }, 'review meeting scheduled');
  return toReviewMeeting((await findReviewMeeting(deps.db, incidentId))!);
}

/**
 * One invitation per meeting: posted once (a post that Slack made but we never recorded is found
 * by its marker), then edited in place when the meeting changes.
 */
async function announce(deps: PostmortemDeps, incident: ReadyIncident, meeting: ReviewMeeting, moved: boolean): Promise<void> {
  const state = await draftState(deps.db, incident.id);
  const existing = meeting.invitationTs ?? (await deps.port.findInvitation(incident.channelId, incident.id));
  const ts = await deps.port.postInvitation(incident, meeting, state, existing ? { ts: existing, moved } : null);
  await updateReviewMeeting(deps.db, incident.id, { invitation_ts: ts });
}
