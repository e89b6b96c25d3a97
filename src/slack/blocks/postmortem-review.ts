import type { KnownBlock, ModalView } from '@slack/types';
import type { BlamelessNote } from '../../postmortems/postmortem';
import type { ReviewMeeting } from '../../postmortems/review-meeting';
import { BlockId, CallbackId, Field, PostmortemAction } from '../ids';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import type { PostmortemFormMetadata } from './postmortem-modal';
import { button, checkbox, contextLine, inputBlock, modal, mrkdwnSection, option } from './block-kit';
import { repositoryLink } from '../../mrkdwn/repository-link';
import { meetingWhen } from './review-invitation';

/** Notes shown before a modal would pass 100 blocks; the rest are counted. */
const NOTES_SHOWN = 40;
/** Notes on participants' accounts shown below the draft's, within the same 100 blocks. */
const ACCOUNT_NOTES_SHOWN = 20;

function noteSection(note: BlamelessNote): KnownBlock {
  return mrkdwnSection(
    `*${escapeAndTruncate(note.where, 200)}:* “${escapeAndTruncate(note.quote, 200)}” — ${escapeAndTruncate(note.message, 500)}\n_${escapeAndTruncate(note.suggestion, 800)}_`,
  );
}

/**
 * Self-blame in the participants' accounts: the author should know before the meeting, but only
 * an account's writer can change it, so these never stand between the draft and publishing.
 */
function accountNoteBlocks(notes: BlamelessNote[]): KnownBlock[] {
  if (notes.length === 0) return [];
  return [
    contextLine(
      `:speech_balloon: In the participants' accounts, ${notes.length === 1 ? 'one place reads' : `${notes.length} places read`} as self-blame. Only their writers can change an account; talk it through in the review, it does not stop publishing.`,
    ),
    ...notes.slice(0, ACCOUNT_NOTES_SHOWN).map(noteSection),
    ...(notes.length > ACCOUNT_NOTES_SHOWN ? [contextLine(`…and ${notes.length - ACCOUNT_NOTES_SHOWN} more.`)] : []),
  ];
}

/** The review meeting as the review step sees it. */
export interface ReviewStepMeeting {
  /** The draft's meeting date and time, in the viewer's zone, once both are chosen. */
  planned: { date: string; time: string; timeZone: string } | null;
  /** The meeting as scheduled, if it is. */
  meeting: ReviewMeeting | null;
  /** The planned time is not what is scheduled: "Invite to the review" is offered. */
  canInvite: boolean;
  /** Said first, e.g. that the invitation was just posted, or why it was not. */
  notice?: string;
}

function actionsBlock(canInvite: boolean): KnownBlock {
  const back = button('Back to editing', PostmortemAction.backToEditing);
  return {
    type: 'actions',
    block_id: BlockId.postmortemReviewActions,
    elements: canInvite ? [back, button('Invite to the review', PostmortemAction.inviteToReview, { style: 'primary' })] : [back],
  };
}

/** Where the review meeting stands, and what inviting would do. */
function meetingBlock(step: ReviewStepMeeting): KnownBlock {
  const { planned, meeting } = step;
  if (planned && step.canInvite) {
    const at = `${planned.date} at ${planned.time} (${planned.timeZone})`;
    return mrkdwnSection(
      meeting
        ? `:calendar: *Review meeting:* scheduled for ${meetingWhen(meeting)}, but the draft now says ${at}. *Invite to the review* moves it: the invitation is edited and the channel told.`
        : `:calendar: *Review meeting:* ${at}, not announced yet. *Invite to the review* posts one invitation in the incident channel, mentioning everyone invited.`,
    );
  }
  if (meeting) return contextLine(`:calendar: Review meeting scheduled for ${meetingWhen(meeting)}; the invitation is in the incident channel.`);
  return contextLine(
    'No review meeting yet: pick its date and time under *Review meeting* (Back to editing) and save, or run `/incident review 2026-12-08 14:00` in the incident channel.',
  );
}

const publishAnyway = option('Publish anyway', 'accept', 'The notes you leave are recorded with the post-mortem');

/**
 * After saving: what still stops publishing, or the blameless review's notes pointing at the
 * words, with what to write instead. The author fixes them or publishes anyway, consciously.
 * Below, the review meeting: "Invite to the review" when the draft's date and time are not yet
 * what is scheduled, or how to schedule it.
 */
export function reviewView(
  metadata: PostmortemFormMetadata,
  review: { problems: string[]; notes: BlamelessNote[]; accountNotes?: BlamelessNote[] },
  step: ReviewStepMeeting = { planned: null, meeting: null, canInvite: false },
): ModalView {
  const view = { callbackId: CallbackId.postmortemReview, title: 'Review post-mortem', close: 'Close', privateMetadata: JSON.stringify(metadata) };
  const top: KnownBlock[] = step.notice ? [mrkdwnSection(step.notice)] : [];
  const bottom: KnownBlock[] = [meetingBlock(step), actionsBlock(step.canInvite)];
  if (review.problems.length > 0) {
    return modal({
      ...view,
      blocks: [
        ...top,
        mrkdwnSection(':floppy_disk: Draft saved. Before it can be published:'),
        mrkdwnSection(review.problems.map((p) => `• ${escapeAndTruncate(p, 500)}`).join('\n')),
        ...bottom,
      ],
    });
  }
  const blocks: KnownBlock[] = [...top];
  if (review.notes.length === 0) {
    blocks.push(mrkdwnSection(':floppy_disk: Draft saved. :white_check_mark: The blameless review found nothing to change.'));
  } else {
    const count = `${review.notes.length} ${review.notes.length === 1 ? 'note' : 'notes'}`;
    blocks.push(mrkdwnSection(`:floppy_disk: Draft saved. The blameless review has ${count}: a post-mortem that looks for people to blame teaches people to hide what happened.`));
    blocks.push(...review.notes.slice(0, NOTES_SHOWN).map(noteSection));
    if (review.notes.length > NOTES_SHOWN) blocks.push(contextLine(`…and ${review.notes.length - NOTES_SHOWN} more.`));
    blocks.push(inputBlock('Or', checkbox(Field.publishAnyway, publishAnyway), { optional: true }));
  }
  blocks.push(...accountNoteBlocks(review.accountNotes ?? []), ...bottom);
  return modal({ ...view, submit: 'Publish', blocks });
}

export function publishedView(channels: string[], messages: number, path: string, fileLink: string | null = null): ModalView {
  const where = `${channels.map((c) => `<#${c}>`).join(' and ')} (${messages} ${messages === 1 ? 'message' : 'messages'})`;
  return modal({
    callbackId: CallbackId.postmortemPublished,
    title: 'Post-mortem',
    close: 'Close',
    blocks: [
      mrkdwnSection(
        fileLink
          ? `:tada: Published in ${where}, and being committed to the team's repository as ${repositoryLink(fileLink, path)}. Publishing again after edits updates the same messages and the file.`
          : `:tada: Published in ${where}, with \`${escapeAndTruncate(path, 300)}\` for your post-mortems repository. Publishing again after edits updates the same messages.`,
      ),
    ],
  });
}

/** Shown at once while saving or publishing (publishing a long post-mortem takes many calls). */
export function postmortemProgressView(text: string): ModalView {
  return modal({ callbackId: CallbackId.postmortemPublishing, title: 'Post-mortem', close: 'Close', blocks: [mrkdwnSection(text)] });
}
