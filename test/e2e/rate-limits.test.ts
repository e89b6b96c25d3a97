import { randomUUID } from 'node:crypto';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * The bot against Slack's own rate limits (the fake enforces each method's tier, and
 * chat.postMessage's second per channel, answering 429 with Retry-After as Slack does).
 */
describe("a busy incident within Slack's rate limits", () => {
  let t: TestBot;
  afterEach(() => t?.stop());

  /** Calls the fake Slack refused for going over a limit, as a share of all calls. */
  const refusedShare = () => t.slack.rateLimitedCalls().length / Math.max(1, t.slack.calls.length);
  const problemsSeen = () =>
    t.logs.filter((l) => Number(l.level) >= 50).map((l) => String(l.msg));

  it('opens a modal at once while a burst of captures waits for its turn', async () => {
    t = await startTestBot({ rateLimits: 'slack' });
    const alice = t.slack.addUser({ name: 'alice' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Burst' });
    const people = Array.from({ length: 12 }, (_, i) => t.slack.addUser({ name: `p${i}` }).id);
    for (const person of people) t.slack.addMember(channel.id, person);
    const messages = Array.from({ length: 60 }, (_, i) => ({ by: people[i % people.length] as string, ts: t.slack.post(people[i % people.length] as string, channel.id, `Finding ${i}`).ts }));
    // Sixty marks in a few hundred milliseconds: more than Slack lets the bot react to in a minute.
    await Promise.all(messages.map((m) => t.driver.reactionAdded(m.by, channel.id, m.ts, 'pushpin')));

    const modal = await commandOpeningModal(t, alice, channel.id, 'timeline');
    expect(visibleText(modal)).toContain('Burst');
    const open = t.slack.callsTo('views.open').at(-1)!;
    expect(open.ok).toBe(true);

    const entries = () =>
      t.bot.database.db.selectFrom('timeline_entries').select('source_ts').where('incident_id', '=', row.id).where('kind', '=', 'message').execute();
    await waitFor(async () => (await entries()).length === 60, { timeoutMs: 60_000 });
    // The captures were still going on when the person's modal opened.
    const lastCaptureCall = t.slack.calls.filter((c) => c.method.startsWith('reactions.') || c.method.startsWith('conversations.history')).at(-1)!;
    expect(lastCaptureCall.at).toBeGreaterThan(open.at);
    expect(new Set((await entries()).map((e) => e.source_ts)).size).toBe(60);
    expect(refusedShare()).toBeLessThanOrEqual(0.01);
    expect(problemsSeen()).toEqual([]);
  }, 90_000);

  it('sends every due reminder once and publishes in both channels while they compete for the same budgets', async () => {
    t = await startTestBot({
      rateLimits: 'slack',
      env: { POSTMORTEMS_CHANNEL: 'C0POSTMORTEMS' },
      jobs: { remindersEveryMs: 100 },
    });
    t.slack.addChannel({ id: 'C0POSTMORTEMS', name: 'postmortems', members: [t.slack.bot.userId] });
    const ana = t.slack.addUser({ name: 'ana', tz: 'UTC' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [ana] }).id;
    const { channel, row } = await declareThroughSlack(t, ana, ops, { title: 'Busy day' });
    await t.driver.command({ user: ana, channel: channel.id, text: 'resolve Rolled back the config push' });
    await waitFor(async () => (await t.bot.database.db.selectFrom('incidents').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status === 'resolved');

    const owners = Array.from({ length: 10 }, (_, i) => t.slack.addUser({ name: `owner${i}`, tz: 'UTC' }).id);
    const now = new Date();
    await t.bot.database.db
      .insertInto('action_items')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          id: randomUUID(),
          incident_id: row.id,
          description: `Follow-up ${i}`,
          owner_id: owners[i % owners.length] as string,
          due_date: now.toISOString().slice(0, 10),
          type: 'mitigate',
          status: 'open',
          owner_time_zone: 'UTC',
          next_reminder_at: now.toISOString(),
          next_reminder_kind: 'due',
          overdue_reminders_sent: 0,
          reminder_failures: 0,
          created_by: ana,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })),
      )
      .execute();

    await publishThroughSlack(t, ana, channel.id, undefined, { timeoutMs: 60_000 });
    const reminders = () => owners.flatMap((o) => t.slack.dm(o).filter((m) => visibleText(m).includes('Follow-up')));
    await waitFor(() => reminders().length >= 30, { timeoutMs: 60_000 });
    const texts = reminders().map((m) => /Follow-up \d+/.exec(visibleText(m))?.[0]);
    expect(new Set(texts).size).toBe(30);
    expect(texts).toHaveLength(30);
    for (const place of [channel.id, 'C0POSTMORTEMS']) {
      expect(t.slack.botMessages(place).some((m) => visibleText(m).includes('Busy day'))).toBe(true);
    }
    expect(refusedShare()).toBeLessThanOrEqual(0.01);
    expect(problemsSeen()).toEqual([]);
  }, 90_000);

  it("waits out Slack's Retry-After on a capture and acknowledges it, nobody seeing the refusal", async () => {
    t = await startTestBot({ rateLimits: 'slack' });
    const alice = t.slack.addUser({ name: 'alice' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Told to wait' });
    const message = t.slack.post(alice, channel.id, 'The queue is draining');
    t.slack.injectFault('reactions.add', { kind: 'rate_limited', retryAfterSeconds: 2 });
    await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
    await waitFor(() => t.slack.reactionsOn(channel.id, message.ts).some((r) => r.name === 'memo'), { timeoutMs: 10_000 });
    const adds = t.slack.callsTo('reactions.add');
    expect(adds.map((c) => c.status)).toEqual([429, 200]);
    expect((adds[1]?.at ?? 0) - (adds[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(problemsSeen()).toEqual([]);
    expect(t.slack.ephemerals(alice)).toEqual([]);
  }, 30_000);
});
