import { incidentRow, itemRow, postmortemRow } from '../../tools/harness/insight-rows';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { testClock } from '../../tools/harness/test-clock';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

describe('/incident insights', () => {
  // Tuesday 1 December 2026, 10:00 UTC: the last 30 days are November.
  const time = testClock('2026-12-01T10:00:00Z');
  let t: TestBot;
  let ana: string;
  let bo: string;
  let ops: string;

  /** The latest private reply to a person in a channel, once it has this much. */
  const replyTo = (user: string, fragment: string) =>
    waitFor(() => t.slack.ephemerals(user, ops).filter((e) => visibleText(e).includes(fragment)).at(-1));
  const charts = (user: string) => t.slack.dm(user).filter((m) => (m.files ?? []).length > 0);

  beforeAll(async () => {
    t = await startTestBot({ clock: time.clock });
    ana = t.slack.addUser({ name: 'ana', realName: 'Ana Ops', tz: 'Europe/Berlin' }).id;
    bo = t.slack.addUser({ name: 'bo', realName: 'Bo Builder', tz: 'America/New_York' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [ana, bo] }).id;
    const secret = t.slack.addChannel({ name: 'inc-20261128-secret', isPrivate: true, members: [t.slack.bot.userId, ana] }).id;
    const { db } = t.bot.database;
    await db
      .insertInto('incidents')
      .values([
        incidentRow('pub1', '2026-11-20T10:00:00.000Z', { severity: 'SEV1', impact_started_at: '2026-11-20T09:40:00.000Z', resolved_at: '2026-11-20T11:00:00.000Z' }),
        incidentRow('pub2', '2026-11-25T10:00:00.000Z', { severity: 'SEV3', resolved_at: '2026-11-25T10:30:00.000Z' }),
        incidentRow('secret', '2026-11-28T10:00:00.000Z', { severity: 'SEV2', is_private: 1, channel_id: secret }),
      ])
      .execute();
    await db.insertInto('postmortems').values([postmortemRow('pub1', ['database'], '2026-11-21T09:00:00.000Z'), postmortemRow('secret', ['credentials'])]).execute();
    await db.insertInto('action_items').values([itemRow('a1', 'pub1', ana, { status: 'done', status_changed_at: '2026-11-22T00:00:00.000Z' })]).execute();
  });
  afterAll(() => t.stop());

  it('answers privately with the figures, a private incident counted for its members only', async () => {
    await t.driver.command({ user: ana, channel: ops, text: 'insights' });
    const forAna = visibleText(await replyTo(ana, 'Incidents declared'));
    expect(forAna).toContain('Last 30 days, compared with the 30 days before');
    expect(forAna).toContain('*Incidents declared:* *3* (↑ 3 from 0)');
    // Detect: 20 min (pub1), 0 and 0; resolve: 60 and 30 min; the secret one is not resolved.
    expect(forAna).toContain('*Time to detect:* median *under a minute* (none before) · p90 *16 min* (none before)');
    expect(forAna).toContain('*Time to resolve:* median *45 min* (none before)');
    expect(forAna).toContain('*Most frequent tags:* credentials (1), database (1)');
    expect(forAna).toContain(`• <@${ana}>: 1 done`);

    await t.driver.command({ user: bo, channel: ops, text: 'insights' });
    const forBo = visibleText(await replyTo(bo, 'Incidents declared'));
    expect(forBo).toContain('*Incidents declared:* *2* (↑ 2 from 0)');
    expect(forBo).toContain('*Most frequent tags:* database (1)');
    expect(forBo).not.toContain('credentials');
  });

  it('sends the chart to the person’s DM: a private reply cannot carry a file', async () => {
    const [chart] = await waitFor(() => (charts(ana).length > 0 ? charts(ana) : undefined));
    expect(chart?.files?.[0]).toMatchObject({ name: 'incidents-per-week-30d-2026-12-01.png', title: 'Incidents per week by severity · Last 30 days' });
    expect(chart?.text).toContain('Incidents per week by severity, last 30 days (3 in all)');
    expect(visibleText(await replyTo(ana, 'Incidents declared'))).toContain('The chart of incidents per week is in your DM with the bot.');
    await waitFor(() => charts(bo).length === 1);
  });

  it('takes a period, and says which ones it knows', async () => {
    await t.driver.command({ user: ana, channel: ops, text: 'insights year' });
    expect(visibleText(await replyTo(ana, '2026 so far'))).toContain('compared with the same part of 2025');
    await t.driver.command({ user: ana, channel: ops, text: 'insights week' });
    expect(visibleText(await replyTo(ana, 'takes one of'))).toContain('30d, 90d, quarter, year');
  });

  it('shows the last 30 days on the App Home, as its reader may see them', async () => {
    await t.driver.appHomeOpened(bo);
    const home = await waitFor(() => t.slack.homeView(bo));
    const shown = visibleText(home as { blocks?: unknown[] });
    expect(shown).toContain('*Insights* · Last 30 days');
    expect(shown).toContain('*Incidents declared:* *2*');
  });
});
