import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import type { Inbox } from './inbox';
import { type WorkPriority, runWithPriority } from '../../work-priority';

/**
 * What a person is waiting on: a click, a command, a form, a shortcut, their App Home. Events
 * (a reaction, an edit) are work nobody watches happen.
 */
export function priorityOf(body: unknown): WorkPriority {
  const b = body as { type?: string; command?: string; event?: { type?: string } } | undefined;
  if (b?.command) return 'interactive';
  if (b?.type === 'event_callback') return b.event?.type === 'app_home_opened' ? 'interactive' : 'background';
  return b?.type ? 'interactive' : 'background';
}

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
    return runWithPriority(priorityOf(event.body), () => this.inbox.receive(event, (e) => super.processEvent(e)));
  }

  /** Forgets stored requests received before `before`. */
  pruneInbox(before: Date): Promise<number> {
    return this.inbox.prune(before);
  }

  /** Handles stored requests that a dead process or a failure left unhandled. */
  replayPending(): Promise<number> {
    return runWithPriority('background', () => this.inbox.replayPending((e) => super.processEvent(e)));
  }
}
