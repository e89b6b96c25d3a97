import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { recordEventReceipt } from '../event-receipts/event-receipts.repository';
import type { ListenerDeps } from '../listeners/deps';

/**
 * Slack redelivers an event with the same `event_id` when our acknowledgement was late or
 * lost. The receipt is stored before any listener runs, so each event is handled once even
 * when deliveries land on different replicas.
 */
export function skipRedeliveredEvents({ db, clock, logger }: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { type?: string; event_id?: string }).type === 'event_callback'
      ? (body as { event_id?: string }).event_id
      : undefined;
    if (eventId && !(await recordEventReceipt(db, eventId, clock.now()))) {
      logger.info({ eventId }, 'skipped a redelivered event');
      return;
    }
    await next();
  };
}
