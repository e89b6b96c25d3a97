import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import type { Inbox } from './inbox';

/**
 * Bolt's App, with each request that must survive a crash stored in the inbox before Bolt
 * acknowledges it (Bolt acknowledges events before any middleware runs).
 */
export class DurableApp extends App {
  constructor(
    options: AppOptions,
    private readonly inbox: Inbox,
  ) {
    super(options);
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    return this.inbox.receive(event, (e) => super.processEvent(e));
  }

  /** Forgets stored requests received before `before`. */
  pruneInbox(before: Date): Promise<number> {
    return this.inbox.prune(before);
  }

  /** Handles stored requests that a dead process or a failure left unhandled. */
  replayPending(): Promise<number> {
    return this.inbox.replayPending((e) => super.processEvent(e));
  }
}
