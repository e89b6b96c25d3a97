import type { WebClient } from '@slack/web-api';
import { slackCall } from './slack-errors';

/** Whether the person is in the channel, reading its members a page at a time. */
export async function channelHasMember(client: WebClient, channelId: string, userId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await slackCall(() => client.conversations.members({ channel: channelId, limit: 1000, cursor }));
    if (page?.members?.includes(userId)) return true;
    cursor = page?.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}
