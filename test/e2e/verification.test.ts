import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { askKey } from '../../src/action-items/verification-state';
import { createDb } from '../../src/db/create-db';
import { createLogger } from '../../src/logger';
import { ChannelPacer } from '../../src/slack/web-api/channel-pacer';
import { type Bot, startBot } from '../../src/start-bot';
import type { FakeChannel, FakeMessage } from '../../tools/fake-slack';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';
import { testClock } from '../../tools/harness/test-clock';

const QUESTION = 'Is this countermeasure working?';
const DAY_MS = 86_400_000;

/** What the stories below share: a declared incident, its people, and the steps a person takes. */
function verificationStory(t: () => TestBot) {
  const item = (description: string) =>
    t().bot.database.db.selectFrom('action_items').selectAll().where('description', '=', description).executeTakeFirstOrThrow();
  const questions = (user: string, description: string): FakeMessage[] =>
    t().slack.dm(user).filter((m) => visibleText(m).includes(QUESTION) && visibleText(m).includes(description));
  const current = (m: FakeMessage) => t().slack.message(m.channel, m.ts);

  /** Adds an item through `/incident action add`; `verifyAfter` is the "Check it works after" choice. */
  async function addItem(user: string, channel: string, description: string, owner: string, due: string, verifyAfter?: string) {
    const modal = await commandOpeningModal(t(), user, channel, 'action add');
    const fields: Record<string, string> = { ai_description: description, ai_owner: owner, ai_due: due, ai_type: 'prevent' };
    if (verifyAfter) fields.ai_verify_after = verifyAfter;
    await t().driver.submitView({ user, viewId: modal.id, fields });
    return waitFor(() => item(description).catch(() => undefined));
  }

  /** The owner marks it done from the DM that assigned it. */
  async function markDone(owner: string, description: string) {
    const assigned = await waitFor(() => t().slack.dm(owner).find((m) => visibleText(m).includes('You own a new action item') && visibleText(m).includes(description)));
    const done = buttonsOf(current(assigned)).find((b) => b.text === 'Mark done')!;
    await t().driver.blockAction({ user: owner, actionId: done.actionId, container: { type: 'message', channel: assigned.channel, ts: assigned.ts } });
    await waitFor(async () => (await item(description)).status === 'done');
  }

  /** The DMs go out before the ask is recorded: an answer waits for the record, as a person's click would come later. */
  const askedFor = (description: string, ask: number) =>
    waitFor(async () => {
      const row = await item(description);
      return row.verification === 'asked' && row.verify_asks === ask;
    });

  /** Once done, the job works out when to ask. */
  const plannedAt = (description: string) => waitFor(async () => (await item(description)).verify_at ?? undefined);

  async function answer(user: string, question: FakeMessage, text: 'Verified' | 'Not effective' | 'Not sure yet') {
    const button = buttonsOf(current(question)).find((b) => b.text === text)!;
    return t().driver.blockAction({ user, actionId: button.actionId, container: { type: 'message', channel: question.channel, ts: question.ts } });
  }

  /**
   * A click on a copy of the question as it was when asked (a second window, a forwarded message):
   * Slack sends it whatever the message shows now. Any refusal is told in the person's DM.
   */
  async function clickCopy(user: string, copy: FakeMessage, text: string) {
    const button = buttonsOf(copy).find((b) => b.text === text)!;
    await t().driver.signedPost(
      `payload=${encodeURIComponent(
        JSON.stringify({
          type: 'block_actions',
          user: { id: user, username: user, name: user, team_id: t().slack.teamId },
          team: { id: t().slack.teamId, domain: t().slack.teamDomain },
          api_app_id: t().slack.bot.appId,
          token: 'legacy',
          trigger_id: '1.2.3',
          container: { type: 'message', channel_id: copy.channel, message_ts: copy.ts },
          channel: { id: copy.channel, name: 'directmessage' },
          message: copy,
          actions: [{ type: 'button', action_id: button.actionId, block_id: 'x', value: button.value, action_ts: '1.1' }],
        }),
      )}`,
      'application/x-www-form-urlencoded',
    );
    await requestsFinished(t());
  }

  return { item, questions, current, addItem, markDone, plannedAt, askedFor, answer, clickCopy };
}

describe('verified, not just done', () => {
  // Monday 30 November 2026, 00:00 UTC.
  const time = testClock('2026-11-30T00:00:00Z');
  let t: TestBot;
  let cora: string;
  let kiri: string;
  let lou: string;
  let eve: string;
  let channel: FakeChannel;
  const story = verificationStory(() => t);
  const { item, questions, current, markDone, plannedAt, askedFor, answer, clickCopy } = story;
  const addItem = (description: string, owner: string, due: string, verifyAfter?: string) => story.addItem(cora, channel.id, description, owner, due, verifyAfter);

  beforeAll(async () => {
    t = await startTestBot({ clock: time.clock, jobs: { remindersEveryMs: 25 } });
    // Slack and the bot share one clock, as they do for real: a DM is searched by its time.
    t.slack.setClock(() => time.clock.now().getTime());
    cora = t.slack.addUser({ name: 'cora', realName: 'Cora Commander', tz: 'Europe/London' }).id;
    kiri = t.slack.addUser({ name: 'kiri', realName: 'Kiri Auckland', tz: 'Pacific/Auckland' }).id;
    lou = t.slack.addUser({ name: 'lou', realName: 'Lou LA', tz: 'America/Los_Angeles' }).id;
    eve = t.slack.addUser({ name: 'eve', realName: 'Eve Elsewhere', tz: 'UTC' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [cora, kiri, lou, eve] }).id;
    channel = (await declareThroughSlack(t, cora, ops, { title: 'Checkout errors', responders: [kiri, lou, eve] })).channel;
  });
  afterAll(() => t.stop());

  it('asks the owner and the commander once, at 09:00 in the owner’s zone on the day thirty days after it was done', async () => {
    await addItem('Add a canary for config pushes', kiri, '2026-12-03');
    // Done at 13:00 on 1 December in Auckland: asked on 31 December at 09:00 there (20:00 UTC the day before).
    time.set('2026-12-01T00:00:00Z');
    await markDone(kiri, 'Add a canary for config pushes');
    expect(await plannedAt('Add a canary for config pushes')).toBe('2026-12-30T20:00:00.000Z');

    time.set('2026-12-30T19:59:00Z');
    await jobRan(t, 'verify-items');
    expect(questions(kiri, 'Add a canary')).toEqual([]);
    expect(questions(cora, 'Add a canary')).toEqual([]);

    time.set('2026-12-30T20:00:00Z');
    await waitFor(() => questions(kiri, 'Add a canary').length === 1 && questions(cora, 'Add a canary').length === 1);
    await jobRan(t, 'verify-items');
    await jobRan(t, 'verify-items');
    expect(questions(kiri, 'Add a canary')).toHaveLength(1);
    expect(questions(cora, 'Add a canary')).toHaveLength(1);
    expect(questions(lou, 'Add a canary')).toEqual([]);
    expect(await item('Add a canary for config pushes')).toMatchObject({ verification: 'asked', verify_asks: 1 });

    const [asked] = questions(kiri, 'Add a canary');
    expect(visibleText(asked)).toContain('You did this action item.');
    expect(visibleText(asked)).toContain(`by <@${kiri}>`);
    expect(visibleText(asked)).toContain(`<#${channel.id}>`);
    expect(buttonsOf(asked).map((b) => b.text)).toEqual(['Verified', 'Not effective', 'Not sure yet']);
    expect(visibleText(questions(cora, 'Add a canary')[0])).toContain('You led the incident this action item came from.');
  });

  it('refuses an answer from someone who is neither the owner nor the commander', async () => {
    const [asked] = questions(kiri, 'Add a canary');
    await clickCopy(eve, asked!, 'Verified');
    expect(t.slack.dm(eve).some((m) => m.text.includes("Only the item's owner or the incident commander can say whether it works"))).toBe(true);
    expect(await item('Add a canary for config pushes')).toMatchObject({ verification: 'asked', verified_by: null });
  });

  it('Verified: the item shows who verified it and when, in both people’s questions', async () => {
    const [kirisQuestion] = questions(kiri, 'Add a canary');
    const asAsked = structuredClone(kirisQuestion!);
    const [corasQuestion] = questions(cora, 'Add a canary');
    await answer(cora, corasQuestion!, 'Verified');
    await waitFor(() => visibleText(current(kirisQuestion!)).includes(`Verified by <@${cora}>`));
    expect(visibleText(current(corasQuestion!))).toContain(`Verified by <@${cora}>`);
    expect(buttonsOf(current(kirisQuestion!))).toEqual([]);
    expect(buttonsOf(current(corasQuestion!))).toEqual([]);
    expect(await item('Add a canary for config pushes')).toMatchObject({
      status: 'done',
      verification: 'verified',
      verified_by: cora,
      verified_at: '2026-12-30T20:00:00.000Z',
    });

    // Kiri answers too, from the question as she still had it open: the first answer stands.
    await clickCopy(kiri, asAsked, 'Not sure yet');
    expect(t.slack.dm(kiri).some((m) => m.text.includes(`That action item was already verified by <@${cora}>`))).toBe(true);
    expect((await item('Add a canary for config pushes')).verification).toBe('verified');
  });

  it('Not effective: asks why, refuses an empty answer or a past date, then reopens the item and restarts its reminders', async () => {
    // Wednesday 30 December, noon in Los Angeles; checked a week after it is done.
    await addItem('Rate-limit the retry storm', lou, '2027-01-05', '7');
    await markDone(lou, 'Rate-limit the retry storm');
    expect(await plannedAt('Rate-limit the retry storm')).toBe('2027-01-06T17:00:00.000Z');
    time.set('2027-01-06T17:00:00Z');
    await waitFor(() => questions(lou, 'Rate-limit').length === 1 && questions(cora, 'Rate-limit').length === 1);
    await askedFor('Rate-limit the retry storm', 1);

    const [lousQuestion] = questions(lou, 'Rate-limit');
    const onTop = t.slack.views(lou).at(-1)?.id;
    await answer(lou, lousQuestion!, 'Not effective');
    const modal = await topModal(t, lou, onTop);
    expect(modal.callback_id).toBe('verify_not_effective_form');
    expect(visibleText(modal)).toContain("Why isn't it working?");
    // Two weeks from Lou's today.
    expect(JSON.stringify(modal.blocks)).toContain('"initial_date":"2027-01-20"');

    const refused = await t.driver.submitView({ user: lou, viewId: modal.id, fields: { not_effective_why: '  ', not_effective_instead: 'Jittered backoff', not_effective_due: '2027-01-05' } });
    expect(refused.body).toMatchObject({ response_action: 'errors' });
    expect(Object.keys(refused.body.errors).sort()).toEqual(['not_effective_due', 'not_effective_why']);
    expect(refused.body.errors.not_effective_due).toContain('in the past');
    expect((await item('Rate-limit the retry storm')).status).toBe('done');

    await t.driver.submitView({
      user: lou,
      viewId: modal.id,
      fields: { not_effective_why: 'The storm came back on 3 January', not_effective_instead: 'Add jittered backoff in the client', not_effective_due: '2027-01-20' },
    });
    await waitFor(async () => (await item('Rate-limit the retry storm')).status === 'open');
    expect(await item('Rate-limit the retry storm')).toMatchObject({
      status: 'open',
      due_date: '2027-01-20',
      status_changed_by: lou,
      verification: null,
      verification_note: 'Not effective: The storm came back on 3 January — Instead: Add jittered backoff in the client',
    });
    await waitFor(() => t.slack.botMessages(channel.id).some((m) => m.text.includes('not effective') && m.text.includes('Rate-limit the retry storm')));
    await waitFor(() => visibleText(current(questions(cora, 'Rate-limit')[0]!)).includes(`Not effective, said <@${lou}>`));
    expect(buttonsOf(current(lousQuestion!))).toEqual([]);

    // Reminders start again: the due-date reminder on the new day, at 09:00 in Los Angeles.
    await waitFor(async () => (await item('Rate-limit the retry storm')).next_reminder_at === '2027-01-20T17:00:00.000Z');
    time.set('2027-01-20T17:00:00Z');
    await waitFor(() => t.slack.dm(lou).some((m) => visibleText(m).includes('due today') && visibleText(m).includes('Rate-limit the retry storm')));
  });

  it('Not sure yet: asks again fourteen days later, three times at most, then leaves it unconfirmed', async () => {
    await addItem('Runbook for the cache flush', kiri, '2027-01-25', '14');
    await markDone(kiri, 'Runbook for the cache flush');
    for (let ask = 1; ask <= 3; ask += 1) {
      const at = await waitFor(async () => {
        const row = await item('Runbook for the cache flush');
        return row.verification === 'scheduled' && row.verify_asks === ask - 1 ? row.verify_at : undefined;
      });
      // Always 09:00 in Auckland.
      expect(at.endsWith('T20:00:00.000Z')).toBe(true);
      time.set(at);
      await waitFor(() => questions(kiri, 'Runbook for the cache flush').length === ask && questions(cora, 'Runbook for the cache flush').length === ask);
      await askedFor('Runbook for the cache flush', ask);
      const latest = questions(kiri, 'Runbook for the cache flush').at(-1)!;
      if (ask > 1) expect(visibleText(latest)).toContain(`Asked again (${ask} of 3)`);
      await answer(kiri, latest, 'Not sure yet');
      await waitFor(() => visibleText(current(latest)).includes(`Not sure yet, said <@${kiri}>`));
      if (ask < 3) {
        const next = await waitFor(async () => (await item('Runbook for the cache flush')).verification === 'scheduled' && (await item('Runbook for the cache flush')).verify_at);
        expect(Date.parse(next as string) - Date.parse(at)).toBe(14 * DAY_MS);
      }
    }
    expect(await item('Runbook for the cache flush')).toMatchObject({ verification: 'unconfirmed', verify_asks: 3, verify_at: null });
    expect(visibleText(current(questions(cora, 'Runbook for the cache flush').at(-1)!))).toContain('stays unconfirmed');

    time.advance(60 * DAY_MS);
    await jobRan(t, 'verify-items');
    expect(questions(kiri, 'Runbook for the cache flush')).toHaveLength(3);
    expect(questions(cora, 'Runbook for the cache flush')).toHaveLength(3);
  });

  it('never asks about an item that needs no check', async () => {
    await addItem('Rename the dashboard', lou, '2027-12-31', 'none');
    expect((await item('Rename the dashboard')).verify_after_days).toBe(0);
    await markDone(lou, 'Rename the dashboard');
    expect(await item('Rename the dashboard')).toMatchObject({ verification: 'not_needed', verify_at: null });
    time.advance(200 * DAY_MS);
    await jobRan(t, 'verify-items');
    await jobRan(t, 'verify-items');
    expect(questions(lou, 'Rename the dashboard')).toEqual([]);
    expect(questions(cora, 'Rename the dashboard')).toEqual([]);
  });
});

describe('asking once across replicas and crashes', () => {
  const time = testClock('2026-12-01T08:00:00Z');
  let t: TestBot;
  let ana: string;
  let cora: string;
  let channel: FakeChannel;
  let second: Bot | undefined;
  const story = verificationStory(() => t);
  const { item, questions } = story;

  beforeEach(async () => {
    time.set('2026-12-01T08:00:00Z');
    t = await startTestBot({ clock: time.clock, jobs: { remindersEveryMs: 25 } });
    t.slack.setClock(() => time.clock.now().getTime());
    ana = t.slack.addUser({ name: 'ana', tz: 'UTC' }).id;
    cora = t.slack.addUser({ name: 'cora', tz: 'UTC' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [ana, cora] }).id;
    channel = (await declareThroughSlack(t, cora, ops, { title: 'Disk full', responders: [ana] })).channel;
  });
  afterEach(async () => {
    await second?.stop();
    second = undefined;
    await t.stop();
  });

  async function doneItems(count: number) {
    for (let i = 0; i < count; i += 1) {
      await story.addItem(cora, channel.id, `Item ${i}`, ana, '2026-12-02', '7');
      await story.markDone(ana, `Item ${i}`);
    }
    // Done on 1 December: asked on 8 December at 09:00 UTC.
    for (let i = 0; i < count; i += 1) expect(await story.plannedAt(`Item ${i}`)).toBe('2026-12-08T09:00:00.000Z');
  }

  it('two replicas on one database ask each question once', async () => {
    await doneItems(6);
    second = await startBot(t.config, {
      logger: createLogger(t.config.log, new Writable({ write: (_chunk, _encoding, done) => done() })),
      clock: time.clock,
      jobs: { remindersEveryMs: 25 },
      slackClientOptions: { retryConfig: { retries: 0 } },
      postPacer: new ChannelPacer(0),
    });
    time.set('2026-12-08T09:00:00Z');
    await waitFor(async () => {
      const rows = await t.bot.database.db.selectFrom('action_items').select('verification').execute();
      return rows.every((r) => r.verification === 'asked');
    });
    await Promise.all([jobRan(t, 'verify-items'), second.jobs.get('verify-items')!.nextRun()]);
    for (let i = 0; i < 6; i += 1) {
      expect(questions(ana, `Item ${i}`)).toHaveLength(1);
      expect(questions(cora, `Item ${i}`)).toHaveLength(1);
    }
  });

  it('a process killed between asking and recording does not ask again', async () => {
    await doneItems(1);
    const row = await item('Item 0');
    const key = askKey(row.id, new Date(row.status_changed_at!), 1);
    await t.restart(async () => {
      time.set('2026-12-08T09:00:00Z');
      // The dead process had claimed the question and got Ana's DM out, not Cora's.
      const down = createDb(t.config.database);
      await down.db.updateTable('action_items').set({ verify_claimed_until: new Date(time.clock.now().getTime() + 60_000).toISOString() }).execute();
      await down.close();
      const client = new WebClient(t.slack.botToken, { slackApiUrl: t.slack.apiUrl, retryConfig: { retries: 0 } });
      const dm = await client.conversations.open({ users: ana });
      await client.chat.postMessage({
        channel: dm.channel!.id!,
        text: `${QUESTION} Item 0`,
        metadata: { event_type: 'action_item_verification', event_payload: { key } },
      });
    });
    await jobRan(t, 'verify-items');
    expect(questions(cora, 'Item 0')).toEqual([]);
    // The claim runs out: the question is taken over, Ana's found and recorded, Cora asked.
    time.advance(3 * 60_000);
    await waitFor(() => questions(cora, 'Item 0').length === 1);
    await waitFor(async () => (await item('Item 0')).verification === 'asked');
    await jobRan(t, 'verify-items');
    expect(questions(ana, 'Item 0')).toHaveLength(1);
    expect(questions(cora, 'Item 0')).toHaveLength(1);
    const stored = (await item('Item 0')).verify_messages ?? '';
    expect(stored.split(' ')).toHaveLength(2);
  });
});
