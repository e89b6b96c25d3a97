import { RATE_LIMITED_RETRIES } from '../../src/slack/rate-limits/rate-limited-fetch';
import type { Fault } from '../../tools/fake-slack';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

const FAULTS: Array<[string, Fault]> = [
  ['429 with Retry-After', { kind: 'rate_limited', retryAfterSeconds: 1 }],
  ['HTTP 500', { kind: 'http_error', status: 500 }],
  ['ok:false', { kind: 'error', error: 'internal_error' }],
];

describe('capturing and reminding while Slack fails', () => {
  it.each(FAULTS)('a reaction whose read gets %s is captured on Slack’s redelivery, once', async (_name, fault) => {
    const t = await startTestBot();
    try {
      const alice = t.slack.addUser({ name: 'alice' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
      const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Capture faults' });
      const message = t.slack.post(alice, channel.id, 'Something to keep');
      t.slack.injectFault('conversations.history', fault);
      const first = await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
      // The read failed, and the failed handling let go of the event, so that Slack's redelivery is handled at once.
      await waitFor(() => t.slack.callsTo('conversations.history').some((c) => !c.ok), { timeoutMs: 8000 });
      await waitFor(async () => {
        const stored = await t.bot.database.db.selectFrom('inbox').select('attempts').where('id', '=', first.eventId).executeTakeFirst();
        return stored?.attempts === 1;
      }, { timeoutMs: 8000 });
      await t.driver.event(first.envelope.event as Record<string, unknown>, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
      const entries = () =>
        t.bot.database.db.selectFrom('timeline_entries').select('id').where('incident_id', '=', row.id).where('source_ts', '=', message.ts).execute();
      await waitFor(async () => (await entries()).length === 1);
      await requestsFinished(t);
      expect(await entries()).toHaveLength(1);
      expect(t.slack.callsTo('reactions.add').filter((c) => c.ok && c.args.timestamp === message.ts)).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });

  /**
   * A single 429 is waited out and sent again at once (see the rate limits' tests); one the bot
   * gives up on after its own retries fails the reminder like any other refusal.
   */
  const REMINDER_FAULTS: Array<[string, Fault, number]> = [
    ['429 past the bot’s own retries', { kind: 'rate_limited', retryAfterSeconds: 0 }, RATE_LIMITED_RETRIES + 1],
    ['HTTP 500', { kind: 'http_error', status: 500 }, 1],
    ['ok:false', { kind: 'error', error: 'internal_error' }, 1],
  ];

  it.each(REMINDER_FAULTS)('a reminder whose DM gets %s is retried with back-off and sent once', async (_name, fault, times) => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const t = await startTestBot({ clock: { now: () => new Date(now) }, jobs: { remindersEveryMs: 25 } });
    try {
      t.slack.setClock(() => now);
      const ana = t.slack.addUser({ name: 'ana', tz: 'UTC' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [ana] }).id;
      const { channel } = await declareThroughSlack(t, ana, ops, { title: 'Reminder faults' });
      t.slack.injectFault('chat.postMessage', fault, { times });
      const modal = await commandOpeningModal(t, ana, channel.id, 'action add');
      await t.driver.submitView({ user: ana, viewId: modal.id, fields: { ai_description: 'Keep trying', ai_owner: ana, ai_due: '2026-12-05', ai_type: 'process' } });
      const assigned = () => t.slack.dm(ana).filter((m) => visibleText(m).includes('You own a new action item'));
      await waitFor(async () => {
        const item = await t.bot.database.db.selectFrom('action_items').selectAll().executeTakeFirst();
        return item?.reminder_failures === 1;
      }, { timeoutMs: 8000 });
      expect(assigned()).toEqual([]);
      now += 61_000;
      await waitFor(() => assigned().length === 1);
      now += 5 * 60_000;
      await jobRan(t, 'action-item-reminders');
      expect(assigned()).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });
});
