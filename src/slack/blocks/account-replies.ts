import { type Account, accountProgress } from '../../accounts/account';
import type { AccountsRequested } from '../../accounts/request-accounts';
import type { ReadyIncident } from '../../incidents/incident';
import { mention } from '../../mrkdwn/mention';
import type { ReviewMeeting } from '../../postmortems/review-meeting';
import { COMMAND } from '../ids';
import { progressLine, waitingLine } from './accounts-summary';
import { meetingWhen } from './review-invitation';

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** `/incident accounts`: how many accounts are in, the declined, and who has not answered yet. */
export function accountsProgressText(accounts: Account[]): string {
  const progress = accountProgress(accounts);
  if (progress.asked === 0) {
    return `Nobody has been asked for their own account of this incident yet. \`${COMMAND} accounts request\` asks everyone who took part, in a DM each.`;
  }
  const waiting = waitingLine(progress.waitingFor) || 'Everyone asked has answered.';
  return `*${progressLine(progress)}*\n${waiting}\nAnyone in this channel can write or change theirs with \`${COMMAND} account\` until the post-mortem is published.`;
}

/** `/incident accounts request`: whom it asked now, or that everyone was asked already. */
export function accountsRequestedText({ added, participants }: AccountsRequested): string {
  if (added.length > 0) {
    const before = participants.length - added.length;
    const earlier = before > 0 ? ` (${people(before)} had been asked before.)` : '';
    return `:incoming_envelope: Asking ${people(added.length)} for their own account, each in a DM: ${added.map(mention).join(', ')}. Whoever has not answered gets one gentle reminder a day later.${earlier}`;
  }
  if (participants.length > 0) {
    return `Everyone who took part was already asked (${people(participants.length)}). \`${COMMAND} accounts\` shows who has answered.`;
  }
  return 'I found nobody to ask: only people who took part are asked (never bots), and for a private incident only members of its channel.';
}

/** `/incident review …`: what was scheduled, where the invitation is, and who leads it. */
export function reviewScheduledText(incident: ReadyIncident, meeting: ReviewMeeting): string {
  const invited = new Set([...meeting.inviteeIds, ...(meeting.facilitatorId ? [meeting.facilitatorId] : [])]).size;
  const lead = meeting.facilitatorId
    ? `${mention(meeting.facilitatorId)} facilitates and is reminded on the day.`
    : `Nobody facilitates yet, so you are reminded on the day; choose someone who was not the incident commander in \`${COMMAND} postmortem\`.`;
  return `:calendar: Review meeting scheduled for ${meetingWhen(meeting)}. The invitation is in <#${incident.channelId}>, mentioning the ${people(invited)} invited. ${lead}`;
}
