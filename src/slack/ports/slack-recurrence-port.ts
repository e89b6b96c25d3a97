import type { WebClient } from '@slack/web-api';
import type { Incident, ReadyIncident } from '../../incidents/incident';
import type { SimilarIncident } from '../../recurrence/past-incident';
import type { RecurrencePort } from '../../recurrence/recurrence-port';
import { similarIncidentsMessage } from '../blocks/similar-incidents';
import { findMarkedMessage } from '../web-api/find-marked-message';
import { postInChannel } from '../web-api/post-in-channel';
import { slackCall } from '../web-api/slack-call';

/** Metadata marking the similar-incidents message, so one posted but never recorded is found. */
const SIMILAR_EVENT = 'similar_incidents';
const isFor = (incident: Incident) => (payload: Record<string, unknown>) => payload.incident_id === incident.id;

/** Recurrence's view of Slack: the one message listing similar past incidents, and message links. */
export class SlackRecurrencePort implements RecurrencePort {
  constructor(private readonly client: WebClient) {}

  postSimilar(incident: ReadyIncident, similar: SimilarIncident[]): Promise<string> {
    return postInChannel(this.client, {
      channel: incident.channelId,
      ...similarIncidentsMessage(similar),
      // Links to past post-mortems would otherwise unfurl into long previews.
      unfurl_links: false,
      metadata: { event_type: SIMILAR_EVENT, event_payload: { incident_id: incident.id } },
    });
  }

  async updateSimilar(incident: ReadyIncident, ts: string, similar: SimilarIncident[]): Promise<void> {
    await slackCall(() => this.client.chat.update({ channel: incident.channelId, ts, ...similarIncidentsMessage(similar) }));
  }

  findSimilar(incident: ReadyIncident): Promise<string | undefined> {
    return findMarkedMessage(this.client, incident.channelId, SIMILAR_EVENT, isFor(incident), incident.declaredAt);
  }

  async permalink(channelId: string, ts: string): Promise<string | null> {
    const answer = await slackCall(() => this.client.chat.getPermalink({ channel: channelId, message_ts: ts })).catch(() => undefined);
    return answer?.permalink ?? null;
  }
}
