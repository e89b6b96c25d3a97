import type { InsightFigures } from './insight-figures';
import type { InsightsDigest } from './insights-digest';

/** A chart drawn as a PNG, ready to share. */
export interface ChartImage {
  png: Buffer;
  filename: string;
  title: string;
}

/** How insights reach people, implemented over Slack. */
export interface InsightsPort {
  /** The digest of this scheduled time already in the channel (a process died before recording it), by its ts. */
  findDigest(channelId: string, dueAt: Date): Promise<string | undefined>;
  /** Posts the digest; returns its ts. */
  postDigest(channelId: string, digest: InsightsDigest): Promise<string>;
  /** Shares the digest's chart in its thread, unless it is there already. */
  shareDigestChart(channelId: string, threadTs: string, chart: ChartImage): Promise<void>;
  /** Sends a person the chart of the figures they asked for, in their DM with the bot. */
  sendChart(userId: string, figures: InsightFigures, chart: ChartImage): Promise<void>;
}
