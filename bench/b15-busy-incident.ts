import { randomUUID } from 'node:crypto';
import type { FakeCall, FakeMessage, FakeView } from '../tools/fake-slack';
import { ACK_DEADLINE_MS, SlackDriver } from '../tools/fake-slack/slack-driver';
import { type FastTime, fastTime } from '../tools/harness/fast-time';
import { declareThroughSlack, topModal } from '../tools/harness/incident-steps';
import { PUBLISHABLE_CONTENT } from '../tools/harness/postmortem-steps';
import { reminderKeys } from '../tools/harness/reminder-keys';
import { seedIncident } from '../tools/harness/test-db';
import { SIGNING_SECRET, type TestBot, startTestBot } from '../tools/harness/test-bot';
import { visibleText } from '../tools/harness/visible-text';
import { waitFor } from '../tools/harness/wait-for';
import { READ_GAP_MS } from '../src/slack/web-api/marked-message-reader';
import { ChannelPacer } from '../src/slack/web-api/channel-pacer';
import type { BenchResult } from './result';
import { percentile, round } from './stats';

/**
 * How many times faster than the wall clock the incident plays out. A trigger_id lasts 3 s of
 * this time (500 ms of the wall clock's at 6), which must hold a command's round trip, the
 * membership check and the modal's rendering on a shared 2-core machine.
 */
const SPEED = 6;
/** When the incident happens, on the shared fast clock. */
const START = Date.parse('2026-12-01T09:00:00Z');
const SCENARIO_MS = 10 * 60_000;
const PEOPLE = 30;
const PINS = 300;
/** Bursts of pins (when, how many, over how long), on top of a steady trickle of the rest. */
const BURSTS = [
  { at: 30_000, pins: 60, overMs: 20_000 },
  { at: 150_000, pins: 45, overMs: 15_000 },
  { at: 300_000, pins: 60, overMs: 20_000 },
  { at: 450_000, pins: 40, overMs: 15_000 },
] as const;
/** Pins on thread replies. */
const REPLY_SHARE = 0.1;
const THREADS = 5;
/** Messages nobody pins, as busy channels have. */
const CHATTER = 300;
const LIFECYCLE_CHANGES = 40;
/** Where three changes come within 4 s of each other (24 of the 40). */
const CHANGE_CLUSTERS = [35_000, 95_000, 160_000, 230_000, 310_000, 390_000, 460_000, 540_000];
const HAND_ENTRIES = 20;
/** `/incident timeline` opened during the bursts. */
const TIMELINE_VIEWS = 6;
const REMINDERS = 50;
/** The reminders all fall due at once, in the middle of the third burst. */
const REMINDERS_DUE_AT = 310_000;
/** How long after the last scripted action the bot may take to acknowledge every pin and send every reminder. */
const DRAIN_MS = 5 * 60_000;

const TARGETS = { callsPerPin: 1.2, rateLimitedShare: 0.01, ackP95Ms: 30_000, viewsOpenMs: 3_000 } as const;

/**
 * The fewest Web API calls each flow needs, one occurrence on its own (as B5 counts them). Work
 * shared between occurrences (one read for many pins, one card update for several changes, one
 * note for a burst) can bring a flow below its fewest.
 */
const FEWEST = {
  capture: 'per pin its acknowledgement (:memo:, or its place in a note); per 10 s of pinning (READ_GAP_MS) one read of the channel and one of each thread pinned in',
  lifecycle: 'per change (the resolution and the publication too): the notice, the card, the announcement in #incidents, the topic',
  membership: "per request acting on the incident (command or submission): one live read of the channel's members",
  modals: "per modal one views.open; per hand-written entry its ephemeral confirmation; per person writing entries their time zone (users.info); the post-mortem form shows its review and its result",
  reminders: 'per reminder its DM; per owner one conversations.open',
  participants: "once resolved, who took part: the channel's posters (one history page per 200 messages), and per participant not looked up before whether they are a person (users.info)",
  accounts: 'per participant the DM asking for their account, and its edit once the post-mortem is published',
  publish: 'per page one post in each channel; per file and channel getUploadURLExternal and completeUploadExternal',
  other: 'nothing',
} as const;

type Flow = keyof typeof FEWEST;

/** A small seeded generator, so every run plays the same incident. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface PlannedMessage {
  id: number;
  at: number;
  author: number;
  /** Index into the thread parents, for a reply. */
  thread?: number;
  pinnedAt?: number;
  pinnedBy?: number;
}

type Action =
  | { kind: 'post'; at: number; message: PlannedMessage }
  | { kind: 'pin'; at: number; message: PlannedMessage }
  | { kind: 'lifecycle'; at: number; n: number }
  | { kind: 'hand-entry'; at: number; n: number }
  | { kind: 'timeline-view'; at: number; n: number };

/** Ten minutes of a busy incident, as offsets from its start. */
function plan(): Action[] {
  const rnd = random(15);
  const pick = (n: number) => Math.floor(rnd() * n);
  const pinTimes: number[] = [];
  for (const burst of BURSTS) for (let i = 0; i < burst.pins; i += 1) pinTimes.push(burst.at + rnd() * burst.overMs);
  while (pinTimes.length < PINS) pinTimes.push(5_000 + rnd() * (SCENARIO_MS - 10_000));
  pinTimes.sort((a, b) => a - b);
  const messages: PlannedMessage[] = [];
  const replies = new Set<number>();
  while (replies.size < Math.round(PINS * REPLY_SHARE)) replies.add(pick(PINS));
  pinTimes.forEach((pinAt, i) => {
    // Mostly what was just said; now and then something from minutes ago.
    const age = rnd() < 0.9 ? 2_000 + rnd() * 38_000 : 60_000 + rnd() * 120_000;
    const at = Math.max(1_500 + rnd() * 2_000, pinAt - age);
    messages.push({ id: messages.length, at: Math.min(at, pinAt - 500), author: pick(PEOPLE), pinnedAt: pinAt, pinnedBy: pick(PEOPLE), ...(replies.has(i) ? { thread: pick(THREADS) } : {}) });
  });
  for (let i = 0; i < CHATTER; i += 1) {
    messages.push({ id: messages.length, at: 1_500 + rnd() * (SCENARIO_MS - 2_000), author: pick(PEOPLE), ...(rnd() < 0.1 ? { thread: pick(THREADS) } : {}) });
  }
  const actions: Action[] = [];
  for (const message of messages) {
    actions.push({ kind: 'post', at: message.at, message });
    if (message.pinnedAt !== undefined) actions.push({ kind: 'pin', at: message.pinnedAt, message });
  }
  // Changes come in clusters as news breaks (severity and status within seconds), and now and then alone.
  const changeTimes = CHANGE_CLUSTERS.flatMap((at) => [0, 2_000, 4_000].map((d) => at + d));
  const alone = LIFECYCLE_CHANGES - changeTimes.length;
  for (let i = 0; i < alone; i += 1) changeTimes.push(10_000 + i * ((SCENARIO_MS - 20_000) / alone));
  changeTimes.sort((a, b) => a - b).forEach((at, n) => actions.push({ kind: 'lifecycle', at, n }));
  for (let n = 0; n < HAND_ENTRIES; n += 1) actions.push({ kind: 'hand-entry', at: 20_000 + n * (SCENARIO_MS / HAND_ENTRIES), n });
  for (let n = 0; n < TIMELINE_VIEWS; n += 1) {
    const burst = BURSTS[Math.floor(n / 2) % BURSTS.length]!;
    actions.push({ kind: 'timeline-view', at: burst.at + (n % 2 ? 0.7 : 0.3) * burst.overMs, n });
  }
  return actions.sort((a, b) => a.at - b.at);
}

/** Slack's permalink id of a message ("p" and its ts without the dot), as notes link to it. */
const linkId = (ts: string) => `p${ts.replace('.', '')}`;

function tally(calls: FakeCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[c.method] = (counts[c.method] ?? 0) + 1;
  return counts;
}

const describeTally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m}×${n}`)
    .join(', ');

const seconds = (ms: number) => round(ms / 1000, 1);

function metadataOf(call: FakeCall): { event_type?: string } | undefined {
  const raw = call.args.metadata;
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as { event_type?: string };
    } catch {
      return undefined;
    }
  }
  return raw as { event_type?: string } | undefined;
}

/**
 * B15: one busy incident for ten minutes on Slack's own rate limits, both in the fake Slack and in
 * the bot: 300 pins in bursts, 40 lifecycle changes, 20 hand-written entries, modals opened during
 * the bursts, 50 reminders falling due at once, then the post-mortem published to two channels.
 * Everything runs on one clock six times faster than the wall clock.
 */
export async function benchBusyIncident(): Promise<BenchResult> {
  const time = fastTime(SPEED, START);
  const every = (ms: number) => Math.max(10, Math.round(ms / SPEED));
  const t = await startTestBot({
    env: { INCIDENTS_CHANNEL: 'C0INCIDENTS', POSTMORTEMS_CHANNEL: 'C0POSTMORTEMS', LOG_LEVEL: 'info' },
    clock: time.clock,
    rateLimits: 'slack',
    slackTime: time,
    postPacer: new ChannelPacer(1000, time),
    jobs: {
      resumeSetupsEveryMs: every(30_000),
      postmortemRemindersEveryMs: every(60_000),
      remindersEveryMs: every(60_000),
      replayInboxEveryMs: every(10_000),
      processAlertsEveryMs: every(5_000),
      pushPostmortemsEveryMs: every(30_000),
      askForAccountsEveryMs: every(60_000),
      syncIssuesEveryMs: every(15_000),
      searchIndexEveryMs: every(15_000),
      replicaBeatEveryMs: every(10_000),
    },
  });
  t.slack.setClock(() => time.now());
  // Slack shows an error for an acknowledgement later than 3 s of its own time.
  t.driver = new SlackDriver({ appUrl: `http://127.0.0.1:${t.bot.port}`, signingSecret: SIGNING_SECRET, slack: t.slack, ackDeadlineMs: ACK_DEADLINE_MS / SPEED });
  const realStart = Date.now();
  try {
    return await run(t, time, realStart);
  } finally {
    await t.stop().catch((error: unknown) => process.stderr.write(`B15: ${error instanceof Error ? error.message : String(error)}\n`));
  }
}

async function run(t: TestBot, time: FastTime, realStart: number): Promise<BenchResult> {
  const db = t.bot.database.db;
  const people = Array.from({ length: PEOPLE }, (_, i) => t.slack.addUser({ name: `person${i + 1}`, realName: `Person ${i + 1}`, tz: 'UTC' }).id);
  const [alice] = people as [string];
  const ops = t.slack.addChannel({ name: 'ops', members: people }).id;
  t.slack.addChannel({ id: 'C0INCIDENTS', name: 'incidents', members: [...people, t.slack.bot.userId] });
  t.slack.addChannel({ id: 'C0POSTMORTEMS', name: 'postmortems', members: [t.slack.bot.userId] });
  const past = t.slack.addChannel({ name: 'inc-20261120-queue-backlog', members: [...people, t.slack.bot.userId] }).id;

  const { row, channel: incidentChannel } = await declareThroughSlack(t, alice, ops, { title: 'Checkout latency', severity: 'SEV2' });
  const channel = incidentChannel.id;
  for (const person of people) if (!t.slack.channel(channel)?.members.includes(person)) t.slack.addMember(channel, person);
  const cardTs = (await db.selectFrom('incidents').select('card_ts').where('id', '=', row.id).executeTakeFirstOrThrow()).card_ts;

  // Fifty action items of an earlier incident, owned by the thirty people, all due at one moment of this one.
  const scenarioStart = time.now() + 1_000;
  const pastIncident = await seedIncident(t.bot.database, { id: 'incident-past', channelId: past });
  const created = new Date(START - 20 * 86_400_000).toISOString();
  await db
    .insertInto('action_items')
    .values(
      Array.from({ length: REMINDERS }, (_, i) => ({
        id: randomUUID(),
        incident_id: pastIncident,
        description: `Follow-up ${i + 1}: alert on queue depth`,
        owner_id: people[i % PEOPLE] as string,
        due_date: new Date(scenarioStart + REMINDERS_DUE_AT).toISOString().slice(0, 10),
        type: 'detect',
        status: 'open',
        owner_time_zone: 'UTC',
        next_reminder_at: new Date(scenarioStart + REMINDERS_DUE_AT).toISOString(),
        next_reminder_kind: 'due',
        overdue_reminders_sent: 0,
        reminder_failures: 0,
        created_by: alice,
        created_at: created,
        updated_at: created,
      })),
    )
    .execute();
  // Only what the scenario makes the bot do is counted.
  t.slack.reset();
  await time.until(scenarioStart);

  const actions = plan();
  const failures: string[] = [];
  const modalErrors: string[] = [];
  const triggers = new Map<string, { issuedAt: number; what: string }>();
  const posted = new Map<number, Promise<FakeMessage>>();
  const pinAt = new Map<string, number>();
  const locks = new Map<string, Promise<unknown>>();
  const person = (n: number) => people[n % PEOPLE] as string;
  const threadParents = Array.from({ length: THREADS }, (_, i) => t.slack.post(person(i * 7), channel, `Thread ${i + 1}: what we know about the ${['database', 'cache', 'queue', 'CDN', 'payments'][i]}`));
  await Promise.all(threadParents.map((m) => t.driver.messagePosted(m)));

  /** A person's modals one after another: Slack stacks them, and the person works on one at a time. */
  const exclusive = (user: string, work: () => Promise<void>) => {
    const next = (locks.get(user) ?? Promise.resolve()).then(work);
    locks.set(user, next.catch(() => undefined));
    return next;
  };
  /** When each lifecycle command was sent, and by whom. */
  const changes: Array<{ at: number; user: string }> = [];
  /** Commands and submissions acting on the incident: each needs its membership check. */
  let requests = 0;
  const openModal = async (user: string, text: string): Promise<FakeView> => {
    requests += 1;
    const before = t.slack.views(user).at(-1)?.id;
    const issuedAt = time.now();
    const response = await t.driver.command({ user, channel, text });
    if (response.triggerId) triggers.set(response.triggerId, { issuedAt, what: text });
    return topModal(t, user, before);
  };
  const severities = ['SEV1', 'SEV2'];
  const statuses = ['identified', 'monitoring'];

  const perform = async (action: Action): Promise<void> => {
    switch (action.kind) {
      case 'post': {
        const { message } = action;
        const threadTs = message.thread !== undefined ? (threadParents[message.thread] as FakeMessage).ts : undefined;
        const text = `${message.pinnedAt !== undefined ? 'Observation' : 'Chatter'} ${message.id}: p99 at ${200 + message.id} ms on checkout-api`;
        const made = t.slack.post(person(message.author), channel, text, threadTs ? { threadTs } : {});
        posted.set(message.id, Promise.resolve(made));
        await t.driver.messagePosted(made);
        return;
      }
      case 'pin': {
        const { message } = action;
        const made = await (posted.get(message.id) as Promise<FakeMessage>);
        pinAt.set(made.ts, time.now());
        await t.driver.reactionAdded(person(message.pinnedBy ?? 0), channel, made.ts, 'pushpin');
        return;
      }
      case 'lifecycle': {
        const n = action.n;
        const text = n % 2 === 0 ? `severity ${severities[(n / 2) % 2]}` : `status ${statuses[((n - 1) / 2) % 2]}`;
        requests += 1;
        changes.push({ at: time.now(), user: person(n * 3) });
        await t.driver.command({ user: person(n * 3), channel, text });
        return;
      }
      case 'hand-entry': {
        const user = person(action.n * 5 + 1);
        await exclusive(user, async () => {
          const view = await openModal(user, 'timeline add');
          const when = new Date(time.now() - 60_000).toISOString();
          const fields = { entry_text: `Call with the payment provider, note ${action.n + 1}`, entry_date: when.slice(0, 10), entry_time: when.slice(11, 16) };
          requests += 1;
          const answer = await t.driver.submitView({ user, viewId: view.id, fields });
          if (answer.body?.response_action === 'errors') modalErrors.push(`timeline add: ${JSON.stringify(answer.body.errors)}`);
        });
        return;
      }
      case 'timeline-view': {
        const user = person(action.n * 11 + 2);
        await exclusive(user, async () => {
          const view = await openModal(user, 'timeline');
          await time.sleep(5_000);
          if (t.slack.views(user).some((v) => v.id === view.id)) await t.driver.closeView({ user, viewId: view.id });
        });
        return;
      }
    }
  };

  const running: Array<Promise<void>> = [];
  for (const action of actions) {
    await time.until(scenarioStart + action.at);
    running.push(perform(action).catch((error: unknown) => void failures.push(`${action.kind}: ${error instanceof Error ? error.message : String(error)}`)));
  }
  await Promise.all(running);

  // Every pin acknowledged and every reminder sent, or the time allowed is up.
  const pinnedTs = () => [...pinAt.keys()];
  const drainUntil = time.now() + DRAIN_MS;
  while (time.now() < drainUntil) {
    const acks = acknowledgements(t.slack.calls, channel, cardTs, pinnedTs());
    const reminded = reminderKeys(t.slack, people).length;
    if (acks.acknowledged.size + acks.unlinkedInNotes >= PINS && reminded >= REMINDERS) break;
    await time.sleep(1_000);
  }

  // Resolve, then write and publish the post-mortem through its form.
  let submittedAt = Number.NaN;
  let shownAt = Number.NaN;
  let publishCalls: FakeCall[] = [];
  const resolvedFrom = t.slack.calls.length;
  try {
    requests += 1;
    await t.driver.command({ user: alice, channel, text: 'resolve Rolled back the config push' });
    const status = () => db.selectFrom('incidents').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
    await waitFor(async () => (await status()).status === 'resolved', { timeoutMs: 30_000 });
    // A form whose trigger expired is an error the person sees; they run the command again.
    const form = (await openModal(alice, 'postmortem').catch(() => undefined)) ?? (await openModal(alice, 'postmortem'));
    requests += 2;
    await t.driver.submitView({ user: alice, viewId: form.id, fields: PUBLISHABLE_CONTENT });
    await waitFor(() => (t.slack.view(form.id)?.callback_id === 'postmortem_review' && t.slack.view(form.id)?.submit ? true : undefined), { timeoutMs: 30_000 });
    submittedAt = time.now();
    const submitCall = t.slack.calls.length;
    await t.driver.submitView({ user: alice, viewId: form.id });
    await waitFor(() => (visibleText(t.slack.view(form.id)).includes('Published in') ? true : undefined), { timeoutMs: 120_000 });
    publishCalls = t.slack.calls.slice(submitCall);
    const shown = publishCalls.find((c) => c.method === 'views.update' && c.args.view_id === form.id && JSON.stringify(c.args.view ?? '').includes('Published in'));
    shownAt = shown?.at ?? time.now();
  } catch (error) {
    failures.push(`publishing: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Whatever publishing and resolving set off (accounts asked for, files) has its time.
  await time.sleep(60_000);
  const realMs = Date.now() - realStart;

  // ---------------------------------------------------------------------------------------------
  const calls = [...t.slack.calls];
  const entries = await db.selectFrom('timeline_entries').select(['source_ts', 'kind', 'change', 'created_at']).where('incident_id', '=', row.id).execute();
  const bySource = new Map<string, number>();
  for (const e of entries) if (e.kind === 'message' && e.source_ts) bySource.set(e.source_ts, (bySource.get(e.source_ts) ?? 0) + 1);
  const wanted = pinnedTs();
  const captured = wanted.filter((ts) => (bySource.get(ts) ?? 0) >= 1).length;
  const twice = wanted.filter((ts) => (bySource.get(ts) ?? 0) > 1).length;
  const manual = entries.filter((e) => e.kind === 'manual').length;
  const changesApplied = entries.filter((e) => e.kind === 'system' && (e.change === 'severity' || e.change === 'status')).length;
  const entryCreated = new Map(entries.filter((e) => e.source_ts).map((e) => [e.source_ts as string, Date.parse(e.created_at)]));

  // Pin → acknowledgement, on the fake clock.
  const acks = acknowledgements(calls, channel, cardTs, wanted, entryCreated);
  const latencies: number[] = [];
  let unacknowledged = 0;
  for (const ts of wanted) {
    const at = acks.acknowledged.get(ts)?.at;
    if (at === undefined) unacknowledged += 1;
    else latencies.push(at - (pinAt.get(ts) as number));
  }
  const byHow = { reaction: 0, link: 0, count: 0 };
  for (const ack of acks.acknowledged.values()) byHow[ack.how] += 1;

  // Each change's notice in the channel, and the card showing it, after the command.
  const noticeLatencies: number[] = [];
  const cardLatencies: number[] = [];
  const noticed = new Set<FakeCall>();
  for (const change of changes) {
    const notice = calls.find(
      (c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === channel && !c.args.thread_ts && c.at >= change.at && !noticed.has(c) && String(c.args.text ?? '').includes(`<@${change.user}>`),
    );
    if (notice) {
      noticed.add(notice);
      noticeLatencies.push(notice.at - change.at);
    }
    const card = calls.find((c) => c.method === 'chat.update' && c.ok && c.args.channel === channel && c.args.ts === cardTs && c.at >= change.at);
    if (card) cardLatencies.push(card.at - change.at);
  }

  // 429s and calls.
  const limited = t.slack.rateLimitedCalls();
  const methods = tally(calls);
  const captureCalls = calls.filter((c, i) => flowOf(c, i >= resolvedFrom, channel, cardTs) === 'capture');

  // views.open within the trigger's 3 s.
  const opens = calls.filter((c) => c.method === 'views.open');
  const openLatencies: number[] = [];
  const openProblems: string[] = [];
  for (const [triggerId, { issuedAt, what }] of triggers) {
    const tries = opens.filter((c) => c.args.trigger_id === triggerId);
    const shown = tries.find((c) => c.ok);
    if (shown) openLatencies.push(shown.at - issuedAt);
    else openProblems.push(`${what}: views.open ${tries.map((c) => `${c.error ?? c.status} after ${c.at - issuedAt} ms`).join(', ') || 'never called'}`);
  }

  // Publishing: pages per channel against one post a second in each, the channels side by side.
  const pagePosts = publishCalls.filter((c) => c.method === 'chat.postMessage' && c.ok && metadataOf(c)?.event_type === 'postmortem_part');
  const pages = new Map<string, number>();
  for (const c of pagePosts) pages.set(String(c.args.channel), (pages.get(String(c.args.channel)) ?? 0) + 1);
  const publishMs = shownAt - submittedAt;
  const pagesPostedMs = pagePosts.length ? Math.max(...pagePosts.map((c) => c.at)) - submittedAt : Number.NaN;
  const floorMs = Math.max(0, ...pages.values()) * 1000;

  // Reminders.
  const keys = reminderKeys(t.slack, people);
  const reminderDms = calls.filter((c) => c.method === 'chat.postMessage' && c.ok && metadataOf(c)?.event_type === 'action_item_reminder');
  const lastReminderAt = reminderDms.length ? Math.max(...reminderDms.map((c) => c.at)) : Number.NaN;

  // What a person would have seen go wrong.
  const warnings = (text: string) => text.includes(':warning:') || text.includes('Slack is rate-limiting');
  const visible: string[] = [];
  for (const p of people) {
    for (const e of t.slack.ephemerals(p)) if (warnings(visibleText(e))) visible.push(`ephemeral to ${p}: ${visibleText(e).slice(0, 120)}`);
    for (const m of t.slack.dm(p)) if (warnings(visibleText(m))) visible.push(`DM to ${p}: ${visibleText(m).slice(0, 120)}`);
  }
  // A form that did not open is counted apart (views_open_failed): the person is told by the ephemeral above.
  visible.push(...modalErrors, ...t.slack.problems);
  for (const line of t.logs) if (Number(line.level) >= 50) visible.push(`log: ${String(line.msg)}`);

  // Calls made against the fewest each flow needs.
  const flows = flowTable(calls, resolvedFrom, channel, cardTs, {
    pins: [...pinAt.entries()].map(([ts, at]) => ({ at, thread: t.slack.message(channel, ts)?.thread_ts })),
    changes: LIFECYCLE_CHANGES + 2,
    requests,
    modals: triggers.size,
    confirmations: manual,
    writers: new Set(Array.from({ length: HAND_ENTRIES }, (_, n) => person(n * 5 + 1))).size,
    reminders: REMINDERS,
    owners: new Set(Array.from({ length: REMINDERS }, (_, i) => people[i % PEOPLE])).size,
    asked: new Set(calls.filter((c) => c.ok && metadataOf(c)?.event_type === 'account_request').map((c) => String(c.args.channel))).size,
    known: new Set(calls.slice(0, resolvedFrom).filter((c) => c.method === 'users.info' && c.ok).map((c) => String(c.args.user))).size,
    channelMessages: t.slack.messages(channel).length,
    pages: [...pages.values()].reduce((a, b) => a + b, 0),
    files: publishCalls.filter((c) => c.method === 'files.completeUploadExternal' && c.ok).length,
  });

  const p = (q: number) => seconds(percentile(latencies, q));
  const callsPerPin = captureCalls.length / Math.max(1, captured);
  const share = limited.length / Math.max(1, calls.length);
  const openMax = openLatencies.length ? Math.max(...openLatencies) : Number.NaN;
  const ackP95 = percentile(latencies, 95);
  const met =
    captured === PINS &&
    twice === 0 &&
    unacknowledged === 0 &&
    callsPerPin <= TARGETS.callsPerPin &&
    share <= TARGETS.rateLimitedShare &&
    visible.length === 0 &&
    ackP95 <= TARGETS.ackP95Ms &&
    openProblems.length === 0 &&
    openMax < TARGETS.viewsOpenMs &&
    failures.length === 0;

  const flowSummary = flows.rows.map((r) => `${r.flow} ${r.made}/${r.fewest}`).join(', ');
  return {
    id: 'B15',
    what: `a busy incident for 10 min on Slack's own rate limits (${PINS} pins in bursts, ${LIFECYCLE_CHANGES} changes, ${HAND_ENTRIES} hand-written entries, ${REMINDERS} reminders at once, publish to 2 channels), ${SPEED}× the wall clock`,
    figures: {
      speed: SPEED,
      real_s: seconds(realMs),
      pins_captured: captured,
      pins_captured_twice: twice,
      pins_unacknowledged: unacknowledged,
      acknowledged_by_reaction: byHow.reaction,
      acknowledged_by_note_link: byHow.link,
      acknowledged_by_note_count: byHow.count,
      notes: acks.notes,
      ack_p50_s: p(50),
      ack_p95_s: p(95),
      ack_max_s: latencies.length ? seconds(Math.max(...latencies)) : Number.NaN,
      calls: calls.length,
      calls_429: limited.length,
      share_429_pct: round(share * 100, 2),
      calls_429_by_method: describeTally(tally(limited)),
      calls_by_method: describeTally(methods),
      capture_calls: captureCalls.length,
      capture_calls_by_method: describeTally(tally(captureCalls)),
      calls_per_captured_pin: round(callsPerPin, 3),
      change_notice_p50_s: seconds(percentile(noticeLatencies, 50)),
      change_notice_max_s: noticeLatencies.length ? seconds(Math.max(...noticeLatencies)) : Number.NaN,
      change_card_max_s: cardLatencies.length ? seconds(Math.max(...cardLatencies)) : Number.NaN,
      changes_noticed: noticeLatencies.length,
      views_open: openLatencies.length,
      views_open_p50_ms: Math.round(percentile(openLatencies, 50)),
      views_open_max_ms: Math.round(openMax),
      views_open_failed: openProblems.length,
      views_open_failures: openProblems.join(' | '),
      publish_s: seconds(publishMs),
      publish_floor_s: seconds(floorMs),
      publish_pages_posted_s: seconds(pagesPostedMs),
      publish_vs_floor: round(publishMs / floorMs, 1),
      publish_pages: [...pages.entries()].map(([c, n]) => `${c === channel ? 'incident' : c === 'C0POSTMORTEMS' ? 'postmortems' : c}:${n}`).join(', '),
      reminders_sent: new Set(keys).size,
      reminders_twice: keys.length - new Set(keys).size,
      reminders_last_after_due_s: seconds(lastReminderAt - (scenarioStart + REMINDERS_DUE_AT)),
      hand_entries: manual,
      changes_applied: changesApplied,
      user_visible_errors: visible.length,
      user_visible_error_lines: visible.slice(0, 8).join(' | '),
      scenario_failures: failures.slice(0, 8).join(' | '),
      calls_vs_fewest: flowSummary,
      fewest_total: flows.fewest,
    },
    comparison: { with: `the fewest calls the flows need (${flows.fewest}; see FEWEST in bench/b15-busy-incident.ts)`, ratio: round(calls.length / flows.fewest, 2), ratioMeaning: 'times the fewest' },
    target: `all ${PINS} pins once; ≤ ${TARGETS.callsPerPin} calls a pin; 429s ≤ ${TARGETS.rateLimitedShare * 100} %; 0 user-visible errors; ack p95 ≤ ${TARGETS.ackP95Ms / 1000} s; views.open < ${TARGETS.viewsOpenMs / 1000} s`,
    met,
    summary:
      `${captured}/${PINS} pins (${twice} twice), ${round(callsPerPin, 2)} calls a pin; ack p50 ${p(50)} s, p95 ${p(95)} s; ` +
      `429s ${limited.length}/${calls.length} (${round(share * 100, 1)} %); ${visible.length} user-visible error${visible.length === 1 ? '' : 's'}; ` +
      `views.open max ${Math.round(openMax)} ms, ${openProblems.length} failed; ` +
      `publish ${seconds(publishMs)} s (floor ${seconds(floorMs)} s); ${round(calls.length / flows.fewest, 2)}× the fewest calls`,
  };
}

interface Acknowledgement {
  at: number;
  how: 'reaction' | 'link' | 'count';
}

/**
 * When each pinned message was acknowledged, from the fake's call log: its :memo: reaction, or a
 * note in the card's thread that links to it. A note lists ten messages and counts the rest: those
 * are matched to it by the time their entries were stored (the note gathers captures stored before it).
 */
function acknowledgements(calls: FakeCall[], channel: string, cardTs: string | null, wanted: string[], stored?: Map<string, number>) {
  const acknowledged = new Map<string, Acknowledgement>();
  const want = new Set(wanted);
  const earliest = (ts: string, ack: Acknowledgement) => {
    const known = acknowledged.get(ts);
    if (!known || ack.at < known.at) acknowledged.set(ts, ack);
  };
  const notes: Array<{ at: number; unlinked: number }> = [];
  for (const c of calls) {
    if (!c.ok || c.args.channel !== channel) continue;
    if (c.method === 'reactions.add' && c.args.name === 'memo' && want.has(String(c.args.timestamp))) earliest(String(c.args.timestamp), { at: c.at, how: 'reaction' });
    if (c.method === 'chat.postMessage' && c.args.thread_ts === cardTs && String(c.args.text ?? '').startsWith(':memo:')) {
      const text = String(c.args.text);
      const count = Number(/^:memo: (\d+) messages?/.exec(text)?.[1] ?? 0);
      const linked = wanted.filter((ts) => text.includes(linkId(ts)));
      for (const ts of linked) earliest(ts, { at: c.at, how: 'link' });
      notes.push({ at: c.at, unlinked: Math.max(0, count - linked.length) });
    }
  }
  const unlinkedInNotes = notes.reduce((sum, n) => sum + n.unlinked, 0);
  if (stored) {
    const waiting = wanted.filter((ts) => !acknowledged.has(ts) && stored.has(ts)).sort((a, b) => (stored.get(a) as number) - (stored.get(b) as number));
    for (const note of notes.sort((a, b) => a.at - b.at)) {
      for (let left = note.unlinked; left > 0; left -= 1) {
        const next = waiting.findIndex((ts) => (stored.get(ts) as number) <= note.at);
        if (next < 0) break;
        const [ts] = waiting.splice(next, 1);
        acknowledged.set(ts as string, { at: note.at, how: 'count' });
      }
    }
  }
  return { acknowledged, unlinkedInNotes, notes: notes.length };
}

/**
 * Which flow a call belongs to, from its method, where it went and the metadata the bot put on it.
 * Reads of the channel once the incident is resolved are the look for its posters, to ask them
 * for their accounts (every pin has been acknowledged by then).
 */
function flowOf(call: FakeCall, resolved: boolean, channel: string, cardTs: string | null): Flow {
  const where = String(call.args.channel ?? '');
  const kind = metadataOf(call)?.event_type ?? '';
  switch (call.method) {
    case 'conversations.history':
    case 'conversations.replies':
    case 'reactions.get':
      // Looking for a post-mortem's parts already posted.
      if (call.args.include_all_metadata !== undefined) return 'publish';
      return where !== channel ? 'other' : resolved ? 'participants' : 'capture';
    case 'reactions.add':
    case 'reactions.remove':
      return call.args.name === 'memo' ? 'capture' : 'other';
    case 'chat.postMessage':
      if (where === channel && call.args.thread_ts === cardTs && String(call.args.text ?? '').startsWith(':memo:')) return 'capture';
      if (kind === 'postmortem_part') return 'publish';
      if (kind === 'action_item_reminder') return 'reminders';
      if (kind === 'account_request') return 'accounts';
      return where === channel ? 'lifecycle' : 'other';
    case 'chat.update':
      if (where.startsWith('D')) return 'accounts';
      return where === channel || where === 'C0INCIDENTS' ? 'lifecycle' : where === 'C0POSTMORTEMS' ? 'publish' : 'other';
    case 'conversations.setTopic':
      return 'lifecycle';
    case 'conversations.members':
      return 'membership';
    case 'conversations.open':
      return 'reminders';
    case 'users.info':
      return resolved ? 'participants' : 'modals';
    case 'views.open':
    case 'views.update':
    case 'views.push':
    case 'chat.postEphemeral':
      return 'modals';
    case 'files.getUploadURLExternal':
    case 'files.completeUploadExternal':
      return 'publish';
    default:
      return 'other';
  }
}

interface FlowCounts {
  pins: Array<{ at: number; thread: string | undefined }>;
  /** Lifecycle changes, the resolution and the publication included. */
  changes: number;
  /** Commands and submissions acting on the incident. */
  requests: number;
  modals: number;
  confirmations: number;
  /** People who wrote entries by hand: their time zone is read once. */
  writers: number;
  reminders: number;
  owners: number;
  asked: number;
  /** People whose profile the bot had read before the incident was resolved. */
  known: number;
  /** Top-level messages in the incident channel when it is resolved. */
  channelMessages: number;
  pages: number;
  files: number;
}

/** Calls made per flow against the fewest it needs (see FEWEST). */
function flowTable(calls: FakeCall[], resolvedFrom: number, channel: string, cardTs: string | null, counts: FlowCounts) {
  const reads = new Set(counts.pins.map((p) => `${Math.floor(p.at / READ_GAP_MS)}:${p.thread ?? ''}`)).size;
  const fewest: Record<Flow, number> = {
    capture: counts.pins.length + reads,
    lifecycle: 4 * counts.changes,
    membership: counts.requests,
    modals: counts.modals + counts.confirmations + counts.writers + 2,
    reminders: counts.reminders + counts.owners,
    participants: Math.ceil(counts.channelMessages / 200) + counts.asked - counts.known,
    accounts: 2 * counts.asked,
    publish: counts.pages + 2 * counts.files,
    other: 0,
  };
  const made = Object.fromEntries(Object.keys(FEWEST).map((f) => [f, 0])) as Record<Flow, number>;
  calls.forEach((c, i) => (made[flowOf(c, i >= resolvedFrom, channel, cardTs)] += 1));
  const rows = (Object.keys(FEWEST) as Flow[]).map((flow) => ({ flow, made: made[flow], fewest: fewest[flow] }));
  return { rows, fewest: Object.values(fewest).reduce((a, b) => a + b, 0) };
}
