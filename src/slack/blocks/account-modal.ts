import type { KnownBlock, ModalView } from '@slack/types';
import { ACCOUNT_QUESTIONS, ACCOUNT_QUESTION_LABELS, ANSWER_MAX, type Account, type AccountQuestion } from '../../accounts/account';
import type { RecalledMoment } from '../../accounts/recalled-moments';
import type { Incident } from '../../incidents/incident';
import { slackDate } from '../../mrkdwn/date-token';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import type { BlamelessNote } from '../../postmortems/postmortem';
import { splitText } from '../../render/split-text';
import { AccountAction, AccountField, AccountSigned, BlockId, CallbackId, Field } from '../ids';
import { button, contextLine, inputBlock, modal, mrkdwnSection, option, radioButtons, textInput } from './block-kit';

/** Which incident the account is of (the writer is whoever submits it), and the DM message the form was opened from. */
export interface AccountFormMetadata {
  incidentId: string;
  clicked?: { channel: string; ts: string };
}

const named = option('With my name', AccountSigned.named);
const anonymous = option('Anonymously', AccountSigned.anonymous, 'As "Responder B": your name is never shown with it');

const TITLE = 'Your account';

function hintFor(question: AccountQuestion, timeZone: string): string | undefined {
  switch (question) {
    case 'noticed':
      return `A line that starts with a time, e.g. "14:05 saw the error rate climb", is placed on the timeline at that time in your zone (${timeZone}), marked as recalled.`;
    case 'did':
      return `Lines starting with a time (e.g. "14:20 restarted the pods") go on the timeline too, read in ${timeZone}.`;
    case 'expected':
      return 'What you thought would happen next, and why.';
    case 'surprised':
      return 'Anything that looked wrong, was missing, or was hard to find or understand.';
    case 'helped':
      return 'A signal, a tool, a runbook, a person: anything that would have made it easier.';
  }
}

function incidentLine(incident: Incident): string {
  const where = incident.channelId ? ` (<#${incident.channelId}>)` : '';
  return `*${escapeAndTruncate(incident.title, 300)}*${where}`;
}

/**
 * The form for one person's own account of the incident: five questions, each optional, prefilled
 * with what they saved before; whether it is shown with their name; and the zone their typed times
 * are read in (`timeZone`, theirs).
 */
export function accountModal(incident: Incident, account: Account | undefined, timeZone: string, clicked?: AccountFormMetadata['clicked']): ModalView {
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      `Your own account of ${incidentLine(incident)}: what you saw, did and thought at the time. Every question is optional, and there are no wrong answers — write it the way you remember it.`,
    ),
    ...ACCOUNT_QUESTIONS.map((question) =>
      inputBlock(
        ACCOUNT_QUESTION_LABELS[question],
        textInput(AccountField[question], { multiline: true, maxLength: ANSWER_MAX, initial: account?.answers[question] }),
        { optional: true, hint: hintFor(question, timeZone) },
      ),
    ),
    inputBlock('Shown in the post-mortem', radioButtons(Field.accountSigned, [named, anonymous], account?.anonymous ? anonymous : named)),
    contextLine('Saved each time you press Save. You can change it until the post-mortem is published.'),
  ];
  return modal({
    callbackId: CallbackId.account,
    title: TITLE,
    submit: 'Save',
    close: 'Cancel',
    privateMetadata: JSON.stringify({ incidentId: incident.id, clicked } satisfies AccountFormMetadata),
    blocks,
  });
}

/** Notes shown before the view would pass Slack's limits; the rest are counted. */
const NOTES_SHOWN = 20;
const MOMENTS_SHOWN = 30;

function noteBlock(note: BlamelessNote): KnownBlock {
  return mrkdwnSection(
    `*${escapeAndTruncate(note.where, 200)}:* “${escapeAndTruncate(note.quote, 200)}” — ${escapeAndTruncate(note.message, 500)}\n_${escapeAndTruncate(note.suggestion, 800)}_`,
  );
}

function momentsBlock(moments: RecalledMoment[], timeZone: string): KnownBlock[] {
  if (moments.length === 0) return [];
  const lines = moments.slice(0, MOMENTS_SHOWN).map((m) => `• ${slackDate(m.at, '{date_short} {time}')} — ${escapeAndTruncate(m.text, 100)}`);
  if (moments.length > MOMENTS_SHOWN) lines.push(`…and ${moments.length - MOMENTS_SHOWN} more.`);
  const text = `:spiral_calendar_pad: *On the timeline, as you recall them* (your times read in ${timeZone}):\n${lines.join('\n')}`;
  return splitText(text).map(mrkdwnSection);
}

/**
 * Shown in place of the form once the account is saved: thanks; any self-blame in the wording,
 * pointed out gently with what to write instead (it is saved either way); the moments that go on
 * the timeline; and how to change it later.
 */
export function accountSavedView(
  incident: Incident,
  account: Account,
  saved: { notes: BlamelessNote[]; moments: RecalledMoment[]; timeZone: string },
  clicked?: AccountFormMetadata['clicked'],
): ModalView {
  const shown = account.anonymous ? 'It is shown anonymously, as a responder letter, never with your name.' : 'It is shown with your name.';
  const blocks: KnownBlock[] = [mrkdwnSection(`:white_check_mark: Thank you — your account of ${incidentLine(incident)} is saved. ${shown}`)];
  if (saved.notes.length > 0) {
    blocks.push(
      mrkdwnSection(
        ':seedling: A gentle note on the wording, nothing more: your account is saved as you wrote it. Blaming yourself ends the inquiry at you, just as blaming anyone else would; the review learns more from what made the situation hard.',
      ),
      ...saved.notes.slice(0, NOTES_SHOWN).map(noteBlock),
    );
    if (saved.notes.length > NOTES_SHOWN) blocks.push(contextLine(`…and ${saved.notes.length - NOTES_SHOWN} more.`));
  }
  blocks.push(...momentsBlock(saved.moments, saved.timeZone));
  blocks.push(
    contextLine('You can change it until the post-mortem is published: here, with the button in our DM, or with `/incident account` in the incident channel.'),
    { type: 'actions', block_id: BlockId.accountSavedActions, elements: [button('Edit my account', AccountAction.write, { value: incident.id })] },
  );
  return modal({
    callbackId: CallbackId.accountSaved,
    title: TITLE,
    close: 'Done',
    privateMetadata: JSON.stringify({ incidentId: incident.id, clicked } satisfies AccountFormMetadata),
    blocks,
  });
}
