/** A message the bot posted about an item: where it is, to edit it in place later. */
export interface MessageLocation {
  channel: string;
  ts: string;
}

/**
 * How many of an item's DMs are remembered. Older ones are rarely clicked; a click on one is
 * still acted on, and shown on the person's Home tab instead of in that message.
 */
export const ITEM_MESSAGES_KEPT = 50;

/** The stored list (`channel/ts channel/ts …`, oldest first) as locations. */
export function parseItemMessages(stored: string | null): MessageLocation[] {
  return (stored ?? '')
    .split(' ')
    .filter(Boolean)
    .flatMap((entry) => {
      const [channel, ts] = entry.split('/');
      return channel && ts ? [{ channel, ts }] : [];
    });
}

/** The stored list with one more message, keeping the latest {@link ITEM_MESSAGES_KEPT}. */
export function withItemMessage(stored: string | null, message: MessageLocation): string {
  const kept = parseItemMessages(stored).filter((m) => m.channel !== message.channel || m.ts !== message.ts);
  return [...kept, message]
    .slice(-ITEM_MESSAGES_KEPT)
    .map((m) => `${m.channel}/${m.ts}`)
    .join(' ');
}

/** Whether `where` is one of the item's own messages: the only place its state is ever edited. */
export function isItemMessage(messages: readonly MessageLocation[], where: MessageLocation | undefined): where is MessageLocation {
  return where !== undefined && messages.some((m) => m.channel === where.channel && m.ts === where.ts);
}
