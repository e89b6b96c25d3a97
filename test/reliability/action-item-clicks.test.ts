import type { FakeChannel, FakeMessage } from '../../tools/fake-slack';
import { requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * Clicks on an action item's buttons as Slack may really send them: twice (a double click, a
 * retry), long after the message was sent, or crafted with a location that is not the item's DM.
 */
describe('action item clicks', () => {
  // Monday 30 November 2026, 10:00 in London (UTC in winter).
  let now = Date.parse('2026-11-30T10:00:00Z');
  const clock = { now: () => new Date(now) };
  let t: TestBot;
  let cora: string;
  let lou: string;
  let channel: FakeChannel;
  let cardTs: string;

  const item = (description: string) =>
    t.bot.database.db.selectFrom('action_items').selectAll().where('description', '=', description).executeTakeFirstOrThrow();

  /** Adds an item owned by Lou and returns the assignment DM he got for it. */
  async function assignToLou(description: string, due: string): Promise<FakeMessage> {
    const modal = await commandOpeningModal(t, cora, channel.id, 'action add');
    await t.driver.submitView({ user: cora, viewId: modal.id, fields: { ai_description: description, ai_owner: lou, ai_due: due, ai_type: 'detect' } });
    const dm = await waitFor(() => t.slack.dm(lou).find((m) => visibleText(m).includes(description)));
    // The DM goes out before its location is recorded: wait for the record.
    await waitFor(async () => (await item(description)).next_reminder_kind === 'due');
    return dm;
  }

  /** A click signed as Slack signs it, with the button's value and the container it names. */
  async function click(user: string, button: { actionId: string; value?: string }, container: { channel: string; ts: string }) {
    const response = await t.driver.signedPost(
      `payload=${encodeURIComponent(
        JSON.stringify({
          type: 'block_actions',
          user: { id: user, username: user, name: user, team_id: t.slack.teamId },
          team: { id: t.slack.teamId, domain: t.slack.teamDomain },
          api_app_id: t.slack.bot.appId,
          token: 'legacy',
          trigger_id: t.slack.issueTriggerId(user),
          container: { type: 'message', channel_id: container.channel, message_ts: container.ts },
          channel: { id: container.channel, name: 'directmessage' },
          message: t.slack.message(container.channel, container.ts),
          actions: [{ type: 'button', action_id: button.actionId, block_id: 'x', value: button.value, action_ts: '1.1' }],
        }),
      )}`,
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    await requestsFinished(t);
  }

  const button = (message: FakeMessage, text: string) => buttonsOf(message).find((b) => b.text === text)!;
  const card = () => JSON.stringify(t.slack.message(channel.id, cardTs));

  beforeAll(async () => {
    t = await startTestBot({ clock, jobs: { remindersEveryMs: 25 } });
    t.slack.setClock(() => now);
    cora = t.slack.addUser({ name: 'cora', tz: 'Europe/London' }).id;
    lou = t.slack.addUser({ name: 'lou', tz: 'Europe/London' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [cora, lou] }).id;
    const declared = await declareThroughSlack(t, cora, ops, { title: 'Checkout errors', responders: [lou] });
    channel = declared.channel;
    cardTs = declared.row.card_ts!;
    expect(t.slack.message(channel.id, cardTs)).toBeDefined();
  });
  afterAll(() => t.stop());

  describe('where the change is shown', () => {
    it('a "Mark done" naming the pinned card closes the item and leaves the card alone', async () => {
      const dm = await assignToLou('Alert on checkout 5xx', '2026-12-03');
      const before = card();
      await click(lou, button(dm, 'Mark done'), { channel: channel.id, ts: cardTs });
      expect((await item('Alert on checkout 5xx')).status).toBe('done');
      expect(card()).toBe(before);
      expect(t.slack.botMessages(channel.id).some((m) => m.text.includes('marked an action item done'))).toBe(true);
    });

    it('a snooze naming the pinned card moves the reminder and leaves the card alone', async () => {
      const dm = await assignToLou('Canary for config pushes', '2026-12-03');
      const before = card();
      await click(lou, button(dm, 'Snooze 1 day'), { channel: channel.id, ts: cardTs });
      expect((await item('Canary for config pushes')).next_reminder_at).toBe('2026-12-04T09:00:00.000Z');
      expect(card()).toBe(before);
    });

    it('a "Won\'t do" naming the pinned card closes the item once the reason is given and leaves the card alone', async () => {
      const dm = await assignToLou('Runbook for rollbacks', '2026-12-03');
      const before = card();
      const onTop = t.slack.views(lou).at(-1)?.id;
      await click(lou, button(dm, "Won't do"), { channel: channel.id, ts: cardTs });
      const modal = await topModal(t, lou, onTop);
      await t.driver.submitView({ user: lou, viewId: modal.id, fields: { wont_do_reason: 'Rollbacks are automatic now' } });
      await waitFor(async () => (await item('Runbook for rollbacks')).status === 'wont_do');
      await requestsFinished(t);
      expect(card()).toBe(before);
    });

    it('a click in the item’s own DM still edits that DM', async () => {
      const dm = await assignToLou('Dashboards for the queue', '2026-12-03');
      await click(lou, button(dm, 'Mark done'), { channel: dm.channel, ts: dm.ts });
      expect(visibleText(t.slack.message(dm.channel, dm.ts))).toContain(`Done by <@${lou}>`);
    });
  });

  describe('snooze', () => {
    it('a double click on "Snooze 1 week" moves the reminder one week, not two', async () => {
      const dm = await assignToLou('Index the orders table', '2026-12-03');
      const week = button(dm, 'Snooze 1 week');
      await click(lou, week, { channel: dm.channel, ts: dm.ts });
      await click(lou, week, { channel: dm.channel, ts: dm.ts });
      // A week after the due-date reminder the DM was sent before: Thursday 10 December, 09:00.
      expect((await item('Index the orders table')).next_reminder_at).toBe('2026-12-10T09:00:00.000Z');
      expect(visibleText(t.slack.message(dm.channel, dm.ts))).toContain('Snoozed by');
    });

    it('five replays of "Snooze 1 day" move it one day', async () => {
      const dm = await assignToLou('Retire the legacy alert', '2026-12-03');
      const day = button(dm, 'Snooze 1 day');
      for (let i = 0; i < 5; i += 1) await click(lou, day, { channel: dm.channel, ts: dm.ts });
      expect((await item('Retire the legacy alert')).next_reminder_at).toBe('2026-12-04T09:00:00.000Z');
    });

    it('the edited DM’s buttons still name the same days', async () => {
      const dm = await assignToLou('Load test the checkout', '2026-12-03');
      await click(lou, button(dm, 'Snooze 1 day'), { channel: dm.channel, ts: dm.ts });
      const edited = t.slack.message(dm.channel, dm.ts)!;
      expect(buttonsOf(edited).map((b) => b.value)).toEqual(buttonsOf(dm).map((b) => b.value));
      await click(lou, button(edited, 'Snooze 1 week'), { channel: dm.channel, ts: dm.ts });
      expect((await item('Load test the checkout')).next_reminder_at).toBe('2026-12-10T09:00:00.000Z');
    });

    it('a button from before snoozes named a day (its value is the item alone) still snoozes from the coming reminder', async () => {
      const dm = await assignToLou('Alert on queue depth', '2026-12-03');
      const { id } = await item('Alert on queue depth');
      await click(lou, { actionId: button(dm, 'Snooze 1 day').actionId, value: id }, { channel: dm.channel, ts: dm.ts });
      expect((await item('Alert on queue depth')).next_reminder_at).toBe('2026-12-04T09:00:00.000Z');
      expect(visibleText(t.slack.message(dm.channel, dm.ts))).toContain('Snoozed by');
    });
    it('a forged snooze naming a day months away is refused, and the reminder stays where it was', async () => {
      const dm = await assignToLou('Rotate the signing keys', '2026-12-03');
      const before = (await item('Rotate the signing keys')).next_reminder_at;
      const { id } = await item('Rotate the signing keys');
      await click(lou, { actionId: button(dm, 'Snooze 1 week').actionId, value: `${id}:2027-06-01` }, { channel: dm.channel, ts: dm.ts });
      expect((await item('Rotate the signing keys')).next_reminder_at).toBe(before);
      expect(t.slack.ephemerals(lou).map((m) => m.text).join('\n') + t.slack.dm(lou).map((m) => m.text).join('\n')).toContain('names a day too far off');
    });

    // Last: it moves the clock on for good.
    it('a snooze to a day already past, from an old message, moves the reminder to the next reminder hour', async () => {
      const dm = await assignToLou('Page the on-call twice', '2026-12-03');
      // Friday 11 December, 12:00: "Snooze 1 week" meant Thursday 10 December, which has passed.
      now = Date.parse('2026-12-11T12:00:00Z');
      await click(lou, button(dm, 'Snooze 1 week'), { channel: dm.channel, ts: dm.ts });
      expect((await item('Page the on-call twice')).next_reminder_at).toBe('2026-12-12T09:00:00.000Z');
    });
  });
});
