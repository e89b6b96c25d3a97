import type { WebClient } from '@slack/web-api';
import type { Incident } from '../../incidents/incident';
import type { ChannelMessage } from '../../timeline/timeline-entry';
import type { TimelinePort } from '../../timeline/timeline-port';
import { toChannelMessage } from '../parse/channel-message';
import type { CaptureAcknowledger } from '../web-api/capture-acknowledger';
import type { MarkedMessageReader } from '../web-api/marked-message-reader';

export interface SlackTimelinePortOptions {
  emoji: string;
  botUserId?: string;
  /** Gathers the reads of marked messages per channel (one per process). */
  reader: MarkedMessageReader;
  /** Adds :memo:, or a note for many captures when Slack's budget is spent (one per process). */
  acknowledger: CaptureAcknowledger;
  /** `auth.test`'s `url`: permalinks are built from it instead of asked for. */
  workspaceUrl?: string;
}

/** The timeline's view of Slack: marked messages read in gathered batches, captures acknowledged within Slack's budget. */
export class SlackTimelinePort implements TimelinePort {
  constructor(
    private readonly client: WebClient,
    private readonly options: SlackTimelinePortOptions,
  ) {}

  async readMarkedMessage(channelId: string, ts: string) {
    const { reader, workspaceUrl, emoji, botUserId } = this.options;
    const message = await reader.read(channelId, ts, { client: this.client, workspaceUrl });
    if (!message) return null;
    const mark = message.reactions?.find((r) => r.name === emoji);
    const people = (mark?.users ?? []).filter((u) => u !== botUserId);
    // Slack lists only the first reactors; a count above the list still means someone marks it.
    const unlisted = (mark?.count ?? 0) - (mark?.users?.length ?? 0);
    return {
      message: toChannelMessage(channelId, message, botUserId),
      marked: people.length > 0 || unlisted > 0,
      markedBy: people[0] ?? null,
    };
  }

  async acknowledge(message: ChannelMessage, incident: Pick<Incident, 'cardTs'>): Promise<void> {
    await this.options.acknowledger.acknowledge(this.client, { ...message, cardTs: incident.cardTs });
  }

  async withdrawAcknowledgement(channelId: string, ts: string): Promise<void> {
    await this.options.acknowledger.withdraw(this.client, channelId, ts);
  }
}
