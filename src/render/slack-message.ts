import type { KnownBlock } from '@slack/types';

/** A message to post: `text` is the notification and screen-reader fallback, `blocks` what is shown. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
