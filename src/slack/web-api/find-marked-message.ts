import type { WebClient } from '@slack/web-api';
import { slackCall } from './slack-call';

type Payload = Record<string, unknown>;

export interface MarkedMessage {
  ts: string;
  payload: Payload;
}

/**
 * The bot's messages among a conversation's latest 100 that carry message metadata of
 * `eventType` and a matching payload. This is how a step interrupted between Slack's answer and
 * our write (a crash, a lost answer) is recognised as done instead of repeated.
 */
export async function findMarkedMessages(
  client: WebClient,
  channel: string,
  eventType: string,
  matches: (payload: Payload) => boolean,
  oldest?: Date,
): Promise<MarkedMessage[]> {
  const history = await slackCall(() =>
    client.conversations.history({
      channel,
      limit: 100,
      include_all_metadata: true,
      ...(oldest ? { oldest: String(Math.floor(oldest.getTime() / 1000) - 60) } : {}),
    }),
  );
  const found: MarkedMessage[] = [];
  for (const message of history.messages ?? []) {
    const metadata = (message as { metadata?: { event_type?: string; event_payload?: Payload } }).metadata;
    const payload = metadata?.event_payload ?? {};
    if (metadata?.event_type === eventType && message.ts && matches(payload)) found.push({ ts: message.ts, payload });
  }
  return found;
}

/** The latest such message's ts, if any. */
export async function findMarkedMessage(
  client: WebClient,
  channel: string,
  eventType: string,
  matches: (payload: Payload) => boolean,
  oldest?: Date,
): Promise<string | undefined> {
  return (await findMarkedMessages(client, channel, eventType, matches, oldest))[0]?.ts;
}
