import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { webhookSignatures } from './webhook-signature';

/** GitHub gives a receiver 10 seconds to answer before it counts the delivery as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** GitHub's delivery agent; the part after `/` is a build id that changes over time. */
export const HOOKSHOT_USER_AGENT = 'GitHub-Hookshot/f4c3b07';

export interface WebhookSubscription {
  id: number;
  url: string;
  secret?: string;
  /** Events this hook receives; GitHub sends no others. */
  events: string[];
  /** Repository full names (any case) it belongs to; undefined for all of them. */
  repositories?: string[];
}

export interface SubscribeOptions {
  events?: string[];
  repositories?: string[];
}

export type DeliveryOutcome = 'pending' | 'delivered' | 'dropped' | 'failed';

export interface WebhookDelivery {
  /** `X-GitHub-Delivery`: one per event, kept by a redelivery. */
  guid: string;
  hookId: number;
  url: string;
  event: string;
  action: string;
  repository: string;
  payload: Record<string, unknown>;
  /** The exact bytes sent (and signed). */
  body: string;
  headers: Record<string, string>;
  redelivery: boolean;
  /** `dropped`: a test asked for it to be lost; `failed`: no HTTP answer (refused, reset, timed out). */
  outcome: DeliveryOutcome;
  /** The receiver's HTTP status, once `delivered`. */
  status?: number;
  responseBody?: string;
  error?: string;
}

/**
 * Webhook subscriptions and every delivery attempt. Deliveries to one hook go out one at a time in
 * the order the changes happened (GitHub promises no order; a fixed one keeps tests repeatable).
 * A delivery is registered the moment its change is made, before the API call that made it
 * answers, so `settled()` called after that answer covers it: no sleeping, no polling.
 */
export class WebhookDeliveries {
  readonly all: WebhookDelivery[] = [];
  private readonly hooks = new Map<number, WebhookSubscription>();
  private readonly queues = new Map<number, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private nextHookId = 480_000_001;
  private toDrop = 0;

  subscribe(url: string, secret?: string, options: SubscribeOptions = {}): WebhookSubscription {
    const hook: WebhookSubscription = {
      id: this.nextHookId++,
      url,
      ...(secret !== undefined ? { secret } : {}),
      events: options.events ?? ['issues', 'issue_comment'],
      ...(options.repositories ? { repositories: options.repositories } : {}),
    };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  unsubscribe(hookId: number): void {
    this.hooks.delete(hookId);
  }

  /** The next `count` deliveries are recorded as `dropped` and never sent: a missed webhook. */
  drop(count: number): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${count}`);
    this.toDrop += count;
  }

  /** Sends one event to every hook that wants it; `targetId` is the repository's id. */
  emit(event: string, action: string, repository: string, targetId: number, payload: Record<string, unknown>): WebhookDelivery[] {
    const wanted = [...this.hooks.values()].filter(
      (hook) => hook.events.includes(event) && (!hook.repositories || hook.repositories.some((r) => r.toLowerCase() === repository.toLowerCase())),
    );
    return wanted.map((hook) => {
      const guid = randomUUID();
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'User-Agent': HOOKSHOT_USER_AGENT,
        'X-GitHub-Delivery': guid,
        'X-GitHub-Event': event,
        'X-GitHub-Hook-ID': String(hook.id),
        'X-GitHub-Hook-Installation-Target-ID': String(targetId),
        'X-GitHub-Hook-Installation-Target-Type': 'repository',
      };
      if (hook.secret !== undefined) {
        const signatures = webhookSignatures(hook.secret, body);
        headers['X-Hub-Signature'] = signatures.sha1;
        headers['X-Hub-Signature-256'] = signatures.sha256;
      }
      const delivery: WebhookDelivery = { guid, hookId: hook.id, url: hook.url, event, action, repository, payload, body, headers, redelivery: false, outcome: 'pending' };
      this.all.push(delivery);
      if (this.toDrop > 0) {
        this.toDrop -= 1;
        delivery.outcome = 'dropped';
      } else {
        this.enqueue(delivery);
      }
      return delivery;
    });
  }

  /**
   * Sends an earlier delivery again with the same GUID, body and signature, as "Redeliver" in
   * GitHub's hook settings does; resolves once the receiver has answered (or failed to).
   */
  async redeliver(guid: string): Promise<WebhookDelivery> {
    const original = this.all.find((d) => d.guid === guid);
    if (!original) throw new Error(`no webhook delivery ${guid}`);
    const again: WebhookDelivery = { ...original, redelivery: true, outcome: 'pending' };
    delete again.status;
    delete again.responseBody;
    delete again.error;
    this.all.push(again);
    await this.enqueue(again);
    return again;
  }

  /** Resolves once every delivery registered so far (and any they led to) has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private enqueue(delivery: WebhookDelivery): Promise<void> {
    const previous = this.queues.get(delivery.hookId) ?? Promise.resolve();
    const sent = previous.then(() => send(delivery));
    this.queues.set(delivery.hookId, sent);
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
    return sent;
  }
}

/** One POST; never rejects: what happened is written on the delivery. */
function send(delivery: WebhookDelivery): Promise<void> {
  return new Promise((resolve) => {
    const finish = (fields: Partial<WebhookDelivery>) => {
      Object.assign(delivery, fields);
      resolve();
    };
    let req;
    try {
      req = request(delivery.url, {
        method: 'POST',
        headers: { ...delivery.headers, 'Content-Length': String(Buffer.byteLength(delivery.body)) },
        timeout: WEBHOOK_TIMEOUT_MS,
        // A fresh connection per delivery, closed after it, so no socket outlives a test's receiver.
        agent: false,
      });
    } catch (error) {
      finish({ outcome: 'failed', error: (error as Error).message });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish({ outcome: 'delivered', status: res.statusCode ?? 0, responseBody: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => finish({ outcome: 'failed', error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
    req.on('error', (error) => {
      if (delivery.outcome === 'pending') finish({ outcome: 'failed', error: error.message });
    });
    req.end(delivery.body);
  });
}
