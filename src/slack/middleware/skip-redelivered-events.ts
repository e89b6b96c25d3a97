import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { forgetEventReceipt, recordEventReceipt } from '../event-receipts/event-receipts.repository';
import type { ListenerDeps } from '../listeners/deps';

/**
 * Slack redelivers an event with the same `event_id` when our acknowledgement was late or
 * lost. The receipt is stored before any listener runs, so each event is handled once even
 * when deliveries land on different replicas; if handling fails, the receipt is forgotten so
 * that Slack's next delivery gets another try.
 */
export function skipRedeliveredEvents({ db, clock, logger }: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const envelope = body as { type?: string; event_id?: string };
    const eventId = envelope.type === 'event_callback' ? envelope.event_id : undefined;
    if (!eventId) return next();
    if (!(await recordEventReceipt(db, eventId, clock.now()))) {
      logger.info({ eventId }, 'skipped a redelivered event');
      return;
    }
    try {
      await next();
    } catch (error) {
      await forgetEventReceipt(db, eventId).catch((err: unknown) => logger.error({ err, eventId }, 'could not forget a failed event'));
      throw error;
    }
  };
}
