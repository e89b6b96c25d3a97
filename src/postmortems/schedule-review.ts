import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import type { ReadyIncident } from '../incidents/incident';
import { incidentForMember } from '../incidents/require-member';
import { instantFromLocal, isCalendarDay } from '../zoned-time';
import { draftState } from './draft-state';
import type { PostmortemDeps } from './postmortem-deps';
import { postmortemFor } from './postmortem-queries';
import { type ReviewProposal, reviewPlan } from './propose-invitees';
import { type ReviewMeeting, facilitatorReminderAt } from './review-meeting';
import { claimInvitation, findReviewMeeting, releaseInvitation, toReviewMeeting, updateReviewMeeting, upsertReviewMeeting } from './review-meetings.repository';

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
  // Typed in the command: the typist's zone. Saved in the draft: the zone it was saved in.
  const ownZone = async () => (await deps.port.timeZoneOf(userId)) ?? deps.reminderPolicy.defaultTimeZone;
  const timeZone = when ? await ownZone() : (postmortem.content.meetingTimeZone ?? (await ownZone()));
  const startsAt = instantFromLocal(date, time, timeZone);
  const now = deps.clock.now();
  if (!startsAt) throw new AppError('invalid_input', `${date} ${time} does not exist in ${timeZone} (the clocks change then). Pick another time.`);
  if (startsAt.getTime() <= now.getTime()) throw new AppError('invalid_input', `${date} ${time} (${timeZone}) has passed. Pick a later time.`);

  const plan = await membersOnly(deps, incident, await reviewPlan(deps, incident, postmortem));
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
  await announce(deps, incident, moved);
  const meeting = toReviewMeeting((await findReviewMeeting(deps.db, incidentId))!);
  deps.logger.info({ incidentId, startsAt: stored, timeZone, invitees: meeting.inviteeIds.length }, 'review meeting scheduled');
  return meeting;
}

/**
 * A private incident's review is for its channel's members only: anyone else on the list (picked
 * in the form, or no longer in the channel) is left out, so no invitation or reminder tells them
 * about it.
 */
async function membersOnly(deps: PostmortemDeps, incident: ReadyIncident, plan: ReviewProposal): Promise<ReviewProposal> {
  if (!incident.isPrivate) return plan;
  const isMember = (id: string) => deps.members.isMember(incident.channelId, id);
  const invitees: string[] = [];
  for (const id of plan.invitees) if (await isMember(id)) invitees.push(id);
  const kept = plan.facilitatorId && (await isMember(plan.facilitatorId)) ? plan.facilitatorId : null;
  // A facilitator who is not in the channel is replaced by an invitee who was not the commander.
  const facilitatorId = kept ?? invitees.find((id) => id !== incident.commanderId) ?? null;
  return { invitees, facilitatorId };
}

/** How long one request may hold the invitation while posting or editing it. */
const INVITATION_LEASE_MS = 30_000;
/** How often, and how many times, a second request waits for the first to finish with it. */
const INVITATION_WAIT_MS = 200;
const INVITATION_WAITS = 25;

/**
 * One invitation per meeting: posted once, then edited in place when the meeting changes. One
 * request at a time holds it (two clicks at once post one), and a post Slack made but we never
 * recorded is found by its marker.
 */
async function announce(deps: PostmortemDeps, incident: ReadyIncident, moved: boolean): Promise<void> {
  let lease: string | null = null;
  for (let wait = 0; !lease; wait += 1) {
    const now = deps.clock.now();
    const until = toStoredInstant(new Date(now.getTime() + INVITATION_LEASE_MS));
    if (await claimInvitation(deps.db, incident.id, toStoredInstant(now), until)) lease = until;
    else if (wait >= INVITATION_WAITS) throw new AppError('invalid_input', 'the invitation is being posted by someone else right now. Try again in a moment.');
    else await new Promise((resolve) => setTimeout(resolve, INVITATION_WAIT_MS));
  }
  try {
    // Read again under the lease: whoever held it before may have posted it meanwhile.
    const current = toReviewMeeting((await findReviewMeeting(deps.db, incident.id))!);
    const state = await draftState(deps.db, incident.id);
    const existing = current.invitationTs ?? (await deps.port.findInvitation(incident.channelId, incident.id));
    const ts = await deps.port.postInvitation(incident, current, state, existing ? { ts: existing, moved } : null);
    await updateReviewMeeting(deps.db, incident.id, { invitation_ts: ts });
  } finally {
    await releaseInvitation(deps.db, incident.id, lease);
  }
}
