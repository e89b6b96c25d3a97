import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { BlamelessNote } from '../../postmortems/postmortem';
import { BlockId, CallbackId, Field, PostmortemAction } from '../ids';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import type { PostmortemFormMetadata } from './postmortem-modal';

/** Notes shown before a modal would pass 100 blocks; the rest are counted. */
const NOTES_SHOWN = 40;

const backButton: KnownBlock = {
  type: 'actions',
  block_id: BlockId.postmortemReviewActions,
  elements: [{ type: 'button', text: { type: 'plain_text', text: 'Back to editing' }, action_id: PostmortemAction.backToEditing }],
};

const publishAnyway: PlainTextOption = {
  text: { type: 'plain_text', text: 'Publish anyway' },
  description: { type: 'plain_text', text: 'The notes you leave are recorded with the post-mortem' },
  value: 'accept',
};

/**
 * After saving: what still stops publishing, or the blameless review's notes pointing at the
 * words, with what to write instead. The author fixes them or publishes anyway, consciously.
 */
export function reviewView(metadata: PostmortemFormMetadata, review: { problems: string[]; notes: BlamelessNote[] }): ModalView {
  const base = {
    type: 'modal' as const,
    callback_id: CallbackId.postmortemReview,
    title: { type: 'plain_text' as const, text: 'Review post-mortem' },
    close: { type: 'plain_text' as const, text: 'Close' },
    private_metadata: JSON.stringify(metadata),
  };
  if (review.problems.length > 0) {
    return {
      ...base,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: ':floppy_disk: Draft saved. Before it can be published:' } },
        { type: 'section', text: { type: 'mrkdwn', text: review.problems.map((p) => `• ${escapeAndTruncate(p, 500)}`).join('\n') } },
        backButton,
      ],
    };
  }
  const blocks: KnownBlock[] = [];
  if (review.notes.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: ':floppy_disk: Draft saved. :white_check_mark: The blameless review found nothing to change.' } });
  } else {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:floppy_disk: Draft saved. The blameless review has ${review.notes.length} ${review.notes.length === 1 ? 'note' : 'notes'}: a post-mortem that looks for people to blame teaches people to hide what happened.`,
      },
    });
    for (const note of review.notes.slice(0, NOTES_SHOWN)) {
      blocks.push({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${escapeAndTruncate(note.where, 200)}:* “${escapeAndTruncate(note.quote, 200)}” — ${escapeAndTruncate(note.message, 500)}\n_${escapeAndTruncate(note.suggestion, 800)}_`,
        },
      });
    }
    if (review.notes.length > NOTES_SHOWN) {
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${review.notes.length - NOTES_SHOWN} more.` }] });
    }
    blocks.push({
      type: 'input',
      block_id: Field.publishAnyway,
      optional: true,
      label: { type: 'plain_text', text: 'Or' },
      element: { type: 'checkboxes', action_id: Field.publishAnyway, options: [publishAnyway] },
    });
  }
  blocks.push(backButton);
  return { ...base, submit: { type: 'plain_text', text: 'Publish' }, blocks };
}

export function publishedView(channels: string[], messages: number, path: string): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.postmortemPublished,
    title: { type: 'plain_text', text: 'Post-mortem' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:tada: Published in ${channels.map((c) => `<#${c}>`).join(' and ')} (${messages} ${messages === 1 ? 'message' : 'messages'}), with \`${escapeAndTruncate(path, 300)}\` for your post-mortems repository. Publishing again after edits updates the same messages.`,
        },
      },
    ],
  };
}

/** Shown at once while saving or publishing (publishing a long post-mortem takes many calls). */
export function postmortemProgressView(text: string): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.postmortemPublishing,
    title: { type: 'plain_text', text: 'Post-mortem' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
