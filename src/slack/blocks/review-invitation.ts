import type { KnownBlock } from '@slack/types';
import type { Incident, ReadyIncident } from '../../incidents/incident';
import { slackDate } from '../../mrkdwn/date-token';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { mention } from '../../mrkdwn/mention';
import type { DraftState } from '../../postmortems/review-meeting';
import type { ReviewMeeting } from '../../postmortems/review-meeting';
import type { SlackMessage } from '../../render/slack-message';
import { splitText } from '../../render/split-text';
import { localParts } from '../../zoned-time';
import { contextLine, mrkdwnSection } from './block-kit';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 of 5 accounts in · still to write: impact, causes (1 of at least 2) · 2 blameless notes open". */
export function draftStateLine(state: DraftState): string {
  const { accounts } = state;
  const accountsIn = accounts.asked === 0 ? 'no accounts asked for yet' : `${accounts.written} of ${accounts.asked} accounts in`;
  const missing = state.missing.length === 0 ? 'every section written' : `still to write: ${state.missing.join(', ')}`;
  const notes = state.notesOpen === 0 ? 'no blameless notes open' : `${plural(state.notesOpen, 'blameless note', 'blameless notes')} open`;
  return `${accountsIn} · ${missing} · ${notes}`;
}

/**
 * When the meeting starts: a date token every reader sees in their own zone, and the wall-clock
 * time in the zone it was scheduled in, so "14:00" means what the scheduler typed.
 */
export function meetingWhen(meeting: Pick<ReviewMeeting, 'startsAt' | 'timeZone'>): string {
  const local = localParts(meeting.startsAt, meeting.timeZone);
  return `${slackDate(meeting.startsAt, '{date_long_pretty} at {time}')} (${local.time} ${meeting.timeZone})`;
}

/** The meeting's time as plain words, for notification text (no tokens there). */
function meetingWhenPlain(meeting: Pick<ReviewMeeting, 'startsAt' | 'timeZone'>): string {
  const local = localParts(meeting.startsAt, meeting.timeZone);
  return `${local.date} ${local.time} ${meeting.timeZone}`;
}

const everyoneInvited = (meeting: ReviewMeeting) => new Set([...meeting.inviteeIds, ...(meeting.facilitatorId ? [meeting.facilitatorId] : [])]);

/** Everyone invited besides the facilitator, each once. */
function othersInvited(meeting: ReviewMeeting): string[] {
  return [...new Set(meeting.inviteeIds)].filter((id) => id !== meeting.facilitatorId);
}

const BLAMELESS =
  'The review is blameless: we look at how things made sense to the people in them at the time, and at what the system could do better — not at who to blame.';

/**
 * The one invitation to the review meeting, in the incident channel: when, who facilitates, who
 * is invited (each mentioned exactly once, the facilitator included), and where the draft stands.
 * The notification text mentions nobody, so nobody is pinged twice.
 */
export function reviewInvitationMessage(incident: ReadyIncident, meeting: ReviewMeeting, state: DraftState): SlackMessage {
  const others = othersInvited(meeting);
  const who = [`*Facilitator:* ${meeting.facilitatorId ? mention(meeting.facilitatorId) : '_nobody chosen yet_'}`];
  if (others.length > 0) who.push(`*Invited:* ${others.map(mention).join(', ')}`);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`:calendar: *Post-mortem review meeting: ${escapeAndTruncate(incident.title, 300)}*\n*When:* ${meetingWhen(meeting)}`),
    ...splitText(who.join('\n')).map(mrkdwnSection),
    contextLine(`*The draft:* ${draftStateLine(state)}`),
    contextLine(`${BLAMELESS} Read the draft beforehand with \`/incident postmortem\`; if you took part, add your own account with \`/incident account\`.`),
  ];
  const count = everyoneInvited(meeting).size;
  return {
    text: `Post-mortem review meeting for ${escapeAndTruncate(incident.title, 150)}: ${meetingWhenPlain(meeting)}, ${plural(count, 'person', 'people')} invited`,
    blocks,
  };
}

/** Said once in the channel when the meeting moves; the invitation itself is edited, and nobody is pinged again. */
export function meetingMovedNote(meeting: ReviewMeeting): SlackMessage {
  return {
    text: `The review meeting moved to ${meetingWhenPlain(meeting)}`,
    blocks: [contextLine(`:arrows_counterclockwise: The review meeting moved to ${meetingWhen(meeting)}. The invitation is updated.`)],
  };
}

/**
 * The facilitator's reminder on the day, in a DM: when, where the draft stands, and how to keep
 * the meeting blameless. Whoever scheduled it is reminded instead when nobody was chosen to lead it.
 */
export function facilitatorReminderMessage(incident: Incident, meeting: ReviewMeeting, state: DraftState, userId: string): SlackMessage {
  const where = incident.channelId ? ` (<#${incident.channelId}>)` : '';
  const title = `*${escapeAndTruncate(incident.title, 300)}*${where}`;
  const facilitating = meeting.facilitatorId === userId;
  const lead = facilitating
    ? `:calendar: You facilitate the post-mortem review of ${title} today: ${meetingWhen(meeting)}.`
    : `:calendar: The post-mortem review of ${title} you scheduled is today: ${meetingWhen(meeting)}. Nobody was chosen to facilitate: lead it yourself or ask someone who was not the incident commander.`;
  const invited = [...everyoneInvited(meeting)].filter((id) => id !== userId).length;
  return {
    text: `Today: the post-mortem review of ${escapeAndTruncate(incident.title, 150)}, ${meetingWhenPlain(meeting)}`,
    blocks: [
      mrkdwnSection(lead),
      mrkdwnSection(`*Where the draft stands:* ${draftStateLine(state)}\n${plural(invited, 'other person is', 'other people are')} invited.`),
      contextLine(
        'Keeping it blameless: ask what people saw and expected, and why their actions made sense at the time; turn "who should have" into "what would have helped". Open the draft with `/incident postmortem` in the incident channel.',
      ),
    ],
  };
}
