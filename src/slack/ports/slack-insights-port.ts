import type { WebClient } from '@slack/web-api';
import type { InsightFigures } from '../../insights/insight-figures';
import type { InsightsDigest } from '../../insights/insights-digest';
import type { ChartImage, InsightsPort } from '../../insights/insights-port';
import { chartComment, insightsDigestMessage } from '../blocks/insights-message';
import { findMarkedMessage } from '../web-api/find-marked-message';
import { postInChannel } from '../web-api/post-in-channel';
import { slackCall } from '../web-api/slack-call';
import { uploadFile } from '../web-api/upload-file';
import type { UserDirectory } from '../web-api/user-directory';
import type { DmChannels } from '../web-api/dm-channels';

/** The metadata that marks a digest with its scheduled time, so a digest posted by a process that died is found, not posted again. */
export const DIGEST_EVENT = 'insights_digest';

const ALT_TEXT = 'Stacked bar chart of incidents declared each week, by severity.';

/** Insights over the Web API: the weekly digest in its channel, and a person's chart in their DM. */
export class SlackInsightsPort implements InsightsPort {
  constructor(
    private readonly client: WebClient,
    private readonly people: UserDirectory,
    private readonly dms: DmChannels,
  ) {}

  findDigest(channelId: string, dueAt: Date): Promise<string | undefined> {
    const dueAtText = dueAt.toISOString();
    return findMarkedMessage(this.client, channelId, DIGEST_EVENT, (payload) => payload.due_at === dueAtText, dueAt);
  }

  async postDigest(channelId: string, digest: InsightsDigest): Promise<string> {
    // Named, not mentioned: a weekly post must not ping everyone it lists.
    const owners = [
      ...digest.figures.items.byOwner.flatMap((owner) => (owner.ownerId ? [owner.ownerId] : [])),
      ...digest.overdue.items.map((item) => item.ownerId),
      ...digest.unverified.items.map((item) => item.ownerId),
    ];
    const names = await this.people.names([...new Set(owners)]);
    return postInChannel(this.client, {
      channel: channelId,
      ...insightsDigestMessage(digest, names),
      metadata: { event_type: DIGEST_EVENT, event_payload: { due_at: digest.dueAt.toISOString() } },
    });
  }

  async shareDigestChart(channelId: string, threadTs: string, chart: ChartImage): Promise<void> {
    // A process that died after sharing it left it in the thread.
    const thread = await slackCall(() => this.client.conversations.replies({ channel: channelId, ts: threadTs, limit: 100 }));
    const shared = (thread.messages ?? []).some((message) => (message.files ?? []).some((file) => file.name === chart.filename));
    if (shared) return;
    await uploadFile(this.client, { bytes: chart.png, filename: chart.filename, title: chart.title, altText: ALT_TEXT }, { channelId, threadTs });
  }

  async sendChart(userId: string, figures: InsightFigures, chart: ChartImage): Promise<void> {
    const dm = await this.dms.open(this.client, userId);
    await uploadFile(
      this.client,
      { bytes: chart.png, filename: chart.filename, title: chart.title, altText: ALT_TEXT },
      { channelId: dm, initialComment: chartComment(figures) },
    );
  }
}
