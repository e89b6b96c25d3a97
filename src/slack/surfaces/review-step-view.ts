import type { ModalView } from '@slack/types';
import type { BlamelessNote } from '../../postmortems/postmortem';
import { postmortemFor } from '../../postmortems/postmortem-queries';
import { reviewPostmortem } from '../../postmortems/publish-postmortem';
import { instantFromLocal } from '../../zoned-time';
import { type ReviewStepMeeting, reviewView } from '../blocks/postmortem-review';
import type { ListenerDeps, Services } from '../listeners/listener-deps';
import { reviewMeetingOf } from '../../postmortems/review-meeting-queries';

/**
 * The review step after "Save and review": what stops publishing or the blameless notes
 * (`review`, else read now), and the review meeting: "Invite to the review" is offered when the
 * saved draft has a date and time (read in the viewer's zone, as scheduling would) that is not
 * the meeting's already. `notice` is said first.
 */
export async function reviewStepView(
  deps: ListenerDeps,
  services: Services,
  viewer: { incidentId: string; userId: string; version: number },
  options: { review?: { problems: string[]; notes: BlamelessNote[]; accountNotes?: BlamelessNote[] }; notice?: string } = {},
): Promise<ModalView> {
  const { incidentId, userId, version } = viewer;
  const [review, postmortem, meeting, timeZone] = await Promise.all([
    options.review ?? reviewPostmortem(services.postmortems, incidentId),
    postmortemFor(deps.db, incidentId),
    reviewMeetingOf(deps.db, incidentId),
    services.people.timeZoneOr(userId, deps.config.reminders.defaultTimeZone),
  ]);
  const { meetingDate: date, meetingTime: time, meetingTimeZone } = postmortem.content;
  // The draft's date and time are in the zone they were set in.
  const planned = date && time ? { date, time, timeZone: meetingTimeZone ?? timeZone } : null;
  const at = planned && instantFromLocal(planned.date, planned.time, planned.timeZone);
  // A meeting scheduled after the draft was last saved (with `/incident review`) is not moved back.
  const draftIsNewer = !meeting || (postmortem.updatedAt !== null && postmortem.updatedAt.getTime() > meeting.updatedAt.getTime());
  const step: ReviewStepMeeting = {
    planned,
    meeting,
    canInvite: planned !== null && draftIsNewer && (!meeting || !at || at.getTime() !== meeting.startsAt.getTime()),
    notice: options.notice,
  };
  return reviewView({ incidentId, version }, review, step);
}
