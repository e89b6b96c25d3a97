import { randomUUID } from 'node:crypto';
import { TIMELINE_LIMITS } from '../../src/timeline/entry-limits';
import { MAX_ACTION_ITEMS } from '../../src/action-items/action-item';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';

/**
 * An incident that holds all it may: a form adding one more says so on the form, before it is
 * acknowledged, so what the person typed stays on screen.
 */
describe('forms on a full incident', () => {
  let t: TestBot;
  let alice: string;
  let channelId: string;
  let incidentId: string;

  beforeEach(async () => {
    t = await startTestBot();
    alice = t.slack.addUser({ name: 'alice' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Full house' });
    channelId = declared.channel.id;
    incidentId = declared.row.id;
  });
  afterEach(() => t.stop());

  it('keeps the add-entry form open with the reason when the timeline is full', async () => {
    const now = new Date().toISOString();
    await t.bot.database.db
      .insertInto('timeline_entries')
      .values(
        Array.from({ length: TIMELINE_LIMITS.entries }, (_, i) => ({
          id: randomUUID(),
          incident_id: incidentId,
          kind: 'manual',
          occurred_at: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(),
          actor_id: alice,
          text: `Step ${i}`,
          created_at: now,
        })),
      )
      .execute();
    const form = await commandOpeningModal(t, alice, channelId, 'timeline add');
    const response = await t.driver.submitView({ user: alice, viewId: form.id, fields: { entry_text: 'One more thing happened' } });
    expect(response.body).toMatchObject({ response_action: 'errors', errors: { entry_text: expect.stringContaining('already has 1,000 entries') } });
    expect(t.slack.views(alice).map((v) => v.id)).toContain(form.id);
  });

  it('keeps the action-item form open with the reason when the incident has all the items it may', async () => {
    const now = new Date().toISOString();
    await t.bot.database.db
      .insertInto('action_items')
      .values(
        Array.from({ length: MAX_ACTION_ITEMS }, (_, i) => ({
          id: randomUUID(),
          incident_id: incidentId,
          description: `Item ${i}`,
          owner_id: alice,
          due_date: '2030-01-01',
          type: 'detect',
          status: 'open',
          created_by: alice,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const form = await commandOpeningModal(t, alice, channelId, 'action add');
    const response = await t.driver.submitView({
      user: alice,
      viewId: form.id,
      fields: { ai_description: 'One more item', ai_owner: alice, ai_due: '2030-01-02', ai_type: 'detect' },
    });
    expect(response.body).toMatchObject({ response_action: 'errors', errors: { ai_description: expect.stringContaining(`at most ${MAX_ACTION_ITEMS} action items`) } });
    expect(t.slack.views(alice).map((v) => v.id)).toContain(form.id);
  });
});
