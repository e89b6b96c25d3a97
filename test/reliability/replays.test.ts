import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * A form submission replayed as it was (a captured request, a double delivery) changes nothing
 * more than the first did: every stored submission is known by what Slack repeats.
 */
describe('replayed form submissions', () => {
  let t: TestBot;
  let alice: string;
  let channelId: string;
  let incidentId: string;

  beforeEach(async () => {
    t = await startTestBot({ jobs: { remindersEveryMs: 25 } });
    alice = t.slack.addUser({ name: 'alice' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Replay target' });
    channelId = declared.channel.id;
    incidentId = declared.row.id;
  });
  afterEach(() => t.stop());

  /** Sends the same signed payload again, as an attacker or a confused proxy would. */
  const replay = (payload: unknown) =>
    t.driver.signedPost(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  /** Every stored submission has been handled: nothing is still running or waiting. */
  const submissionsSettled = () =>
    waitFor(async () => {
      const open = await t.bot.database.db.selectFrom('inbox').select('id').where('kind', '=', 'view_submission').where('handled_at', 'is', null).execute();
      return open.length === 0;
    });

  it('an action item submitted once and replayed four times is one item and one DM', async () => {
    const modal = await commandOpeningModal(t, alice, channelId, 'action add');
    const { payload } = await t.driver.submitView({
      user: alice,
      viewId: modal.id,
      fields: { ai_description: 'Alert on replay storms', ai_owner: alice, ai_due: '2030-01-01', ai_type: 'detect' },
    });
    for (let i = 0; i < 4; i += 1) expect((await replay(payload)).status).toBe(200);
    await submissionsSettled();
    await waitFor(() => t.slack.dm(alice).some((m) => m.text.includes('You own a new action item')));
    const items = await t.bot.database.db.selectFrom('action_items').select('id').where('incident_id', '=', incidentId).execute();
    expect(items).toHaveLength(1);
    const stored = await t.bot.database.db.selectFrom('inbox').select('id').where('kind', '=', 'view_submission').execute();
    expect(stored.filter((r) => r.id.startsWith('view:'))).toHaveLength(2); // the declaration and the item
  });

  it('a timeline entry replayed is one entry', async () => {
    const modal = await commandOpeningModal(t, alice, channelId, 'timeline add');
    const { payload } = await t.driver.submitView({ user: alice, viewId: modal.id, fields: { entry_text: 'Paged the database team' } });
    for (let i = 0; i < 4; i += 1) await replay(payload);
    await submissionsSettled();
    const entries = await t.bot.database.db
      .selectFrom('timeline_entries')
      .select('text')
      .where('incident_id', '=', incidentId)
      .where('text', '=', 'Paged the database team')
      .execute();
    expect(entries).toHaveLength(1);
  });
});
