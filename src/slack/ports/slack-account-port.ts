import type { WebClient } from '@slack/web-api';
import type { Account } from '../../accounts/account';
import { type AccountPort, POSTERS_READ_MAX } from '../../accounts/account-port';
import type { Incident } from '../../incidents/incident';
import { accountRequestMessage } from '../blocks/account-request';
import { findMarkedMessage } from '../web-api/find-marked-message';
import { requiredField } from '../web-api/required-field';
import { slackCall, slackErrorCode } from '../web-api/slack-call';
import { reachPerson } from '../web-api/reach-person';
import type { DmChannels } from '../web-api/dm-channels';
import type { UserDirectory } from '../web-api/user-directory';

/** Messages read a page at a time: Slack's recommended page size for history. */
const HISTORY_PAGE = 200;
/** Messages that are not someone taking part: notices of joining and leaving, and bots'. */
const NOT_POSTS = new Set(['channel_join', 'channel_leave', 'group_join', 'group_leave', 'bot_message', 'channel_topic', 'channel_purpose']);

/** The metadata event that marks an account request or its reminder in someone's DM. */
export const ACCOUNT_EVENT = 'account_request';

const PERSON_GONE = 'this person cannot receive messages.';

/** Accounts' view of Slack: who is a person, their zone, their DM with the bot. */
export class SlackAccountPort implements AccountPort {
  constructor(
    private readonly client: WebClient,
    private readonly people: UserDirectory,
    private readonly dms: DmChannels,
  ) {}

  async isPerson(userId: string): Promise<boolean> {
    try {
      return (await this.people.profile(userId)).isPerson;
    } catch (error) {
      if (slackErrorCode(error) === 'user_not_found') return false;
      throw error;
    }
  }

  async postersIn(channelId: string, since: Date): Promise<string[]> {
    const posters = new Set<string>();
    let cursor: string | undefined;
    for (let read = 0; read < POSTERS_READ_MAX; ) {
      const page = await slackCall(() =>
        this.client.conversations.history({ channel: channelId, oldest: String(Math.floor(since.getTime() / 1000) - 60), limit: HISTORY_PAGE, ...(cursor ? { cursor } : {}) }),
      );
      const messages = page.messages ?? [];
      read += messages.length;
      for (const message of messages) {
        if (message.user && !message.bot_id && !NOT_POSTS.has(message.subtype ?? '')) posters.add(message.user);
        // A thread's parent names who replied in it: no need to read each thread.
        for (const replier of message.reply_users ?? []) posters.add(replier);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
      if (!page.has_more || !cursor) break;
    }
    return [...posters];
  }

  timeZoneOf(userId: string): Promise<string | null> {
    return this.people.timeZoneOf(userId).catch(() => null);
  }

  dmChannelOf(userId: string): Promise<string> {
    return this.dms.open(this.client, userId, PERSON_GONE);
  }

  async ask(account: Account, incident: Incident, dmChannel: string, kind: 'ask' | 'remind'): Promise<string> {
    const posted = await this.reach(() =>
      this.client.chat.postMessage({
        channel: dmChannel,
        ...accountRequestMessage(account, incident, kind),
        metadata: { event_type: ACCOUNT_EVENT, event_payload: { incident_id: incident.id, kind } },
      }),
    );
    return requiredField(posted.ts, 'chat.postMessage', 'ts');
  }

  sentBefore(dmChannel: string, incidentId: string, kind: 'ask' | 'remind', since: Date): Promise<string | undefined> {
    return findMarkedMessage(this.client, dmChannel, ACCOUNT_EVENT, (p) => p.incident_id === incidentId && p.kind === kind, since);
  }

  async showState(account: Account, incident: Incident): Promise<void> {
    if (!account.dm) return;
    const { channelId, ts } = account.dm;
    await slackCall(() => this.client.chat.update({ channel: channelId, ts, ...accountRequestMessage(account, incident, 'state') }));
  }

  private reach<T>(call: () => Promise<T>): Promise<T> {
    return reachPerson(call, PERSON_GONE);
  }
}
