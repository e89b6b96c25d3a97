import { toStoredInstant } from '../db/instant';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import type { ReviewMeeting } from './review-meeting';
import { draftState } from './draft-state';
import type { PostmortemDeps } from './postmortem-deps';
import { claimFacilitatorReminder, finishFacilitatorReminder, listDueFacilitatorReminders, retryFacilitatorReminder, toReviewMeeting } from './review-meetings.repository';

/** A reminder Slack refused is tried again after this long, until the meeting starts. */
const RETRY_MS = 15 * 60_000;
/** A claimed reminder comes due again after this long if its sender never finished (it died). */
export const FACILITATOR_CLAIM_MS = 2 * 60_000;
const BATCH = 100;

/**
 * Reminds each facilitator on the day of their review meeting, with the draft's state, once.
 * Each reminder is claimed first by moving its time on a little in one conditional update, so one
 * replica sends it; a sender that dies leaves it to come due again, and the port finds the
 * reminder already in the person's DM instead of sending it twice. Returns how many were sent.
 */
export async function remindFacilitators(deps: PostmortemDeps): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const row of await listDueFacilitatorReminders(deps.db, toStoredInstant(now), BATCH)) {
    const meeting = toReviewMeeting(row);
    const claim = toStoredInstant(new Date(now.getTime() + FACILITATOR_CLAIM_MS));
    if (!(await claimFacilitatorReminder(deps.db, row.incident_id, row.remind_at!, claim))) continue;
    const log = deps.logger.child({ incidentId: row.incident_id });
    try {
      const incident = await loadIncident(deps.db, row.incident_id);
      const reminded = await whoToRemind(deps, incident, meeting);
      if (!reminded) {
        await finishFacilitatorReminder(deps.db, row.incident_id, claim, null);
        log.info('nobody left in the private channel to remind of the review meeting');
        continue;
      }
      await deps.port.remindFacilitator(reminded, incident, meeting, await draftState(deps.db, incident.id));
      await finishFacilitatorReminder(deps.db, row.incident_id, claim, toStoredInstant(now));
      log.info('facilitator reminded of the review meeting');
      sent += 1;
    } catch (err) {
      const retry = new Date(now.getTime() + RETRY_MS);
      // Unless it was rescheduled meanwhile (which set a reminder of its own).
      await retryFacilitatorReminder(deps.db, row.incident_id, claim, retry.getTime() < meeting.startsAt.getTime() ? toStoredInstant(retry) : null);
      log.warn({ err }, 'could not remind the facilitator; will retry before the meeting');
    }
  }
  return sent;
}

/**
 * The facilitator, else whoever scheduled it; for a private incident only while they are still in
 * its channel (a reminder names the incident and where its draft stands).
 */
async function whoToRemind(deps: PostmortemDeps, incident: Incident, meeting: ReviewMeeting): Promise<string | null> {
  const candidates = [meeting.facilitatorId, meeting.scheduledBy].filter((id): id is string => Boolean(id));
  for (const id of candidates) {
    if (!incident.isPrivate || (incident.channelId && (await deps.members.isMember(incident.channelId, id)))) return id;
  }
  return null;
}
