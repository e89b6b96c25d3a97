import { RATE_LIMITED_RETRIES } from '../../src/slack/rate-limits/rate-limited-fetch';
import { WebClient } from '@slack/web-api';
import { createDb } from '../../src/db/create-db';
import type { FakeChannel, FakeMessage } from '../../tools/fake-slack';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';
import { testClock } from '../../tools/harness/test-clock';

describe('action item reminders', () => {
  // Monday 30 November 2026, 00:00 UTC.
  const time = testClock('2026-11-30T00:00:00Z');
  let t: TestBot;
  let lou: string;
  let kiri: string;
  let cora: string;
  let channel: FakeChannel;
  let incidentId: string;

  const item = (description: string) =>
    t.bot.database.db.selectFrom('action_items').selectAll().where('description', '=', description).executeTakeFirstOrThrow();
  const dms = (user: string, fragment: string): FakeMessage[] => t.slack.dm(user).filter((m) => visibleText(m).includes(fragment));
  /** The DM goes out before the next reminder is recorded: wait for the record, not just the DM. */
  const nextReminderOf = (description: string, expected: string) =>
    waitFor(async () => (await item(description)).next_reminder_at === expected).catch(async () => {
      expect((await item(description)).next_reminder_at).toBe(expected);
    });

  async function addItem(user: string, description: string, owner: string, due: string) {
    const modal = await commandOpeningModal(t, user, channel.id, 'action add');
    expect(modal.callback_id).toBe('action_item');
    await t.driver.submitView({ user, viewId: modal.id, fields: { ai_description: description, ai_owner: owner, ai_due: due, ai_type: 'detect' } });
    return waitFor(() => item(description).catch(() => undefined));
  }

  beforeAll(async () => {
    t = await startTestBot({ clock: time.clock, jobs: { remindersEveryMs: 25 } });
    cora = t.slack.addUser({ name: 'cora', realName: 'Cora Commander', tz: 'Europe/London' }).id;
    lou = t.slack.addUser({ name: 'lou', realName: 'Lou LA', tz: 'America/Los_Angeles' }).id;
    kiri = t.slack.addUser({ name: 'kiri', realName: 'Kiri Auckland', tz: 'Pacific/Auckland' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [cora, lou, kiri] }).id;
    const declared = await declareThroughSlack(t, cora, ops, { title: 'Checkout errors', responders: [lou, kiri] });
    channel = declared.channel;
    incidentId = declared.row.id;
  });
  afterAll(() => t.stop());

  it('DMs the owner when an item is assigned, with its buttons', async () => {
    await addItem(cora, 'Alert on checkout 5xx', lou, '2026-12-03');
    await addItem(cora, 'Add a canary for config pushes', kiri, '2026-12-03');
    const [assigned] = await waitFor(() => (dms(lou, 'You own a new action item').length ? dms(lou, 'You own a new action item') : undefined));
    expect(visibleText(assigned)).toContain('Alert on checkout 5xx');
    expect(visibleText(assigned)).toContain('due *2026-12-03*');
    expect(buttonsOf(assigned).map((b) => b.text)).toEqual(['Mark done', 'Snooze 1 day', 'Snooze 1 week', "Won't do", 'Open incident']);
    await waitFor(() => dms(kiri, 'You own a new action item').length === 1);
    expect(t.slack.ephemerals(cora, channel.id).some((e) => e.text.includes('Action item added'))).toBe(true);
  });

  it('reminds each owner at 09:00 on the due date in their own zone', async () => {
    await nextReminderOf('Alert on checkout 5xx', '2026-12-03T17:00:00.000Z');
    await nextReminderOf('Add a canary for config pushes', '2026-12-02T20:00:00.000Z');

    time.set('2026-12-02T19:59:00Z');
    await jobRan(t, 'action-item-reminders');
    expect(dms(kiri, 'due today')).toEqual([]);
    time.set('2026-12-02T20:00:00Z');
    await waitFor(() => dms(kiri, 'due today').length === 1);
    expect(dms(lou, 'due today')).toEqual([]);

    time.set('2026-12-03T17:00:00Z');
    await waitFor(() => dms(lou, 'due today').length === 1);
    await jobRan(t, 'action-item-reminders');
    expect(dms(kiri, 'due today')).toHaveLength(1);
    expect(dms(lou, 'due today')).toHaveLength(1);
  });

  it('follows up every three working days while overdue, skipping the weekend, then tells the commander', async () => {
    // Due Thursday 3 Dec: Friday, Monday, Tuesday → Tuesday 8 Dec 09:00 in Los Angeles.
    await nextReminderOf('Alert on checkout 5xx', '2026-12-08T17:00:00.000Z');
    time.set('2026-12-08T16:59:00Z');
    await jobRan(t, 'action-item-reminders');
    expect(dms(lou, 'overdue')).toEqual([]);
    time.set('2026-12-08T17:00:00Z');
    await waitFor(() => dms(lou, 'overdue').length === 1);
    expect(dms(cora, 'is overdue and still open')).toEqual([]);

    // Tuesday → Wednesday, Thursday, Friday 11 Dec: the second overdue reminder escalates.
    await nextReminderOf('Alert on checkout 5xx', '2026-12-11T17:00:00.000Z');
    time.set('2026-12-11T17:00:00Z');
    await waitFor(() => dms(lou, 'overdue').length === 2);
    await waitFor(() => dms(cora, 'is overdue and still open').length === 1);
    expect(visibleText(dms(cora, 'is overdue and still open')[0])).toContain(`owner <@${lou}>`);
  });

  it('snoozes: the DM says until when and the reminder moves', async () => {
    const due = dms(kiri, 'Add a canary').at(-1);
    const snoozeDay = buttonsOf(due).find((b) => b.text === 'Snooze 1 day')!;
    const before = (await item('Add a canary for config pushes')).next_reminder_at!;
    await t.driver.blockAction({ user: kiri, actionId: snoozeDay.actionId, container: { type: 'message', channel: due!.channel, ts: due!.ts } });
    await waitFor(() => visibleText(t.slack.message(due!.channel, due!.ts)).includes('Snoozed by'));
    const after = (await item('Add a canary for config pushes')).next_reminder_at!;
    // A day later than the reminder that was coming, at 09:00 in Auckland.
    expect(Date.parse(after) - Date.parse(before)).toBe(86_400_000);
    expect(after.endsWith('T20:00:00.000Z')).toBe(true);
  });

  it('marks done from the DM: the DM shows who, the channel hears of it, reminders stop', async () => {
    const due = dms(kiri, 'Add a canary').at(-1);
    const done = buttonsOf(t.slack.message(due!.channel, due!.ts)).find((b) => b.text === 'Mark done')!;
    await t.driver.blockAction({ user: kiri, actionId: done.actionId, container: { type: 'message', channel: due!.channel, ts: due!.ts } });
    await waitFor(() => visibleText(t.slack.message(due!.channel, due!.ts)).includes(`Done by <@${kiri}>`));
    expect(buttonsOf(t.slack.message(due!.channel, due!.ts))).toEqual([]);
    await waitFor(() => t.slack.botMessages(channel.id).some((m) => m.text.includes('marked an action item done') && m.text.includes('Add a canary')));
    await requestsFinished(t);
    const stored = await item('Add a canary for config pushes');
    expect(stored).toMatchObject({ status: 'done', status_changed_by: kiri, next_reminder_at: null });
    const before = t.slack.dm(kiri).length;
    time.set('2026-12-20T00:00:00Z');
    await jobRan(t, 'action-item-reminders');
    expect(t.slack.dm(kiri)).toHaveLength(before);
  });

  it("closes an item as won't do with a reason", async () => {
    const [overdue] = dms(lou, 'overdue');
    const wontDo = buttonsOf(t.slack.message(overdue!.channel, overdue!.ts)).find((b) => b.text === "Won't do")!;
    await t.driver.blockAction({ user: lou, actionId: wontDo.actionId, container: { type: 'message', channel: overdue!.channel, ts: overdue!.ts } });
    const modal = await topModal(t, lou);
    expect(modal.callback_id).toBe('action_item_wont_do');
    await t.driver.submitView({ user: lou, viewId: modal.id, fields: { wont_do_reason: 'The new monitoring stack already alerts on this' } });
    await waitFor(() => visibleText(t.slack.message(overdue!.channel, overdue!.ts)).includes("Won't do"));
    await waitFor(async () => (await item('Alert on checkout 5xx')).status === 'wont_do');
    expect(await item('Alert on checkout 5xx')).toMatchObject({ status: 'wont_do', status_reason: 'The new monitoring stack already alerts on this' });
  });

  it('refuses to act on someone else’s item', async () => {
    await addItem(cora, 'Runbook for config rollback', lou, '2026-12-30');
    const [assigned] = await waitFor(() => {
      const found = dms(lou, 'Runbook for config rollback');
      return found.length ? found : undefined;
    });
    const done = buttonsOf(assigned).find((b) => b.text === 'Mark done')!;
    // Kiri somehow clicks it (a forwarded message): only the owner or the commander may.
    t.slack.openDm(kiri);
    await t.driver.signedPost(
      `payload=${encodeURIComponent(
        JSON.stringify({
          type: 'block_actions',
          user: { id: kiri, username: 'kiri', name: 'kiri', team_id: t.slack.teamId },
          team: { id: t.slack.teamId, domain: t.slack.teamDomain },
          api_app_id: t.slack.bot.appId,
          token: 'legacy',
          trigger_id: '1.2.3',
          container: { type: 'message', channel_id: assigned!.channel, message_ts: assigned!.ts },
          channel: { id: assigned!.channel, name: 'directmessage' },
          message: assigned,
          actions: [{ type: 'button', action_id: done.actionId, block_id: 'x', value: done.value, action_ts: '1.1' }],
        }),
      )}`,
      'application/x-www-form-urlencoded',
    );
    await requestsFinished(t);
    expect((await item('Runbook for config rollback')).status).toBe('open');
    expect(visibleText(t.slack.message(assigned!.channel, assigned!.ts))).not.toContain('Done by');
    expect(t.slack.botMessages(channel.id).some((m) => m.text.includes('Runbook for config rollback'))).toBe(false);
  });

  it('reassigning moves the reminders to the new owner and tells both', async () => {
    const runbook = await addItem(cora, 'Dashboards for the payment queue', lou, '2026-12-30');
    await waitFor(() => dms(lou, 'Dashboards for the payment queue').length === 1);
    const form = await commandOpeningModal(t, cora, channel.id, 'postmortem');
    await t.driver.blockAction({
      user: cora,
      actionId: 'postmortem_action_item_menu',
      blockId: `item:${runbook.id}`,
      selectedOption: `edit:${runbook.id}`,
      container: { type: 'view', viewId: form.id },
    });
    const edit = await topModal(t, cora, form.id);
    await t.driver.submitView({ user: cora, viewId: edit.id, fields: { ai_owner: kiri } });
    await waitFor(() => dms(lou, 'is now').some((m) => visibleText(m).includes(`<@${kiri}>`)));
    await waitFor(() => dms(kiri, 'Dashboards for the payment queue').some((m) => visibleText(m).includes('You own a new action item')));
    const moved = await waitFor(async () => {
      const row = await item('Dashboards for the payment queue');
      return row.owner_id === kiri && row.owner_time_zone === 'Pacific/Auckland' ? row : undefined;
    });
    expect(moved.owner_id).toBe(kiri);
    expect(moved.owner_time_zone).toBe('Pacific/Auckland');
    expect(moved.next_reminder_at).toBe('2026-12-29T20:00:00.000Z');
    t.slack.closeView(cora, form.id);
    // And back to Lou.
    const again = await commandOpeningModal(t, cora, channel.id, 'postmortem');
    await t.driver.blockAction({
      user: cora,
      actionId: 'postmortem_action_item_menu',
      blockId: `item:${runbook.id}`,
      selectedOption: `edit:${runbook.id}`,
      container: { type: 'view', viewId: again.id },
    });
    const back = await topModal(t, cora, again.id);
    await t.driver.submitView({ user: cora, viewId: back.id, fields: { ai_owner: lou } });
    await waitFor(async () => (await item('Dashboards for the payment queue')).owner_id === lou);
    t.slack.closeView(cora, again.id);
  });

  it('shows a person’s items from several incidents on their App Home, overdue first', async () => {
    await addItem(cora, 'Review the checkout alerts', lou, '2026-12-30');
    const ops = t.slack.channelByName('ops')!.id;
    const second = await declareThroughSlack(t, cora, ops, { title: 'Search slow', responders: [lou] });
    const modal = await commandOpeningModal(t, cora, second.channel.id, 'action add');
    await t.driver.submitView({
      user: cora,
      viewId: modal.id,
      fields: { ai_description: 'Index the orders table', ai_owner: lou, ai_due: '2026-12-28', ai_type: 'prevent' },
    });
    await waitFor(() => item('Index the orders table').catch(() => undefined));
    time.set('2026-12-29T20:00:00Z');
    await t.driver.appHomeOpened(lou);
    const home = await waitFor(() => {
      const view = t.slack.homeView(lou);
      return view && visibleText(view).includes('Index the orders table') ? view : undefined;
    });
    const text = visibleText(home);
    // Earlier stories in this file may have left Lou more open items: all of them are listed.
    const open = await t.bot.database.db.selectFrom('action_items').select('id').where('owner_id', '=', lou).where('status', '=', 'open').execute();
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`My action items (${open.length})`);
    expect(text.indexOf('Index the orders table')).toBeLessThan(text.indexOf('Review the checkout alerts'));
    expect(text).toContain('*Overdue*');
    expect(text).toContain('My open incidents (2)');
    expect(text).toContain('Checkout errors');
    expect(text).toContain('Search slow');
    expect(buttonsOf(home).filter((b) => b.text === 'Mark done')).toHaveLength(open.length);

    const mine = await t.driver.command({ user: lou, channel: ops, text: 'actions' });
    expect(mine.status).toBe(200);
    await waitFor(() => t.slack.ephemerals(lou, ops).some((e) => visibleText(e).includes('Your open action items')));
    // The channel's list shows closed items too: Cora gives one up.
    await addItem(cora, 'Retire the legacy checkout alert', cora, '2026-12-30');
    const [retire] = await waitFor(() => (dms(cora, 'Retire the legacy checkout alert').length ? dms(cora, 'Retire the legacy checkout alert') : undefined));
    const wontDo = buttonsOf(retire).find((b) => b.text === "Won't do")!;
    const onTop = t.slack.views(cora).at(-1)?.id;
    await t.driver.blockAction({ user: cora, actionId: wontDo.actionId, container: { type: 'message', channel: retire!.channel, ts: retire!.ts } });
    const reason = await topModal(t, cora, onTop);
    await t.driver.submitView({ user: cora, viewId: reason.id, fields: { wont_do_reason: 'The new dashboards replace it' } });
    await waitFor(async () => (await item('Retire the legacy checkout alert')).status === 'wont_do');
    await t.driver.command({ user: cora, channel: channel.id, text: 'actions' });
    await waitFor(() => t.slack.ephemerals(cora, channel.id).some((e) => visibleText(e).includes("won't do")));
    expect(incidentId).toBeTruthy();
  });
});

describe('reminders that survive restarts, outages and Slack failures', () => {
  const time = testClock('2026-12-01T08:00:00Z');
  let t: TestBot;
  let ana: string;
  let channel: FakeChannel;

  const dmCount = (user: string, fragment: string) => t.slack.dm(user).filter((m) => visibleText(m).includes(fragment)).length;

  beforeEach(async () => {
    time.set('2026-12-01T08:00:00Z');
    t = await startTestBot({ clock: time.clock, jobs: { remindersEveryMs: 25 } });
    // Slack and the bot share one clock here, as they do for real: message times are compared.
    t.slack.setClock(() => time.clock.now().getTime());
    ana = t.slack.addUser({ name: 'ana', tz: 'UTC' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [ana] }).id;
    channel = (await declareThroughSlack(t, ana, ops, { title: 'Disk full' })).channel;
  });
  afterEach(() => t.stop());

  async function addItems(count: number, due: string) {
    for (let i = 0; i < count; i += 1) {
      const modal = await commandOpeningModal(t, ana, channel.id, 'action add');
      await t.driver.submitView({ user: ana, viewId: modal.id, fields: { ai_description: `Item ${i}`, ai_owner: ana, ai_due: due, ai_type: 'process' } });
    }
    await waitFor(() => dmCount(ana, 'You own a new action item') === count);
  }

  it('after a three-day outage sends one catch-up reminder per item, not one per missed day', async () => {
    await addItems(3, '2026-12-02');
    await t.restart(() => time.set('2026-12-10T12:00:00Z'));
    // Late, they say so: overdue since 2 December, one each.
    await waitFor(() => dmCount(ana, 'is overdue') === 3);
    await jobRan(t, 'action-item-reminders');
    expect(dmCount(ana, 'is overdue')).toBe(3);
    expect(dmCount(ana, 'due today')).toBe(0);
  });

  it('a restart mid-run sends nothing twice and loses nothing', async () => {
    await addItems(2, '2026-12-01');
    const [first, second] = await t.bot.database.db.selectFrom('action_items').selectAll().orderBy('description').execute();
    // A replica crashed while sending: it had claimed both; it got the first DM out, not the second.
    const key = `${first!.id}:due:0:${first!.due_date}`;
    await t.restart(async () => {
      time.set('2026-12-01T09:00:00Z');
      const claimedUntil = new Date(time.clock.now().getTime() + 60_000).toISOString();
      const down = createDb(t.config.database);
      await down.db.updateTable('action_items').set({ reminder_claimed_until: claimedUntil }).execute();
      await down.close();
      const client = new WebClient(t.slack.botToken, { slackApiUrl: t.slack.apiUrl, retryConfig: { retries: 0 } });
      await client.chat.postMessage({
        channel: ana,
        text: 'Your action item is due today: Item 0',
        metadata: { event_type: 'action_item_reminder', event_payload: { key } },
      });
    });
    await jobRan(t, 'action-item-reminders');
    expect(dmCount(ana, 'due today')).toBe(1);
    time.advance(3 * 60_000);
    await waitFor(() => dmCount(ana, 'due today') === 2);
    await jobRan(t, 'action-item-reminders');
    expect(t.slack.dm(ana).filter((m) => m.text.includes('due today: Item 0'))).toHaveLength(1);
    expect(t.slack.dm(ana).filter((m) => m.text.includes('due today: Item 1'))).toHaveLength(1);
    await waitFor(async () => {
      const rows = await t.bot.database.db.selectFrom('action_items').selectAll().orderBy('description').execute();
      return rows.every((r) => r.next_reminder_kind === 'overdue');
    });
    expect(second).toBeDefined();
  });

  it('waits out a 429 on a reminder and sends it once, nobody seeing it', async () => {
    await addItems(1, '2026-12-03');
    time.set('2026-12-03T09:00:00Z');
    t.slack.injectFault('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    await waitFor(() => dmCount(ana, 'due today') === 1, { timeoutMs: 8000 });
    await jobRan(t, 'action-item-reminders');
    expect(dmCount(ana, 'due today')).toBe(1);
    const row = await t.bot.database.db.selectFrom('action_items').selectAll().executeTakeFirstOrThrow();
    expect(row.reminder_failures).toBe(0);
    expect(t.slack.callsTo('chat.postMessage').map((c) => c.status)).toContain(429);
  });

  it('retries a reminder later when Slack keeps answering 429', async () => {
    await addItems(1, '2026-12-03');
    time.set('2026-12-03T09:00:00Z');
    t.slack.injectFault('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 0 }, { times: RATE_LIMITED_RETRIES + 1 });
    await waitFor(async () => {
      const row = await t.bot.database.db.selectFrom('action_items').selectAll().executeTakeFirstOrThrow();
      return row.reminder_failures === 1;
    }, { timeoutMs: 8000 });
    expect(dmCount(ana, 'due today')).toBe(0);
    time.advance(61_000);
    await waitFor(() => dmCount(ana, 'due today') === 1);
    expect(t.logs.some((l) => l.msg === 'reminder failed; will retry')).toBe(true);
  });

  it('tells the commander when the owner can no longer be reached', async () => {
    const gone = t.slack.addUser({ name: 'gone' }).id;
    t.slack.addMember(channel.id, gone);
    const modal = await commandOpeningModal(t, ana, channel.id, 'action add');
    await t.driver.submitView({ user: ana, viewId: modal.id, fields: { ai_description: 'Orphan', ai_owner: gone, ai_due: '2026-12-05', ai_type: 'process' } });
    t.slack.injectFault('chat.postMessage', { kind: 'error', error: 'user_not_found' });
    await waitFor(() => dmCount(ana, 'cannot receive reminders') === 1);
  });
});
