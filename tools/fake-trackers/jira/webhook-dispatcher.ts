import { randomUUID } from 'node:crypto';
import type { WebhookDelivery, WebhookEventName, WebhookSubscription } from './types';
import { jiraWebhookSignature } from './webhook-signature';

/**
 * Admin webhooks: who is subscribed, and every delivery made or dropped. Deliveries to one
 * subscriber go out one at a time in event order (Jira promises no order; a fixed one keeps tests
 * repeatable); `settled()` resolves once nothing is in flight, so tests wait on it, not on time.
 */
export class WebhookDispatcher {
  readonly subscriptions: WebhookSubscription[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  private toDrop = 0;
  private nextSubscription = 1;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly timeoutMs: number) {}

  subscribe(url: string, secret: string | undefined, options: { events?: WebhookEventName[]; jql?: string } = {}): WebhookSubscription {
    if (!URL.canParse(url)) throw new Error(`webhook URL ${url} is not a URL`);
    const subscription: WebhookSubscription = {
      id: String(this.nextSubscription++),
      url,
      ...(secret !== undefined ? { secret } : {}),
      events: options.events ?? ['jira:issue_created', 'jira:issue_updated'],
      ...(options.jql !== undefined ? { jql: options.jql } : {}),
    };
    this.subscriptions.push(subscription);
    return subscription;
  }

  unsubscribe(id: string): void {
    const index = this.subscriptions.findIndex((s) => s.id === id);
    if (index >= 0) this.subscriptions.splice(index, 1);
  }

  /** The next `count` deliveries are recorded as dropped and never sent, as when Jira gives up. */
  drop(count: number): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${count}`);
    this.toDrop += count;
  }

  send(subscription: WebhookSubscription, event: WebhookEventName, payload: Record<string, unknown>): WebhookDelivery {
    const body = JSON.stringify(payload);
    const dropped = this.toDrop > 0;
    if (dropped) this.toDrop -= 1;
    const delivery = this.record(subscription, event, body, payload, randomUUID(), 0, dropped);
    if (!dropped) this.post(subscription.id, delivery);
    return delivery;
  }

  /** Sends a recorded delivery again with the same identifier and the retry count one higher. */
  redeliver(identifier: string): WebhookDelivery {
    const earlier = [...this.deliveries].reverse().find((d) => d.identifier === identifier);
    if (!earlier) throw new Error(`no webhook delivery ${identifier}`);
    const subscription = this.subscriptions.find((s) => s.id === earlier.subscriptionId);
    if (!subscription) throw new Error(`subscription ${earlier.subscriptionId} is gone`);
    const delivery = this.record(subscription, earlier.event, earlier.body, earlier.payload, identifier, earlier.retry + 1, false);
    this.post(subscription.id, delivery);
    return delivery;
  }

  /** Resolves when every delivery started so far (and any started meanwhile) has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Abandons deliveries in flight (their receivers may be gone) and waits for them to end. */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.settled();
  }

  private record(
    subscription: WebhookSubscription,
    event: WebhookEventName,
    body: string,
    payload: Record<string, unknown>,
    identifier: string,
    retry: number,
    dropped: boolean,
  ): WebhookDelivery {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Atlassian Webhook HTTP Client',
      'x-atlassian-webhook-identifier': identifier,
      'x-atlassian-webhook-retry': String(retry),
      'x-atlassian-webhook-flow': 'Primary',
    };
    if (subscription.secret !== undefined) headers['x-hub-signature'] = jiraWebhookSignature(body, subscription.secret);
    const delivery: WebhookDelivery = { identifier, subscriptionId: subscription.id, url: subscription.url, event, body, payload, headers, retry, dropped };
    this.deliveries.push(delivery);
    return delivery;
  }

  private post(subscriptionId: string, delivery: WebhookDelivery): void {
    const previous = this.chains.get(subscriptionId) ?? Promise.resolve();
    const attempt = previous.then(async () => {
      try {
        const res = await fetch(delivery.url, {
          method: 'POST',
          headers: delivery.headers,
          body: delivery.body,
          signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.stopping.signal]),
        });
        await res.arrayBuffer();
        delivery.status = res.status;
      } catch (error) {
        delivery.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    });
    this.chains.set(subscriptionId, attempt);
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
  }
}
