import { TRIGGER_ID_FORMAT, triggerId } from './ids';
import { SlackApiError } from './slack-api-error';

/** Slack's trigger_id lives for 3 seconds and opens one view. */
export const TRIGGER_ID_LIFETIME_MS = 3000;

interface Trigger {
  userId: string;
  issuedAt: number;
  used: boolean;
}

/**
 * Trigger ids handed out with interactions. The fake's clock decides expiry, so a test can show
 * that a slow listener misses its 3-second window without actually waiting.
 */
export class TriggerIds {
  private readonly triggers = new Map<string, Trigger>();
  private sequence = 1000;

  constructor(private readonly now: () => number) {}

  issue(userId: string): string {
    this.sequence += 1;
    const id = triggerId(this.now(), this.sequence);
    this.triggers.set(id, { userId, issuedAt: this.now(), used: false });
    return id;
  }

  /** Exchanges a trigger for the user it was issued to, or throws Slack's error for it. */
  consume(id: string): string {
    const trigger = TRIGGER_ID_FORMAT.test(id) ? this.triggers.get(id) : undefined;
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (this.now() - trigger.issuedAt > TRIGGER_ID_LIFETIME_MS) throw new SlackApiError('expired_trigger_id');
    trigger.used = true;
    return trigger.userId;
  }
}
