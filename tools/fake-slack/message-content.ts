import { MESSAGE_BLOCKS_TEXT_LIMIT, blocksTextLength, checkBlocks } from './block-kit-limits';
import { SlackApiError } from './slack-api-error';
import type { SlackObject } from './types';

export interface MessageContent {
  text?: string;
  blocks?: SlackObject[];
  attachments?: SlackObject[];
}

/**
 * Validates what a message would show, with the error codes chat.postMessage, chat.update,
 * chat.postEphemeral and response URLs share: `invalid_blocks_format` for blocks that are not a
 * JSON array, `invalid_blocks` for Block Kit violations (with the problems listed the way Slack
 * lists them), `msg_blocks_too_long`, `no_text` and `markdown_text_conflict`.
 */
export function readMessageContent(
  raw: { text?: unknown; blocks?: unknown; attachments?: unknown; markdown_text?: unknown },
  { requireContent }: { requireContent: boolean },
): MessageContent {
  const content: MessageContent = {};
  if (raw.text !== undefined && raw.text !== null) content.text = String(raw.text);

  if (raw.markdown_text !== undefined && raw.markdown_text !== null && raw.markdown_text !== '') {
    if ((content.text ?? '') !== '' || raw.blocks !== undefined) throw new SlackApiError('markdown_text_conflict');
    content.text = String(raw.markdown_text);
    content.blocks = [{ type: 'markdown', text: content.text }];
  }

  if (raw.blocks !== undefined && raw.blocks !== null && raw.blocks !== '') {
    if (!Array.isArray(raw.blocks)) throw new SlackApiError('invalid_blocks_format');
    rejectBadBlocks(raw.blocks);
    content.blocks = raw.blocks as SlackObject[];
  }

  if (raw.attachments !== undefined && raw.attachments !== null && raw.attachments !== '') {
    if (!Array.isArray(raw.attachments)) throw new SlackApiError('invalid_attachments');
    raw.attachments.forEach((attachment: unknown, i: number) => {
      const blocks = (attachment as SlackObject | null)?.blocks;
      if (blocks !== undefined) rejectBadBlocks(blocks, `attachments[${i}].blocks`);
    });
    content.attachments = raw.attachments as SlackObject[];
  }

  const hasText = (content.text ?? '').trim().length > 0;
  const hasBlocks = (content.blocks?.length ?? 0) > 0;
  const hasAttachments = (content.attachments?.length ?? 0) > 0;
  if (requireContent && !hasText && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
  return content;
}

function rejectBadBlocks(blocks: unknown, path = 'blocks'): void {
  const problems = checkBlocks(blocks, 'message', path);
  if (problems.length > 0) {
    throw new SlackApiError('invalid_blocks', {
      errors: problems,
      response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) },
    });
  }
  const length = blocksTextLength(blocks);
  if (length > MESSAGE_BLOCKS_TEXT_LIMIT) {
    throw new SlackApiError('msg_blocks_too_long', {
      response_metadata: {
        messages: [`[ERROR] blocks hold ${length} characters of text; Slack refuses around ${MESSAGE_BLOCKS_TEXT_LIMIT}`],
      },
    });
  }
}
