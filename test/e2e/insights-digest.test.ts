import type { FakeMessage } from '../../tools/fake-slack';
import { jobRan } from '../../tools/harness/completion';
import { incidentRow, itemRow, postmortemRow } from '../../tools/harness/insight-rows';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { testClock } from '../../tools/harness/test-clock';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

const CHANNEL = 'C0POSTMORTEMS';

describe('the weekly insights digest, on two replicas sharing one database', () => {
  // Monday 30 November 2026, 08:50 in Berlin; the digest is due at 09:00 there (08:00 UTC).
  const time = testClock('2026-11-30T07:50:00Z');
  const env = { INSIGHTS_DIGEST: 'MON 09:00 Europe/Berlin', POSTMORTEMS_CHANNEL: CHANNEL };
  let first: TestBot;
  let second: TestBot;

  const digests = (): FakeMessage[] => first.slack.botMessages(CHANNEL).filter((m) => (m.metadata as { event_type?: string } | undefined)?.event_type === 'insights_digest');
  const chartsUnder = (digest: FakeMessage) => first.slack.replies(CHANNEL, digest.ts).filter((m) => (m.files ?? []).length > 0);
  const digestRow = (dueAt: string) => first.bot.database.db.selectFrom('insight_digests').selectAll().where('due_at', '=', dueAt).executeTakeFirst();
  const finished = (dueAt: string) => waitFor(async () => (await digestRow(dueAt))?.finished_at, { timeoutMs: 10_000 });
  /** Each replica has finished a run that started after this call: whatever was due has been done. */
  const bothRan = () => Promise.all([jobRan(first, 'insights-digest'), jobRan(second, 'insights-digest')]);

  beforeAll(async () => {
    first = await startTestBot({ env, clock: time.clock, jobs: { remindersEveryMs: 20 } });
    // Message timestamps follow the test's clock: the digest is found again by when it was posted.
    first.slack.setClock(() => time.clock.now().getTime());
    const ana = first.slack.addUser({ name: 'ana', realName: 'Ana Owner', tz: 'Europe/Berlin' }).id;
    const ben = first.slack.addUser({ name: 'ben', realName: 'Ben Builder', tz: 'Europe/Berlin' }).id;
    first.slack.addChannel({ id: CHANNEL, name: 'postmortems', members: [first.slack.bot.userId] });
    const { db } = first.bot.database;
    await db
      .insertInto('incidents')
      .values([
        incidentRow('pub', '2026-11-25T10:00:00.000Z', { title: 'Checkout errors', severity: 'SEV2', resolved_at: '2026-11-25T12:00:00.000Z' }),
        incidentRow('priv', '2026-11-26T10:00:00.000Z', { title: 'Secret breach', severity: 'SEV1', is_private: 1 }),
        incidentRow('dec', '2026-12-18T10:00:00.000Z', { title: 'Search slow', severity: 'SEV3' }),
      ])
      .execute();
    await db.insertInto('postmortems').values([postmortemRow('pub', ['payments'], '2026-11-26T09:00:00.000Z'), postmortemRow('priv', ['breach'])]).execute();
    await db
      .insertInto('action_items')
      .values([
        itemRow('late', 'pub', ana, { description: 'Alert on checkout 5xx', due_date: '2026-11-20' }),
        itemRow('check', 'pub', ben, { description: 'Add a canary for config pushes', status: 'done', status_changed_at: '2026-10-01T00:00:00.000Z', verification: 'scheduled', verify_at: '2026-11-28T08:00:00.000Z' }),
        itemRow('hidden', 'priv', ana, { description: 'Rotate the leaked keys', due_date: '2026-11-21' }),
      ])
      .execute();
    const database = first.config.database;
    second = await startTestBot({
      env: { ...env, DATABASE_URL: database.dialect === 'sqlite' ? database.path : database.url, SLACK_API_URL: first.slack.apiUrl },
      clock: time.clock,
      jobs: { remindersEveryMs: 20 },
    });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('starts with the next scheduled time, and posts nothing before it', async () => {
    await bothRan();
    // Last Monday was before the digest was turned on: it is not owed.
    expect(await digestRow('2026-11-23T08:00:00.000Z')).toMatchObject({ outcome: 'skipped', posted_ts: null });
    time.set('2026-11-30T07:59:59Z');
    await bothRan();
    expect(digests()).toEqual([]);
    expect(await digestRow('2026-11-30T08:00:00.000Z')).toBeUndefined();
  });

  it('posts at 09:00 in Berlin once, from one replica, with its chart in the thread', async () => {
    time.set('2026-11-30T08:00:00Z');
    await finished('2026-11-30T08:00:00.000Z');
    await bothRan();
    await bothRan();
    expect(digests()).toHaveLength(1);
    const [digest] = digests() as [FakeMessage];
    expect(digest.metadata).toMatchObject({ event_payload: { due_at: '2026-11-30T08:00:00.000Z' } });
    const shown = visibleText(digest);
    expect(shown).toContain('Weekly insights');
    expect(shown).toContain('Past 7 days, compared with the week before · public incidents only');
    // The private incident and its item count nowhere in a channel.
    expect(shown).toContain('*Incidents declared:* *1* (↑ 1 from 0)');
    expect(shown).toContain('*Post-mortems within 48 h of resolving:* *1 of 1* (100%)');
    expect(shown).toContain('*Action items overdue (1):*\n• Alert on checkout 5xx — Ana Owner, due 2026-11-20');
    expect(shown).toContain('*Countermeasures not yet confirmed to work (1):*\n• Add a canary for config pushes — Ben Builder, check was due');
    expect(shown).not.toContain('Rotate the leaked keys');
    expect(shown).not.toContain('breach');
    expect(shown).not.toMatch(/<@U/);
    const charts = chartsUnder(digest);
    expect(charts).toHaveLength(1);
    expect(charts[0]?.files?.[0]).toMatchObject({ name: 'incidents-per-week-7d-2026-11-30.png' });
    expect(await digestRow('2026-11-30T08:00:00.000Z')).toMatchObject({ outcome: 'posted', posted_ts: digest.ts, claimed_until: null });

    time.set('2026-11-30T15:00:00Z');
    await bothRan();
    expect(digests()).toHaveLength(1);
  });

  it('after three Mondays down, posts only the latest missed one', async () => {
    // Both replicas stop; the clock moves to Tuesday 22 December; both start again.
    await second.restart(() => first.restart(() => time.set('2026-12-22T10:00:00Z')));
    await finished('2026-12-21T08:00:00.000Z');
    await bothRan();
    expect(digests().map((d) => (d.metadata as { event_payload: { due_at: string } }).event_payload.due_at)).toEqual(['2026-11-30T08:00:00.000Z', '2026-12-21T08:00:00.000Z']);
    expect(chartsUnder(digests().at(-1) as FakeMessage)).toHaveLength(1);
    for (const missed of ['2026-12-07T08:00:00.000Z', '2026-12-14T08:00:00.000Z']) expect(await digestRow(missed)).toBeUndefined();
  });

  it('finds a digest a replica posted just before dying, instead of posting it again', async () => {
    const latest = digests().at(-1) as FakeMessage;
    // As a replica that died after Slack's answer and before recording it leaves the row; its hold
    // lapses only once the clock moves past it (the replicas poll meanwhile, on the clock at 10:00).
    await first.bot.database.db
      .updateTable('insight_digests')
      .set({ posted_ts: null, chart_shared_at: null, outcome: null, finished_at: null, claimed_until: '2026-12-22T10:01:00.000Z' })
      .where('due_at', '=', '2026-12-21T08:00:00.000Z')
      .execute();
    time.set('2026-12-22T10:02:00Z');
    await finished('2026-12-21T08:00:00.000Z');
    await bothRan();
    expect(digests()).toHaveLength(2);
    expect(chartsUnder(latest)).toHaveLength(1);
    expect(await digestRow('2026-12-21T08:00:00.000Z')).toMatchObject({ outcome: 'posted', posted_ts: latest.ts, attempts: 2 });
  });
});
