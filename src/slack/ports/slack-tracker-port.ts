import type { WebClient } from '@slack/web-api';
import type { ActionItem } from '../../action-items/action-item';
import type { MessageLocation } from '../../action-items/item-messages';
import type { Incident } from '../../incidents/incident';
import { requireReady } from '../../incidents/require-ready';
import { escapeAndTruncate, escapeMrkdwn } from '../../mrkdwn/escape';
import type { TrackerPort } from '../../trackers/tracker-deps';
import { actionItemMessage, itemSummary } from '../blocks/action-item-message';
import { slackCall } from '../web-api/slack-call';
import type { UserDirectory } from '../web-api/user-directory';

/** The tracker sync's view of Slack: people's emails and names, links, and the item's messages. */
export class SlackTrackerPort implements TrackerPort {
  constructor(
    private readonly client: WebClient,
    private readonly people: UserDirectory,
  ) {}

  async emailOf(userId: string): Promise<string | null> {
    return (await this.people.profile(userId)).email;
  }

  async nameOf(userId: string): Promise<string | null> {
    return (await this.people.profile(userId).catch(() => undefined))?.name ?? null;
  }

  async permalink(channelId: string, ts: string): Promise<string | null> {
    const answer = await slackCall(() => this.client.chat.getPermalink({ channel: channelId, message_ts: ts })).catch(() => undefined);
    return answer?.permalink ?? null;
  }

  async showTrackerChange(item: ActionItem, incident: Incident, dmMessages: readonly MessageLocation[], line: string): Promise<void> {
    const channel = requireReady(incident).channelId;
    const icon = item.status === 'open' ? ':repeat:' : item.status === 'done' ? ':white_check_mark:' : ':no_entry_sign:';
    await slackCall(() =>
      this.client.chat.postMessage({ channel, text: `${icon} An action item was ${escapeMrkdwn(line)}: *${escapeAndTruncate(item.description, 500)}*` }),
    );
    await this.editLatest(item, incident, dmMessages, `${icon} ${escapeMrkdwn(line.charAt(0).toUpperCase() + line.slice(1))}.`);
  }

  async showIssue(item: ActionItem, incident: Incident, dmMessages: readonly MessageLocation[]): Promise<void> {
    await this.editLatest(item, incident, dmMessages);
  }

  async tellOwner(item: ActionItem, incident: Incident, text: string): Promise<void> {
    await slackCall(() => this.client.chat.postMessage({ channel: item.ownerId, text: `:link: ${escapeMrkdwn(text)}\n${itemSummary(item, incident)}` }));
  }

  /** The item's latest DM shows it as it is now; older ones are left as the history they are. */
  private async editLatest(item: ActionItem, incident: Incident, dmMessages: readonly MessageLocation[], note?: string): Promise<void> {
    const latest = dmMessages.at(-1);
    if (!latest) return;
    await slackCall(() => this.client.chat.update({ channel: latest.channel, ts: latest.ts, ...actionItemMessage(item, incident, null, note) }));
  }
}
