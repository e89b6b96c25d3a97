import type { WebClient } from '@slack/web-api';
import type { MembershipPort } from '../../incidents/membership-port';
import { slackCall } from './slack-call';

/**
 * How long a channel's member list, once read, answers "yes, a member" without asking Slack again.
 * Short, so that someone removed from a private incident loses access within seconds; a "no" is
 * always asked again, so someone just invited is never refused.
 */
export const MEMBERS_FRESH_MS = 3_000;

/** Member lists read recently, shared by every request of one process. */
export class MemberListCache {
  private readonly lists = new Map<string, { members: Set<string>; readAt: number }>();

  constructor(
    private readonly freshMs = MEMBERS_FRESH_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The channel's members if read within the last few seconds. */
  fresh(channelId: string): Set<string> | undefined {
    const list = this.lists.get(channelId);
    if (!list || this.now() - list.readAt > this.freshMs) return undefined;
    return list.members;
  }

  remember(channelId: string, members: Set<string>): void {
    this.lists.set(channelId, { members, readAt: this.now() });
    // Channels come and go: keep only the recent ones.
    if (this.lists.size > 500) {
      for (const [id, list] of this.lists) if (this.now() - list.readAt > this.freshMs) this.lists.delete(id);
    }
  }

  /** Someone joined or left: the next question about this channel asks Slack. */
  forget(channelId: string): void {
    this.lists.delete(channelId);
  }
}

/** Live channel membership over the Web API: the {@link MembershipPort} of every feature. */
export class LiveChannelMembers implements MembershipPort {
  constructor(
    private readonly client: WebClient,
    private readonly cache: MemberListCache,
  ) {}

  async isMember(channelId: string, userId: string): Promise<boolean> {
    if (this.cache.fresh(channelId)?.has(userId)) return true;
    const members = await readMembers(this.client, channelId);
    this.cache.remember(channelId, members);
    return members.has(userId);
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
