import type { FakeMessage } from '../../tools/fake-slack/types';
import { requestsFinished } from '../../tools/harness/completion';
import { declareThroughSlack } from '../../tools/harness/incident-steps';
import { startTestBot } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';

const PEOPLE = 30;
const PINS = 60;
/** What capturing may cost at most, in Web API calls per pinned message. */
const CALLS_PER_PIN = 1.2;
/** How long people may wait to see their pin acknowledged. */
const ACK_WITHIN_MS = 30_000;

describe('a burst of pins under Slack’s own rate limits', () => {
  it('captures every pinned message once and acknowledges part of the burst with one note under the card', async () => {
    const t = await startTestBot({ rateLimits: 'slack' });
    try {
      const people = Array.from({ length: PEOPLE }, (_, i) => t.slack.addUser({ name: `responder${i}` }).id);
      const ops = t.slack.addChannel({ name: 'ops', members: people }).id;
      const { channel, row } = await declareThroughSlack(t, people[0]!, ops, { title: 'Checkout down', responders: people.slice(1, 4) });
      for (const person of people.slice(4)) t.slack.addMember(channel.id, person);
      const cardTs = row.card_ts as string;
      await requestsFinished(t);

      // An hour of talk: updates at the top, a thread of replies the bot saw being posted, and two it did not.
      const messages: FakeMessage[] = [];
      for (let i = 0; messages.length < PINS - 4; i += 1) messages.push(t.slack.post(people[i % PEOPLE]!, channel.id, `Update ${i}: error rate ${60 - i}%`));
      const thread = messages[0]!;
      for (let i = 0; i < 4; i += 1) {
        const reply = t.slack.post(people[(i + 7) % PEOPLE]!, channel.id, `Reply ${i} on the rollback`, { threadTs: thread.ts });
        if (i < 2) await t.driver.messagePosted(reply);
        messages.push(reply);
      }
      await requestsFinished(t);

      const from = t.slack.calls.length;
      const startedAt = Date.now();
      // Everyone pins at once; a few messages are pinned by two people.
      await Promise.all([
        ...messages.map((m, i) => t.driver.reactionAdded(people[(i + 1) % PEOPLE]!, channel.id, m.ts, 'pushpin')),
        ...messages.slice(10, 20).map((m, i) => t.driver.reactionAdded(people[(i + 2) % PEOPLE]!, channel.id, m.ts, 'pushpin')),
      ]);

      const entries = () =>
        t.bot.database.db.selectFrom('timeline_entries').select('source_ts').where('incident_id', '=', row.id as string).where('kind', '=', 'message').execute();
      await waitFor(async () => (await entries()).length >= PINS, { timeoutMs: ACK_WITHIN_MS, intervalMs: 100 });
      const memoed = (m: FakeMessage) => t.slack.reactionsOn(channel.id, m.ts).some((r) => r.name === 'memo');
      const notes = () => t.slack.replies(channel.id, cardTs).filter((m) => m.ts !== cardTs && m.text.startsWith(':memo:'));
      const noted = () => notes().reduce((n, note) => n + Number(/^:memo: (\d+) message/.exec(note.text)?.[1] ?? 0), 0);
      await waitFor(() => messages.filter(memoed).length + noted() === PINS, { timeoutMs: ACK_WITHIN_MS, intervalMs: 100 });
      await requestsFinished(t);

      // None lost, none twice.
      const stored = (await entries()).map((e) => e.source_ts);
      expect(stored).toHaveLength(PINS);
      expect(new Set(stored)).toEqual(new Set(messages.map((m) => m.ts)));
      // What gave way: some messages got no :memo:, and one note (or a few) told of them instead.
      expect(notes().length).toBeGreaterThanOrEqual(1);
      expect(notes().length).toBeLessThan(5);
      expect(messages.filter(memoed).length).toBeLessThan(PINS);
      const linked = (m: FakeMessage) => notes().some((note) => note.text.includes(`/p${m.ts.replace('.', '')}`));
      expect(messages.filter((m) => memoed(m) && linked(m))).toEqual([]);
      const reacted = t.slack.callsTo('reactions.add').filter((c) => c.ok).map((c) => c.args.timestamp);
      expect(reacted.length).toBe(new Set(reacted).size);

      // Cheap: a few reads for the whole burst, within Slack's limits, and soon enough.
      const calls = t.slack.calls.slice(from);
      const count = (method: string) => calls.filter((c) => c.method === method).length;
      console.log(
        `capture under load: ${PINS} messages pinned (${PINS + 10} pins), ${calls.length} Web API calls ` +
          `(${['conversations.history', 'conversations.replies', 'reactions.get', 'reactions.add', 'chat.postMessage'].map((m) => `${m} ${count(m)}`).join(', ')}), ` +
          `${(calls.length / PINS).toFixed(2)} a message; ${messages.filter(memoed).length} reactions, ${notes().length} notes listing ${noted()}`,
      );
      expect(calls.length).toBeLessThanOrEqual(PINS * CALLS_PER_PIN);
      expect(count('reactions.get')).toBeLessThanOrEqual(2);
      expect(t.slack.rateLimitedCalls()).toEqual([]);
      const acknowledgedAt = calls.filter((c) => c.ok && (c.method === 'reactions.add' || c.args.thread_ts === cardTs)).map((c) => c.at);
      expect(Math.max(...acknowledgedAt) - startedAt).toBeLessThanOrEqual(ACK_WITHIN_MS);

      // Taking the pin off a message acknowledged by the note still takes it off the timeline.
      const notedMessage = messages.slice(20).find((m) => !memoed(m))!;
      await t.driver.reactionRemoved(people[(messages.indexOf(notedMessage) + 1) % PEOPLE]!, channel.id, notedMessage.ts, 'pushpin');
      await waitFor(async () => !(await entries()).some((e) => e.source_ts === notedMessage.ts), { timeoutMs: 20_000, intervalMs: 100 });
      await requestsFinished(t);
      expect(await entries()).toHaveLength(PINS - 1);
    } finally {
      await t.stop();
    }
  }, 120_000);
});
