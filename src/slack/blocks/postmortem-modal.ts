import type { ActionsBlock, InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { ACTION_ITEM_TYPE_LABELS, type ActionItem } from '../../action-items/action-item';
import type { Incident } from '../../incidents/incident';
import { CAUSE_GROUP_QUESTIONS, type Postmortem, type PostmortemContent } from '../../postmortems/postmortem';
import { BlockId, CallbackId, Field, PostmortemAction } from '../ids';
import { escapeAndTruncate, mrkdwnLink } from '../../mrkdwn/escape';
import { slackDate } from '../../mrkdwn/date-token';

/** Which draft the form was opened on: a save over a newer one is refused, not silent. */
export interface PostmortemFormMetadata {
  incidentId: string;
  version: number;
}

/** Items shown one per block with their own menu; beyond this, pickers keep the modal under 100 blocks. */
export const ITEMS_LISTED_ONE_BY_ONE = 50;
const INPUT_MAX = 3000;

const lines = (items: string[]) => items.join('\n');

function textInput(field: string, label: string, value: string, options: { optional?: boolean; hint?: string; placeholder?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: field,
    optional: options.optional ?? true,
    label: { type: 'plain_text', text: label },
    ...(options.hint ? { hint: { type: 'plain_text', text: options.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: field,
      multiline: true,
      max_length: INPUT_MAX,
      ...(options.placeholder ? { placeholder: { type: 'plain_text', text: options.placeholder } } : {}),
      ...(value ? { initial_value: value.slice(0, INPUT_MAX) } : {}),
    },
  };
}

const heading = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });

/** Told when someone else saved after this person opened the form. */
export function conflictNotice(savedBy: string | null, savedAt: Date | null): string {
  const who = savedBy ? `<@${savedBy}>` : 'Someone';
  const when = savedAt ? slackDate(savedAt) : 'just now';
  return `${who} saved this post-mortem ${when}, after you opened it. Your text is below and was not saved; save again to replace their version, or close and reopen to see theirs.`;
}

/** One line describing an action item, as listed in the form. */
export function actionItemLine(item: ActionItem): string {
  const ticket = item.ticketUrl ? ` · ${mrkdwnLink(item.ticketUrl, 'ticket')}` : '';
  return `*${escapeAndTruncate(item.description, 1500)}*\n<@${item.ownerId}> · due ${item.dueDate} · ${ACTION_ITEM_TYPE_LABELS[item.type]}${ticket}`;
}

const itemOption = (item: ActionItem): PlainTextOption => ({
  text: { type: 'plain_text', text: item.description.slice(0, 75) },
  value: item.id,
});

function actionItemBlocks(items: ActionItem[]): KnownBlock[] {
  const add: ActionsBlock = {
    type: 'actions',
    block_id: BlockId.postmortemItems,
    elements: [{ type: 'button', text: { type: 'plain_text', text: 'Add action item' }, action_id: PostmortemAction.addActionItem }],
  };
  if (items.length === 0) {
    return [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'No action items yet. Each gets one owner and a due date.' }] }, add];
  }
  if (items.length <= ITEMS_LISTED_ONE_BY_ONE) {
    const listed: KnownBlock[] = items.map((item) => ({
      type: 'section',
      block_id: `item:${item.id}`,
      text: { type: 'mrkdwn', text: actionItemLine(item) },
      accessory: {
        type: 'overflow',
        action_id: PostmortemAction.actionItemMenu,
        options: [
          { text: { type: 'plain_text', text: 'Edit' }, value: `edit:${item.id}` },
          { text: { type: 'plain_text', text: 'Remove' }, value: `remove:${item.id}` },
        ],
      },
    }));
    return [...listed, add];
  }
  // Too many to give each a block: list them as text and pick one to edit or remove.
  const text = items.map((item, i) => `${i + 1}. ${escapeAndTruncate(item.description, 200)} — <@${item.ownerId}>, due ${item.dueDate}`).join('\n');
  const chunks = text.match(/[\s\S]{1,2900}(?:\n|$)/g) ?? [text];
  const picker = (actionId: string, placeholder: string) => ({
    type: 'static_select' as const,
    action_id: actionId,
    placeholder: { type: 'plain_text' as const, text: placeholder },
    options: items.slice(0, 100).map(itemOption),
  });
  return [
    ...chunks.map((chunk): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: chunk } })),
    {
      type: 'actions',
      block_id: `${BlockId.postmortemItems}_pick`,
      elements: [picker(PostmortemAction.editActionItem, 'Edit an item…'), picker(PostmortemAction.removeActionItem, 'Remove an item…')],
    },
    add,
  ];
}

/**
 * The post-mortem form. Lists hold one entry per line. `notice` is shown first, e.g. that
 * someone else saved since this person opened the form.
 */
export function postmortemModal(
  incident: Incident,
  postmortem: Postmortem,
  content: PostmortemContent,
  items: ActionItem[],
  notice?: string,
  /** The draft version the person's text is based on (kept when the form is refreshed). */
  basedOnVersion: number = postmortem.version,
): ModalView {
  const saved = postmortem.updatedBy && postmortem.updatedAt
    ? `Last saved by <@${postmortem.updatedBy}> ${slackDate(postmortem.updatedAt)}.`
    : 'Not saved yet. Anyone in the incident channel can write it with you.';
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${notice}` } });
  blocks.push(
    { type: 'context', elements: [{ type: 'mrkdwn', text: `*${escapeAndTruncate(incident.title, 500)}* · ${saved}` }] },
    textInput(Field.summary, 'Summary', content.summary, { hint: 'What happened and why, in a few sentences.' }),
    textInput(Field.impact, 'Impact', content.impact, { hint: 'Who or what was affected, how much, for how long.' }),
    heading('Causes'),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'No incident has a single cause. One per line; at least two in all before publishing.' }],
    },
    textInput(Field.causeAvoid, CAUSE_GROUP_QUESTIONS.avoid, lines(content.causes.avoid)),
    textInput(Field.causeDetect, CAUSE_GROUP_QUESTIONS.detect, lines(content.causes.detect)),
    textInput(Field.causeFixFaster, CAUSE_GROUP_QUESTIONS.fixFaster, lines(content.causes.fixFaster)),
    textInput(Field.fiveWhys, 'Five whys', lines(content.fiveWhys), { hint: 'Optional: one "why" per line, each answering the one before.' }),
    heading('Lessons'),
    textInput(Field.wentWell, 'What went well', lines(content.wentWell)),
    textInput(Field.wentWrong, 'What went wrong', lines(content.wentWrong)),
    textInput(Field.gotLucky, 'Where we got lucky', lines(content.gotLucky)),
    heading(`Action items (${items.length})`),
    ...actionItemBlocks(items),
    heading('Review meeting'),
    {
      type: 'input',
      block_id: Field.facilitator,
      optional: true,
      label: { type: 'plain_text', text: 'Facilitator' },
      element: { type: 'users_select', action_id: Field.facilitator, ...(content.facilitatorId ? { initial_user: content.facilitatorId } : {}) },
    },
    {
      type: 'input',
      block_id: Field.meetingDate,
      optional: true,
      label: { type: 'plain_text', text: 'Meeting date' },
      element: { type: 'datepicker', action_id: Field.meetingDate, ...(content.meetingDate ? { initial_date: content.meetingDate } : {}) },
    },
    {
      type: 'input',
      block_id: Field.tags,
      optional: true,
      label: { type: 'plain_text', text: 'Tags' },
      hint: { type: 'plain_text', text: 'Comma-separated, e.g. database, deploys' },
      element: {
        type: 'plain_text_input',
        action_id: Field.tags,
        max_length: 500,
        ...(content.tags.length ? { initial_value: content.tags.join(', ') } : {}),
      },
    },
    {
      type: 'input',
      block_id: Field.anonymise,
      optional: true,
      label: { type: 'plain_text', text: 'Publishing' },
      element: {
        type: 'checkboxes',
        action_id: Field.anonymise,
        options: [anonymiseOption],
        ...(content.anonymise ? { initial_options: [anonymiseOption] } : {}),
      },
    },
  );
  return {
    type: 'modal',
    callback_id: CallbackId.postmortem,
    title: { type: 'plain_text', text: 'Post-mortem' },
    submit: { type: 'plain_text', text: 'Save and review' },
    close: { type: 'plain_text', text: 'Close' },
    private_metadata: JSON.stringify({ incidentId: incident.id, version: basedOnVersion } satisfies PostmortemFormMetadata),
    blocks,
  };
}

const anonymiseOption: PlainTextOption = {
  text: { type: 'plain_text', text: 'Anonymise' },
  description: { type: 'plain_text', text: 'Publish people as roles ("Commander", "Responder A")' },
  value: 'anonymise',
};
