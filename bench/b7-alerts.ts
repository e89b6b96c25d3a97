import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb, type DbHandle } from '../src/db/create-db';
import { FakeSlack } from '../tools/fake-slack';
import { grantedBotScopes } from '../tools/fake-slack/manifest';
import type { FakeCall } from '../tools/fake-slack/types';
import { ALERT_TOKEN, alertmanagerPayload } from '../tools/harness/alerts';
import { type BotProcess, MAIN, spawnBot } from '../tools/harness/spawn-bot';
import { BOT_TOKEN, RATE_LIMIT_SCALE } from '../tools/harness/test-bot';
import { type TestDatabase, newTestDatabase } from '../tools/harness/test-database';
import { IMAGE_NODE_ARGS, stop } from './processes';
import type { BenchResult } from './result';
import { median, percentile, round } from './stats';

const INCIDENTS = 'C0INCIDENTS';

/** (i) Distinct groups, one notification each, at a fixed pace. */
const PACED_PER_S = 50;
const PACED_SECONDS = 10;
const WARM_UP_GROUPS = 20;
/**
 * The groups are spread over this many channels by rules. Slack takes about one post a second
 * per channel, so the bot spaces its posts (channel-pacer.ts) and ALERT_OFFERS_PER_MINUTE stops
 * at 60: in one channel, 50 new groups a second are a storm by design, not 50 offers. Spread this
 * way each channel gets a new group every 2 s, and the latency measured is the bot's own.
 */
const CHANNELS = 100;
/** The reference: /healthz round trips during the same seconds, one every this many ms. */
const HEALTHZ_EVERY_MS = 50;
const LATENCY_P99_TARGET_MS = 500;

/** (ii) A storm: groups, notifications per group (each with one alert more), concurrent senders. */
const STORM_GROUPS = 100;
const STORM_ROUNDS = 20;
const STORM_SENDERS = 4;
/** The default ALERT_OFFERS_PER_MINUTE. */
const STORM_OFFERS_PER_MINUTE = 5;
/** Handling all of them may take this many times as long as storing them took. */
const STORM_RATIO_TARGET = 3;
/** After the last notification is handled, the bot is idle once Slack has heard nothing this long. */
const QUIET_MS = 1500;

interface World {
  slack: FakeSlack;
  database: TestDatabase;
  bot: BotProcess;
  reader: DbHandle;
  close(): Promise<void>;
}

async function world(dialect: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv, channels: string[]): Promise<World> {
  const slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN, rateLimits: { scale: RATE_LIMIT_SCALE } });
  const database = await newTestDatabase(dialect);
  slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [slack.bot.userId] });
  channels.forEach((id, i) => slack.addChannel({ id, name: `alerts-${i}`, members: [slack.bot.userId] }));
  const bot = await spawnBot(slack, database, {
    script: MAIN,
    env: { LOG_LEVEL: 'error', ALERT_WEBHOOK_TOKEN: ALERT_TOKEN, INCIDENTS_CHANNEL: INCIDENTS, ...env },
    nodeArgs: IMAGE_NODE_ARGS,
  });
  const reader = createDb(database.config);
  return {
    slack,
    database,
    bot,
    reader,
    async close() {
      await reader.close();
      await stop(bot);
      await slack.stop();
      await database.remove();
    },
  };
}

/** Calls each new Web API call back the moment the fake Slack has done it (a posted message is visible). */
function onCall(slack: FakeSlack, listener: (call: FakeCall, at: number) => void): void {
  const push = slack.calls.push.bind(slack.calls);
  slack.calls.push = (...calls: FakeCall[]) => {
    const at = performance.now();
    for (const call of calls) listener(call, at);
    return push(...calls);
  };
}

async function postAlertmanager(bot: BotProcess, payload: unknown): Promise<number> {
  const response = await fetch(`${bot.url}/alerts/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ALERT_TOKEN}` },
    body: JSON.stringify(payload),
  });
  await response.arrayBuffer();
  return response.status;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`B7: ${what} did not happen within ${timeoutMs} ms`);
    await pause(20);
  }
}

const tally = (methods: string[]) =>
  Object.entries(methods.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m]: (acc[m] ?? 0) + 1 }), {}))
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m}×${n}`)
    .join(', ');

/** One firing alert for paced group `n`, routed by its team label to one of the channels. */
const pacedPayload = (n: number) =>
  alertmanagerPayload({
    groupKey: `{}:{alertname="Paced${n}"}`,
    alerts: [
      {
        name: `Paced${n}`,
        labels: { severity: 'critical', team: `t${n % CHANNELS}` },
        summary: `Bench group ${String(n).padStart(4, '0')}`,
        startsAt: new Date(Date.now() - 60_000),
      },
    ],
  });

/** (i): notification → offer visible in Slack, at a fixed pace, beside /healthz round trips. */
async function pacedLatency(dialect: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const channels = Array.from({ length: CHANNELS }, (_, i) => `C0ALERTS${String(i).padStart(3, '0')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-alert-rules-'));
  const rulesFile = path.join(dir, 'rules.yml');
  const rules = channels.map((channel, i) => `  - name: team ${i}\n    match:\n      matchers: ['team="t${i}"']\n    action: offer\n    channel: ${channel}\n`);
  fs.writeFileSync(rulesFile, `rules:\n${rules.join('')}`);
  const w = await world(dialect, { ALERT_RULES: rulesFile, ALERT_OFFERS_PER_MINUTE: '60' }, channels);
  const visible = new Map<number, number>();
  onCall(w.slack, (call, at) => {
    if (call.method !== 'chat.postMessage' || !call.ok) return;
    const n = /Bench group (\d+)/.exec(String(call.args.text ?? ''))?.[1];
    if (n !== undefined) visible.set(Number(n), at);
  });
  const healthz = async () => {
    const start = performance.now();
    const response = await fetch(`${w.bot.url}/healthz`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`B7: /healthz answered ${response.status}`);
    return performance.now() - start;
  };
  try {
    // Warm up both paths (statements compiled, connections open), out of the measured groups' numbers.
    const total = PACED_PER_S * PACED_SECONDS;
    for (let n = total; n < total + WARM_UP_GROUPS; n += 1) await postAlertmanager(w.bot, pacedPayload(n));
    for (let i = 0; i < 20; i += 1) await healthz();
    await until(() => visible.size >= WARM_UP_GROUPS, 30_000, 'the warm-up offers');
    // Each channel's next post may go a second after its last one: the warm-up's must not delay the measured.
    await pause(1000);

    const sentAt = new Array<number>(total);
    const ackMs = new Array<number>(total);
    const refused: number[] = [];
    const health: number[] = [];
    let sending = true;
    const probe = (async () => {
      while (sending) {
        health.push(await healthz());
        await pause(HEALTHZ_EVERY_MS);
      }
    })();
    const start = performance.now();
    const posts: Array<Promise<void>> = [];
    for (let n = 0; n < total; n += 1) {
      const due = start + (n * 1000) / PACED_PER_S;
      const wait = due - performance.now();
      if (wait > 1) await pause(wait);
      sentAt[n] = performance.now();
      posts.push(
        postAlertmanager(w.bot, pacedPayload(n)).then((status) => {
          ackMs[n] = performance.now() - (sentAt[n] as number);
          if (status !== 202) refused.push(status);
        }),
      );
    }
    await Promise.all(posts);
    const sendingMs = performance.now() - start;
    await until(() => [...visible.keys()].filter((n) => n < total).length >= total, 60_000, `${total} offers`);
    sending = false;
    await probe;

    const latency = Array.from({ length: total }, (_, n) => (visible.get(n) as number) - (sentAt[n] as number));
    const p50 = median(latency);
    const p99 = percentile(latency, 99);
    const h50 = median(health);
    const h99 = percentile(health, 99);
    const offers = [...visible.keys()].filter((n) => n < total).length;
    const held = await w.reader.db.selectFrom('alert_groups').select('id').where('state', '!=', 'offered').execute();
    return {
      id: `B7 latency ${dialect}`,
      what: `alert notification → offer visible in Slack, ${total} distinct groups at ${PACED_PER_S}/s over ${CHANNELS} channels (${dialect})`,
      figures: {
        notifications: total,
        sent_per_s: round((total / sendingMs) * 1000, 1),
        offer_p50_ms: round(p50, 1),
        offer_p99_ms: round(p99, 1),
        offer_max_ms: round(Math.max(...latency), 1),
        // A bot that keeps up shows the same in the first second as in the last; one that falls behind, more.
        offer_p50_first_second_ms: round(median(latency.slice(0, PACED_PER_S)), 1),
        offer_p50_last_second_ms: round(median(latency.slice(-PACED_PER_S)), 1),
        ack_p50_ms: round(median(ackMs), 1),
        ack_p99_ms: round(percentile(ackMs, 99), 1),
        healthz_p50_ms: round(h50, 1),
        healthz_p99_ms: round(h99, 1),
        healthz_samples: health.length,
        offers_posted: offers,
        groups_not_offered: held.length,
        refused: refused.length,
      },
      comparison: {
        with: 'the same bot answering /healthz (HTTP in, a database ping) during the same seconds',
        ratio: round(p50 / h50, 1),
        ratioMeaning: 'offer p50 in /healthz p50 round trips',
      },
      target: `every group offered; p99 < ${LATENCY_P99_TARGET_MS} ms`,
      met: refused.length === 0 && held.length === 0 && p99 < LATENCY_P99_TARGET_MS,
      summary:
        `p50 ${round(p50, 1)} ms, p99 ${round(p99, 1)} ms (${round(p50 / h50, 1)}× / ${round(p99 / h99, 1)}× /healthz p50 ${round(h50, 1)}, p99 ${round(h99, 1)} ms);` +
        ` ack p50 ${round(median(ackMs), 1)} ms; ${offers}/${total} offered` +
        (refused.length ? `; ${refused.length} refused` : ''),
    };
  } finally {
    await w.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** When the storm's alerts started: the same in every notification that carries them. */
const STORM_STARTED = Date.now() - 60_000;

/** Notification `round` of storm group `g`: alerts 0..round, all firing. */
const stormPayload = (g: number, r: number) =>
  alertmanagerPayload({
    groupKey: `{}:{alertname="Storm${g}"}`,
    alerts: Array.from({ length: r + 1 }, (_, i) => ({
      name: `Storm${g}`,
      labels: { severity: 'warning', instance: `node-${i}` },
      summary: `Storm group ${g}`,
      startsAt: new Date(STORM_STARTED + i * 1000),
      fingerprint: `storm-${g}-${i}`,
    })),
  });

/** (ii): 2,000 Alertmanager notifications over 100 growing groups, as fast as a few senders go. */
async function storm(dialect: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const w = await world(dialect, { ALERT_OFFERS_PER_MINUTE: String(STORM_OFFERS_PER_MINUTE) }, []);
  let lastCall = performance.now();
  onCall(w.slack, (_call, at) => {
    lastCall = at;
  });
  try {
    w.slack.reset();
    const total = STORM_GROUPS * STORM_ROUNDS;
    // Round by round, as Alertmanager re-sends each group of a storm as alerts join it.
    const order = Array.from({ length: total }, (_, k) => ({ g: k % STORM_GROUPS, r: Math.floor(k / STORM_GROUPS) }));
    const refused: number[] = [];
    const handled = async () =>
      Number(
        (
          await w.reader.db
            .selectFrom('alert_notifications')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('handled_at', 'is not', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: STORM_SENDERS }, async () => {
        while (next < order.length) {
          const { g, r } = order[next++] as { g: number; r: number };
          const status = await postAlertmanager(w.bot, stormPayload(g, r));
          if (status !== 202) refused.push(status);
        }
      }),
    );
    const storedMs = performance.now() - start;
    await until(async () => (await handled()) >= total, 300_000, `handling ${total} notifications`);
    const handledMs = performance.now() - start;
    // What the bot still does after the last one (the storm message's last edit) counts too.
    await until(() => performance.now() - lastCall >= QUIET_MS, 60_000, 'the bot going quiet');

    const groups = await w.reader.db.selectFrom('alert_groups').select(['id', 'state']).execute();
    const notifications = await w.reader.db.selectFrom('alert_notifications').select(['attempts', 'handled_at']).execute();
    const alerts = Number((await w.reader.db.selectFrom('alert_group_alerts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const messages = w.slack.botMessages(INCIDENTS);
    const offersPerGroup = new Map<string, number>();
    for (const m of messages) {
      const group = (m.metadata?.event_payload as { group_id?: string } | undefined)?.group_id;
      if (m.metadata?.event_type === 'alert_offer' && group) offersPerGroup.set(group, (offersPerGroup.get(group) ?? 0) + 1);
    }
    const offers = [...offersPerGroup.values()].reduce((a, b) => a + b, 0);
    const mostOffers = Math.max(0, ...offersPerGroup.values());
    const stormTs = new Set(messages.filter((m) => m.text.startsWith('Alert storm')).map((m) => m.ts));
    const stormMessages = stormTs.size;
    const edits = w.slack.calls.filter((c) => c.method === 'chat.update');
    const stormEdits = edits.filter((c) => stormTs.has(String(c.args.ts))).length;
    const calls = w.slack.calls.map((c) => c.method);
    const failedCalls = w.slack.calls.filter((c) => !c.ok).length;
    const notOnce = notifications.filter((n) => n.attempts !== 1 || n.handled_at === null).length;
    const ratio = handledMs / storedMs;
    const met =
      refused.length === 0 &&
      groups.length === STORM_GROUPS &&
      alerts === total &&
      mostOffers <= 1 &&
      offers <= STORM_OFFERS_PER_MINUTE &&
      stormMessages === 1 &&
      notOnce === 0 &&
      ratio <= STORM_RATIO_TARGET;
    return {
      id: `B7 storm ${dialect}`,
      what: `alert storm: ${total} Alertmanager notifications, ${STORM_GROUPS} groups growing to ${STORM_ROUNDS} alerts, ${STORM_SENDERS} senders (${dialect})`,
      figures: {
        notifications: total,
        stored_s: round(storedMs / 1000, 2),
        all_handled_s: round(handledMs / 1000, 2),
        handled_per_s: Math.round((total / handledMs) * 1000),
        groups: groups.length,
        offered_groups: groups.filter((g) => g.state === 'offered').length,
        held_groups: groups.filter((g) => g.state === 'held').length,
        offer_messages: offers,
        most_offers_for_one_group: mostOffers,
        storm_messages: stormMessages,
        notifications_not_handled_once: notOnce,
        slack_calls: calls.length,
        slack_calls_failed: failedCalls,
        slack_calls_by_method: tally(calls),
        offer_edits: edits.length - stormEdits,
        storm_message_edits: stormEdits,
      },
      comparison: { with: 'the time the same run took to store them (every 202 received)', ratio: round(ratio, 2), ratioMeaning: 'times the time to store them' },
      target: `${STORM_GROUPS} groups, ≤ 1 offer each, ≤ ${STORM_OFFERS_PER_MINUTE} offers + 1 storm message, each handled once, all handled ≤ ${STORM_RATIO_TARGET}× the time to store them`,
      met,
      summary:
        `all ${total} handled in ${round(handledMs / 1000, 1)} s (stored in ${round(storedMs / 1000, 1)} s, ${round(ratio, 2)}×); ` +
        `${groups.length} groups, ${offers} offers (≤ ${mostOffers} per group) + ${stormMessages} storm message; ` +
        `${calls.length} Slack calls: ${tally(calls)} (${stormEdits} of the edits to the storm message)` +
        (refused.length ? `; ${refused.length} refused` : '') +
        (notOnce ? `; ${notOnce} not handled exactly once` : ''),
    };
  } finally {
    await w.close();
  }
}

/** B7: alert notifications, one dialect: offer latency at a steady pace, then a storm. */
export async function benchAlerts(dialect: 'sqlite' | 'postgres'): Promise<BenchResult[]> {
  return [await pacedLatency(dialect), await storm(dialect)];
}
