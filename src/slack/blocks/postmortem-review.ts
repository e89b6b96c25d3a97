import type { KnownBlock, ModalView } from '@slack/types';
import type { BlamelessNote } from '../../postmortems/postmortem';
import { BlockId, CallbackId, Field, PostmortemAction } from '../ids';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import type { PostmortemFormMetadata } from './postmortem-modal';
import { button, checkbox, contextLine, inputBlock, modal, mrkdwnSection, option } from './block-kit';
import { repositoryLink } from '../../mrkdwn/repository-link';

/** Notes shown before a modal would pass 100 blocks; the rest are counted. */
const NOTES_SHOWN = 40;

const backButton: KnownBlock = {
  type: 'actions',
  block_id: BlockId.postmortemReviewActions,
  elements: [button('Back to editing', PostmortemAction.backToEditing)],
};

const publishAnyway = option('Publish anyway', 'accept', 'The notes you leave are recorded with the post-mortem');

/**
 * After saving: what still stops publishing, or the blameless review's notes pointing at the
 * words, with what to write instead. The author fixes them or publishes anyway, consciously.
 */
export function reviewView(metadata: PostmortemFormMetadata, review: { problems: string[]; notes: BlamelessNote[] }): ModalView {
  const view = { callbackId: CallbackId.postmortemReview, title: 'Review post-mortem', close: 'Close', privateMetadata: JSON.stringify(metadata) };
  if (review.problems.length > 0) {
    return modal({
      ...view,
      blocks: [
        mrkdwnSection(':floppy_disk: Draft saved. Before it can be published:'),
        mrkdwnSection(review.problems.map((p) => `• ${escapeAndTruncate(p, 500)}`).join('\n')),
        backButton,
      ],
    });
  }
  const blocks: KnownBlock[] = [];
  if (review.notes.length === 0) {
    blocks.push(mrkdwnSection(':floppy_disk: Draft saved. :white_check_mark: The blameless review found nothing to change.'));
  } else {
    const count = `${review.notes.length} ${review.notes.length === 1 ? 'note' : 'notes'}`;
    blocks.push(mrkdwnSection(`:floppy_disk: Draft saved. The blameless review has ${count}: a post-mortem that looks for people to blame teaches people to hide what happened.`));
    for (const note of review.notes.slice(0, NOTES_SHOWN)) {
      blocks.push(
        mrkdwnSection(
          `*${escapeAndTruncate(note.where, 200)}:* “${escapeAndTruncate(note.quote, 200)}” — ${escapeAndTruncate(note.message, 500)}\n_${escapeAndTruncate(note.suggestion, 800)}_`,
        ),
      );
    }
    if (review.notes.length > NOTES_SHOWN) blocks.push(contextLine(`…and ${review.notes.length - NOTES_SHOWN} more.`));
    blocks.push(inputBlock('Or', checkbox(Field.publishAnyway, publishAnyway), { optional: true }));
  }
  blocks.push(backButton);
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
