import { declareThroughSlack } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * Months later someone remembers "that canary thing": `/incident search` finds the incident and
 * its post-mortem, through the real bot and the fake Slack, showing each person only what they may see.
 */
describe('searching past incidents from Slack', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  let ops: string;

  /** Resolves once the search indexer has run a whole pass that started after everything so far. */
  async function indexed(): Promise<void> {
    const job = t.bot.jobs.get('search-index');
    if (!job) throw new Error('the bot has no search-index job');
    await job.nextRun();
  }

  /** A person runs `/incident search …` in #ops and reads the private answer. */
  async function search(user: string, words: string): Promise<string> {
    const before = t.slack.ephemerals(user, ops).length;
    await t.driver.command({ user, channel: ops, text: `search ${words}`.trim() });
    const answer = await waitFor(() => t.slack.ephemerals(user, ops)[before]);
    return visibleText(answer);
  }

  beforeAll(async () => {
    t = await startTestBot({ jobs: { searchIndexEveryMs: 50 } });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
    bob = t.slack.addUser({ name: 'bob', realName: 'Bob Builder' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;

    const payments = await declareThroughSlack(t, alice, ops, { title: 'Payments failing', severity: 'SEV2', responders: [bob] });
    await t.driver.command({ user: alice, channel: payments.channel.id, text: 'resolve Re-enabled payment retries' });
    await waitFor(async () => (await t.bot.database.db.selectFrom('incidents').select('status').where('id', '=', payments.row.id).executeTakeFirstOrThrow()).status === 'resolved');
    await publishThroughSlack(t, alice, payments.channel.id);

    await declareThroughSlack(t, alice, ops, { title: 'Payroll export leaked', severity: 'SEV1', private: true, description: 'The canary bucket was public for an hour' });
    await indexed();
  });
  afterAll(() => t.stop());

  it("finds a published post-mortem by its causes, with the incident's state and why it matched", async () => {
    const answer = await search(bob, 'canary');
    expect(answer).toContain('Incidents matching “canary”');
    expect(answer).toContain('*SEV2* · Post-mortem published — *Payments failing*');
    expect(answer).toContain(':white_check_mark: Post-mortem published');
    expect(answer).toMatch(/Declared <!date\^\d+\^/);
    expect(answer).toMatch(/Matched in the causes: .*\*canary\*/);
  });

  it('shows a private incident only to the members of its channel', async () => {
    expect(await search(bob, 'canary')).not.toContain('Payroll export leaked');
    expect(await search(bob, 'payroll')).toContain('No incidents you can see match “payroll”');
    const answer = await search(alice, 'canary');
    expect(answer).toContain('Payroll export leaked');
    expect(answer).toContain('Payments failing');
    expect(answer).toContain('No post-mortem yet');
  });

  it('finds an incident changed after it was first indexed, once the indexer has run', async () => {
    expect(await search(bob, 'ledger')).toContain('No incidents you can see match');
    await declareThroughSlack(t, alice, ops, { title: 'Ledger totals drifting' });
    await indexed();
    expect(await search(bob, 'ledger')).toContain('Ledger totals drifting');
  });

  it('explains itself when there is nothing to search for, and takes search syntax as plain words', async () => {
    expect(await search(bob, '')).toContain('/incident search &lt;words&gt;');
    expect(await search(bob, '"*:(')).toContain('/incident search &lt;words&gt;');
    expect(await search(bob, '"canary* (stage) -config:')).toContain('Payments failing');
    expect(t.slack.ephemerals(bob, ops).map((e) => e.text).join('\n')).not.toMatch(/went wrong|error/i);
  });
});
