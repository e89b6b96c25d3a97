import type { WebClient } from '@slack/web-api';
import type { AlertGroupView } from '../../alerts/alert-group';
import type { AlertPort, StormList } from '../../alerts/alert-port';
import type { AlertTransition } from '../../alerts/apply-notification';
import type { ReadyIncident } from '../../incidents/incident';
import type { SlackMessage } from '../../render/slack-message';
import { alertChangesMessage, alertOfferMessage, resolvePromptMessage } from '../blocks/alert-offer';
import { alertStormMessage } from '../blocks/alert-storm';
import type { ChannelPacer } from '../web-api/channel-pacer';
import { findMarkedMessage } from '../web-api/find-marked-message';
import { postInChannel } from '../web-api/post-in-channel';
import { slackCall } from '../web-api/slack-call';

/** Metadata marking an offer, so an attempt interrupted after posting finds it instead of posting again. */
const OFFER_EVENT = 'alert_offer';
/** Metadata marking a storm message, by the storm's start, for the same reason. */
const STORM_EVENT = 'alert_storm';

/** The alerts feature's view of Slack, over the Web API. New posts are paced per channel. */
export class SlackAlertPort implements AlertPort {
  constructor(
    private readonly client: WebClient,
    private readonly pacer: ChannelPacer,
  ) {}

  async postOffer(channelId: string, view: AlertGroupView): Promise<string> {
    const message = { ...alertOfferMessage(view), metadata: { event_type: OFFER_EVENT, event_payload: { group_id: view.group.id } } };
    return this.post(channelId, message);
  }

  findOffer(channelId: string, groupId: string, since: Date): Promise<string | undefined> {
    return findMarkedMessage(this.client, channelId, OFFER_EVENT, (payload) => payload.group_id === groupId, since);
  }

  async updateOffer(channelId: string, ts: string, view: AlertGroupView): Promise<void> {
    await slackCall(() => this.client.chat.update({ channel: channelId, ts, ...alertOfferMessage(view) }));
  }

  postStorm(channelId: string, startedAt: Date, list: StormList): Promise<string> {
    const metadata = { event_type: STORM_EVENT, event_payload: { started_at: startedAt.toISOString() } };
    return this.post(channelId, { ...alertStormMessage(list), metadata });
  }

  findStorm(channelId: string, startedAt: Date): Promise<string | undefined> {
    return findMarkedMessage(this.client, channelId, STORM_EVENT, (payload) => payload.started_at === startedAt.toISOString(), startedAt);
  }

  async updateStorm(channelId: string, ts: string, list: StormList): Promise<void> {
    await slackCall(() => this.client.chat.update({ channel: channelId, ts, ...alertStormMessage(list) }));
  }

  async noteAlertChanges(incident: ReadyIncident, transitions: AlertTransition[]): Promise<void> {
    await this.post(incident.channelId, alertChangesMessage(transitions));
  }

  async askToResolve(incident: ReadyIncident): Promise<void> {
    await this.post(incident.channelId, resolvePromptMessage(incident.id));
  }

  /** Posts in the channel's turn (offers and notices are new messages: Slack asks for one a second). */
  private async post(channel: string, message: SlackMessage & { metadata?: { event_type: string; event_payload: Record<string, string> } }): Promise<string> {
    await this.pacer.turn(channel);
    return postInChannel(this.client, { ...message, channel });
  }
}
