import type { ActionsBlock, InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { ACTION_ITEM_TYPE_LABELS, type ActionItem } from '../../action-items/action-item';
import type { Account } from '../../accounts/account';
import type { Incident } from '../../incidents/incident';
import { CAUSE_GROUP_QUESTIONS, type Postmortem, type PostmortemContent } from '../../postmortems/postmortem';
import type { ReviewProposal } from '../../postmortems/propose-invitees';
import type { ReviewMeeting } from '../../postmortems/review-meeting';
import { BlockId, CallbackId, Field, PostmortemAction } from '../ids';
import { escapeAndTruncate, mrkdwnLink } from '../../mrkdwn/escape';
import { slackDate } from '../../mrkdwn/date-token';
import { splitText } from '../../render/split-text';
import { accountsBlocks } from './accounts-summary';
import {
  button,
  checkbox,
  contextLine,
  datepicker,
  header,
  inputBlock,
  modal,
  mrkdwnSection,
  multiUsersSelect,
  option,
  staticSelect,
  textInput,
  timepicker,
  usersSelect,
} from './block-kit';
import { peopleFingerprint } from './people-fingerprint';
import { meetingWhen } from './review-invitation';
import { relatedIncidentsBlocks } from './related-incidents-input';
import type { RelatedChoices } from '../../recurrence/related-incidents';

/** Which draft the form was opened on: a save over a newer one is refused, not silent. */
export interface PostmortemFormMetadata {
  incidentId: string;
  version: number;
  /**
   * The review's facilitator and invitees as proposed, when the form showed the proposal because
   * the author had not chosen (invitees as {@link peopleFingerprint}): left so, they stay unchosen.
   */
  proposed?: { facilitatorId?: string | null; invitees?: string };
}

/** What the form shows besides the draft itself. */
export interface PostmortemFormContext {
  /** Shown first, e.g. that someone else saved since this person opened the form. */
  notice?: string;
  /** The draft version the person's text is based on (kept when the form is refreshed). */
  basedOnVersion?: number;
  /** Every account asked for or written. */
  accounts?: Account[];
  /** Whom the review would invite and who would lead it, where the author has not chosen. */
  proposal?: ReviewProposal | null;
  /** The review meeting, once scheduled. */
  meeting?: ReviewMeeting | null;
  /** Past incidents to keep as related (suggested, or kept before), and which are ticked. */
  related?: RelatedChoices | null;
}

/** Items shown one per block with their own menu; beyond this, pickers keep the modal under 100 blocks. */
export const ITEMS_LISTED_ONE_BY_ONE = 50;
const INPUT_MAX = 3000;

const lines = (items: string[]) => items.join('\n');

/** A multi-line answer in the form; every one may be left empty while drafting. */
function answer(field: string, label: string, value: string, hint?: string): InputBlock {
  return inputBlock(label, textInput(field, { multiline: true, maxLength: INPUT_MAX, initial: value }), { optional: true, hint });
}

/** Told when someone else saved after this person opened the form. */
export function conflictNotice(savedBy: string | null, savedAt: Date | null): string {
  const who = savedBy ? `<@${savedBy}>` : 'Someone';
  const when = savedAt ? slackDate(savedAt) : 'just now';
  return `${who} saved this post-mortem ${when}, after you opened it. Your text is below and was not saved; save again to replace their version, or close and reopen to see theirs.`;
}

/** One line describing an action item, as listed in the form. */
export function actionItemLine(item: ActionItem): string {
  const ticket = item.ticketUrl ? ` · ${mrkdwnLink(item.ticketUrl, 'ticket')}` : '';
  const issue = item.issue ? ` · ${mrkdwnLink(item.issue.url, item.issue.label)}` : '';
  return `*${escapeAndTruncate(item.description, 1500)}*\n<@${item.ownerId}> · due ${item.dueDate} · ${ACTION_ITEM_TYPE_LABELS[item.type]}${issue}${ticket}`;
}

const itemOption = (item: ActionItem): PlainTextOption => option(item.description.slice(0, 75), item.id);

function actionItemBlocks(items: ActionItem[]): KnownBlock[] {
  const add: ActionsBlock = {
    type: 'actions',
    block_id: BlockId.postmortemItems,
    elements: [button('Add action item', PostmortemAction.addActionItem)],
  };
  if (items.length === 0) {
    return [contextLine('No action items yet. Each gets one owner and a due date.'), add];
  }
  if (items.length <= ITEMS_LISTED_ONE_BY_ONE) {
    const listed: KnownBlock[] = items.map((item) => ({
      type: 'section',
      block_id: `item:${item.id}`,
      text: { type: 'mrkdwn', text: actionItemLine(item) },
      accessory: {
        type: 'overflow',
        action_id: PostmortemAction.actionItemMenu,
        options: [option('Edit', `edit:${item.id}`), option('Remove', `remove:${item.id}`)],
      },
    }));
    return [...listed, add];
  }
  // Too many to give each a block: list them as text and pick one to edit or remove.
  const text = items.map((item, i) => `${i + 1}. ${escapeAndTruncate(item.description, 200)} — <@${item.ownerId}>, due ${item.dueDate}`).join('\n');
  const picker = (actionId: string, placeholder: string) => staticSelect(actionId, items.slice(0, 100).map(itemOption), { placeholder });
  return [
    ...splitText(text).map(mrkdwnSection),
    {
      type: 'actions',
      block_id: `${BlockId.postmortemItems}_pick`,
      elements: [picker(PostmortemAction.editActionItem, 'Edit an item…'), picker(PostmortemAction.removeActionItem, 'Remove an item…')],
    },
    add,
  ];
}

/** How to get the meeting on people's calendars, or when it is. */
function meetingLine(meeting: ReviewMeeting | null | undefined): string {
  if (meeting) {
    return `:calendar: Scheduled for ${meetingWhen(meeting)}; the invitation is in the incident channel. To move it, change the date or time, save, and invite again.`;
  }
  return 'Not scheduled yet. Save with a date and time, then choose *Invite to the review* in the next step, or run `/incident review 2026-12-08 14:00` in the incident channel (your own time zone).';
}

function reviewMeetingBlocks(content: PostmortemContent, context: PostmortemFormContext): KnownBlock[] {
  const { proposal } = context;
  const facilitator = content.facilitatorId ?? proposal?.facilitatorId ?? null;
  const invitees = content.invitees ?? proposal?.invitees ?? [];
  return [
    header('Review meeting'),
    inputBlock('Facilitator', usersSelect(Field.facilitator, facilitator), {
      optional: true,
      hint: 'Best someone who was not the incident commander, so the person who led the response is free to tell it.',
    }),
    inputBlock('Invite', multiUsersSelect(Field.invitees, { placeholder: 'Who joins the review', initial: invitees }), {
      optional: true,
      hint: 'Proposed: everyone who took part, and the post-mortem’s authors.',
    }),
    inputBlock('Meeting date', datepicker(Field.meetingDate, content.meetingDate), { optional: true }),
    inputBlock('Meeting time', timepicker(Field.meetingTime, content.meetingTime), {
      optional: true,
      hint: content.meetingTimeZone
        ? `In ${content.meetingTimeZone}, where it was set. Change the date or time and it is read in your own time zone.`
        : 'In your own time zone.',
    }),
    contextLine(meetingLine(context.meeting)),
  ];
}

/** What the form showed as proposed (the author had not chosen), for the parser to recognise. */
function proposedShown(content: PostmortemContent, proposal: ReviewProposal | null | undefined): PostmortemFormMetadata['proposed'] {
  if (!proposal) return undefined;
  const shown: NonNullable<PostmortemFormMetadata['proposed']> = {};
  if (content.facilitatorId === null) shown.facilitatorId = proposal.facilitatorId;
  if (content.invitees === null) shown.invitees = peopleFingerprint(proposal.invitees);
  return Object.keys(shown).length > 0 ? shown : undefined;
}

/**
 * The post-mortem form. Lists hold one entry per line. Participants' accounts are summarised
 * (an anonymous one only by its responder letter); the review meeting's facilitator and invitees
 * start as proposed until the author changes them.
 */
export function postmortemModal(
  incident: Incident,
  postmortem: Postmortem,
  content: PostmortemContent,
  items: ActionItem[],
  context: PostmortemFormContext = {},
): ModalView {
  const { notice, basedOnVersion = postmortem.version } = context;
  const saved = postmortem.updatedBy && postmortem.updatedAt
    ? `Last saved by <@${postmortem.updatedBy}> ${slackDate(postmortem.updatedAt)}.`
    : 'Not saved yet. Anyone in the incident channel can write it with you.';
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(mrkdwnSection(`:warning: ${notice}`));
  blocks.push(
    contextLine(`*${escapeAndTruncate(incident.title, 500)}* · ${saved}`),
    answer(Field.summary, 'Summary', content.summary, 'What happened and why, in a few sentences.'),
    answer(Field.impact, 'Impact', content.impact, 'Who or what was affected, how much, for how long.'),
    header('Causes'),
    contextLine('No incident has a single cause. One per line; at least two in all before publishing.'),
    answer(Field.causeAvoid, CAUSE_GROUP_QUESTIONS.avoid, lines(content.causes.avoid)),
    answer(Field.causeDetect, CAUSE_GROUP_QUESTIONS.detect, lines(content.causes.detect)),
    answer(Field.causeFixFaster, CAUSE_GROUP_QUESTIONS.fixFaster, lines(content.causes.fixFaster)),
    answer(Field.fiveWhys, 'Five whys', lines(content.fiveWhys), 'Optional: one "why" per line, each answering the one before.'),
    header('Lessons'),
    answer(Field.wentWell, 'What went well', lines(content.wentWell)),
    answer(Field.wentWrong, 'What went wrong', lines(content.wentWrong)),
    answer(Field.gotLucky, 'Where we got lucky', lines(content.gotLucky)),
    ...accountsBlocks(context.accounts ?? []),
    header(`Action items (${items.length})`),
    ...actionItemBlocks(items),
    ...reviewMeetingBlocks(content, context),
    inputBlock('Tags', textInput(Field.tags, { maxLength: 500, initial: content.tags.join(', ') }), {
      optional: true,
      hint: 'Comma-separated, e.g. database, deploys',
    }),
    inputBlock('Publishing', checkbox(Field.anonymise, anonymiseOption, content.anonymise), { optional: true }),
    ...relatedIncidentsBlocks(context.related),
  );
  return modal({
    callbackId: CallbackId.postmortem,
    title: 'Post-mortem',
    submit: 'Save and review',
    close: 'Close',
    privateMetadata: JSON.stringify({
      incidentId: incident.id,
      version: basedOnVersion,
      proposed: proposedShown(content, context.proposal),
    } satisfies PostmortemFormMetadata),
    blocks,
  });
}

const anonymiseOption = option('Anonymise', 'anonymise', 'Publish people as roles ("Commander", "Responder A")');
