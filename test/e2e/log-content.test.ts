import { declareThroughSlack } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * Logs go to collectors that many people can read: what people typed in Slack stays out of them.
 * At debug they say which Web API methods ran, with ids and errors, but not what was sent.
 */
describe('what the logs contain', () => {
  let t: TestBot;
  afterEach(() => t.stop());

  it('at debug: Web API methods and ids, never titles, descriptions, messages or email addresses', async () => {
    t = await startTestBot({ env: { LOG_LEVEL: 'debug' } });
    const alice = t.slack.addUser({ name: 'alice', email: 'alice.secret@example.com' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    const { channel } = await declareThroughSlack(t, alice, ops, {
      title: 'Zanzibar ledger mismatch',
      description: 'Customers in Quokkaland see doubled charges',
    });
    const message = t.slack.post(alice, channel.id, 'Rolled back the Wombat deploy');
    await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
    await waitFor(() => t.slack.reactionsOn(channel.id, message.ts).some((r) => r.name === 'memo'));
    const all = JSON.stringify(t.logs);
    expect(all).toContain("apiCall('conversations.create')");
    for (const typed of ['Zanzibar', 'Quokkaland', 'Wombat', 'alice.secret@example.com']) expect({ typed, logged: all.includes(typed) }).toEqual({ typed, logged: false });
  });

  it('at info: a refused command is logged without what was typed', async () => {
    t = await startTestBot({ env: { LOG_LEVEL: 'info' } });
    const alice = t.slack.addUser({ name: 'alice' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    const typed = `status ${'Platypus '.repeat(70)}`;
    const response = await t.driver.command({ user: alice, channel: ops, text: typed });
    expect(response.status).toBe(200);
    await t.driver.command({ user: alice, channel: ops, text: `nonsense ${'Platypus '.repeat(70)}` });
    expect(JSON.stringify(t.logs)).not.toContain('Platypus');
  });
});
