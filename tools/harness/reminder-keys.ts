import type { FakeSlack } from '../fake-slack';

/**
 * The key of every reminder DM the owners got (from the message metadata the bot attaches), one
 * per DM: the same key twice is a reminder sent twice.
 */
export function reminderKeys(slack: FakeSlack, owners: string[]): string[] {
  return owners.flatMap((owner) =>
    slack
      .dm(owner)
      .map((m) => (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key)
      .filter((key): key is string => Boolean(key)),
  );
}
