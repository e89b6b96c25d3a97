import type { WebClient } from '@slack/web-api';
import { slackCall } from './slack-errors';

type Payload = Record<string, unknown>;

/**
 * Looks through a conversation's latest messages for one the bot marked with message metadata
 * (`event_type` and a payload), and returns its ts. This is how a step interrupted between
 * Slack's answer and our write (a crash) is recognised as done instead of repeated.
 */
export async function findMarkedMessage(
  client: WebClient,
  channel: string,
  eventType: string,
  matches: (payload: Payload) => boolean,
  oldest?: Date,
): Promise<string | undefined> {
  const history = await slackCall(() =>
    client.conversations.history({
      channel,
      limit: 100,
      include_all_metadata: true,
      ...(oldest ? { oldest: String(Math.floor(oldest.getTime() / 1000) - 60) } : {}),
    }),
  );
  const found = (history?.messages ?? []).find((m) => {
    const metadata = (m as { metadata?: { event_type?: string; event_payload?: Payload } }).metadata;
    return metadata?.event_type === eventType && matches(metadata.event_payload ?? {});
  });
  return found?.ts;
}
