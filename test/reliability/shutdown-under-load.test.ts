import { createDb } from '../../src/db/create-db';
import { declareThroughSlack } from '../../tools/harness/incident-steps';
import { startTestBot } from '../../tools/harness/test-bot';

describe('a bot stopping under load', () => {
  it('finishes every acknowledged reaction before it closes the database', async () => {
    const t = await startTestBot();
    try {
      const people = Array.from({ length: 5 }, (_, i) => t.slack.addUser({ name: `p${i}` }).id);
      const ops = t.slack.addChannel({ name: 'ops', members: people }).id;
      const { channel, row } = await declareThroughSlack(t, people[0] as string, ops, { title: 'Busy', responders: people.slice(1) });
      const messages = Array.from({ length: 30 }, (_, i) => t.slack.post(people[i % 5] as string, channel.id, `Update ${i}`));
      // Slack is slow: every read takes a while, so the handlers are still running at shutdown.
      t.slack.injectFault('conversations.history', { kind: 'slow', delayMs: 300 }, { times: 30 });
      const acks = await Promise.all(messages.map((m, i) => t.driver.reactionAdded(people[(i + 1) % 5] as string, channel.id, m.ts, 'pushpin')));
      expect(acks.every((a) => a.status === 200)).toBe(true);
      await t.bot.stop();
      t.bot.database = createDb(t.config.database);
      const entries = await t.bot.database.db.selectFrom('timeline_entries').select('source_ts').where('incident_id', '=', row.id).where('kind', '=', 'message').execute();
      expect(entries).toHaveLength(30);
      await t.bot.database.close();
    } finally {
      await t.stop();
    }
  });
});
