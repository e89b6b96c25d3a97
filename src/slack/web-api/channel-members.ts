import type { WebClient } from '@slack/web-api';
import type { MembershipPort } from '../../incidents/membership-port';
import { slackCall } from './slack-call';

/**
 * Live channel membership over the Web API: the {@link MembershipPort} of every feature. One is
 * made per request, so a channel's members are read from Slack once per request and never
 * remembered longer: someone removed from a private incident is refused on their very next click.
 */
export class LiveChannelMembers implements MembershipPort {
  private readonly lists = new Map<string, Promise<Set<string>>>();

  constructor(private readonly client: WebClient) {}

  async isMember(channelId: string, userId: string): Promise<boolean> {
    let list = this.lists.get(channelId);
    if (!list) {
      list = readMembers(this.client, channelId);
      this.lists.set(channelId, list);
      // A failed read is not kept: the next question asks Slack again.
      list.catch(() => this.lists.delete(channelId));
    }
    return (await list).has(userId);
  }
}

/** Every member of the channel, a page at a time. */
async function readMembers(client: WebClient, channelId: string): Promise<Set<string>> {
  const members = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await slackCall(() => client.conversations.members({ channel: channelId, limit: 1000, cursor }));
    for (const id of page.members ?? []) members.add(id);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}
