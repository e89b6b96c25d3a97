import type { WebClient } from '@slack/web-api';
import { AppError } from '../../errors';
import type { Incident } from '../../incidents/incident';
import type { IncidentPort } from '../../incidents/incident-port';
import type { CardContext } from '../../incidents/card-context';
import { requireReady } from '../../incidents/require-ready';
import type { SystemEntry } from '../../timeline/timeline-entry';
import { changeNotice } from '../blocks/change-notice';
import { announcementMessage, incidentCard, incidentTopic } from '../blocks/incident-card';
import type { ChannelTopics } from '../web-api/channel-topics';
import { findMarkedMessage } from '../web-api/find-marked-message';
import { postInChannel } from '../web-api/post-in-channel';
import { requiredField } from '../web-api/required-field';
import { slackCall, slackErrorCode, toAppError } from '../web-api/slack-call';

/** Metadata marking the incident card and the announcement, so a crashed set-up finds them. */
const CARD_EVENT = 'incident_card';
const ANNOUNCEMENT_EVENT = 'incident_announcement';
const marking = (eventType: string, incident: Incident) => ({
  metadata: { event_type: eventType, event_payload: { incident_id: incident.id } },
});
const isFor = (incident: Incident) => (payload: Record<string, unknown>) => payload.incident_id === incident.id;

export interface SlackIncidentPortOptions {
  /** Channel id where incidents are announced; none when unset. */
  incidentsChannel?: string;
  /** The bot's own user id: Slack refuses to invite the bot to its own channel. */
  botUserId?: string;
  /** The topic this process last set in each channel: the same text is not set again. */
  topics: ChannelTopics;
}

/** The incident service's view of Slack, over the Web API. */
export class SlackIncidentPort implements IncidentPort {
  constructor(
    private readonly client: WebClient,
    private readonly options: SlackIncidentPortOptions,
  ) {}

  async createChannel(name: string, isPrivate: boolean): Promise<{ id: string; name: string } | 'name_taken'> {
    try {
      const result = await this.client.conversations.create({ name, is_private: isPrivate });
      return { id: requiredField(result.channel?.id, 'conversations.create', 'channel id'), name: result.channel?.name ?? name };
    } catch (error) {
      if (slackErrorCode(error) === 'name_taken') return 'name_taken';
      throw toAppError(error);
    }
  }

  async inviteMembers(channelId: string, userIds: string[]): Promise<void> {
    const users = userIds.filter((id) => id !== this.options.botUserId);
    if (users.length === 0) return;
    // `force` invites everyone who can be invited even if someone cannot (deactivated, a guest):
    // one bad pick in the form must not leave the incident without its responders.
    await slackCall(() => this.client.conversations.invite({ channel: channelId, users: users.join(','), force: true }), [
      'already_in_channel',
    ]);
  }

  async setTopic(incident: Incident): Promise<void> {
    const channel = channelOf(incident);
    const topic = incidentTopic(incident);
    await this.options.topics.set(channel, topic, async () => {
      await slackCall(() => this.client.conversations.setTopic({ channel, topic }));
    });
  }

  async postCard(incident: Incident, context: CardContext): Promise<string> {
    const result = await slackCall(() =>
      this.client.chat.postMessage({ channel: channelOf(incident), ...incidentCard(incident, context), ...marking(CARD_EVENT, incident) }),
    );
    return requiredField(result.ts, 'chat.postMessage', 'message ts');
  }

  findCard(incident: Incident): Promise<string | undefined> {
    return findMarkedMessage(this.client, channelOf(incident), CARD_EVENT, isFor(incident));
  }

  async pinCard(incident: Incident): Promise<void> {
    const ts = incident.cardTs;
    if (!ts) throw new AppError('incident_not_ready', 'the incident card is not posted yet. Try again in a moment.');
    await slackCall(() => this.client.pins.add({ channel: channelOf(incident), timestamp: ts }), ['already_pinned']);
  }

  async updateCard(incident: Incident, context: CardContext): Promise<void> {
    const ts = incident.cardTs;
    if (!ts) return;
    await slackCall(() => this.client.chat.update({ channel: channelOf(incident), ts, ...incidentCard(incident, context) }));
  }

  async announce(incident: Incident): Promise<{ channelId: string; ts: string } | null> {
    const channel = this.options.incidentsChannel;
    if (!channel) return null;
    const ts = await postInChannel(this.client, { channel, ...announcementMessage(incident), ...marking(ANNOUNCEMENT_EVENT, incident) });
    return { channelId: channel, ts };
  }

  async findAnnouncement(incident: Incident): Promise<{ channelId: string; ts: string } | undefined> {
    const channel = this.options.incidentsChannel;
    if (!channel) return undefined;
    try {
      const ts = await findMarkedMessage(this.client, channel, ANNOUNCEMENT_EVENT, isFor(incident));
      return ts ? { channelId: channel, ts } : undefined;
    } catch (error) {
      // Not a member yet: then nothing was announced there.
      if (slackErrorCode(error) === 'not_in_channel') return undefined;
      throw error;
    }
  }

  async updateAnnouncement(incident: Incident): Promise<void> {
    const announcement = incident.announcement;
    if (!announcement) return;
    await slackCall(() =>
      this.client.chat.update({ channel: announcement.channelId, ts: announcement.ts, ...announcementMessage(incident) }),
    );
  }

  async postNotice(incident: Incident, entry: SystemEntry): Promise<void> {
    await slackCall(() => this.client.chat.postMessage({ channel: channelOf(incident), text: changeNotice(entry) }));
  }
}

/** The incident's channel: every call here but the announcement's happens after it is created. */
const channelOf = (incident: Incident): string => requireReady(incident).channelId;
