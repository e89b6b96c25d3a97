import type { FakeView } from '../../tools/fake-slack';
import { requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, submitDeclareForm } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';
import { localParts } from '../../src/zoned-time';

const HOUR = 3_600_000;

/** What a text input of a view starts with. */
function initialValue(view: FakeView, blockId: string): unknown {
  const block = view.blocks.find((b) => b.block_id === blockId) as { element?: { initial_value?: string } } | undefined;
  return block?.element?.initial_value;
}

/**
 * What people type reaches the database and the channel as text a person meant: no NUL (which
 * PostgreSQL refuses), no stray control or invisible characters, one line where one line is
 * shown, dates that exist and milestones in order; otherwise they are told on the field.
 */
describe('typed input', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  let ops: string;

  const incident = (id: string) => t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const incidentsTitled = (title: string) => t.bot.database.db.selectFrom('incidents').selectAll().where('title', 'like', `${title}%`).execute();
  const entries = (incidentId: string) =>
    t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incidentId).where('kind', '!=', 'system').execute();

  beforeAll(async () => {
    t = await startTestBot();
    alice = t.slack.addUser({ name: 'alice', tz: 'Europe/Paris' }).id;
    bob = t.slack.addUser({ name: 'bob', tz: 'America/New_York' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;
  });
  afterAll(() => t.stop());

  describe('is normalised where it is read', () => {
    it('declares with NUL, control characters and a lone \\r taken out of what was typed', async () => {
      const { row, channel } = await declareThroughSlack(t, alice, ops, {
        title: 'Checkout\u0000 down\u0007',
        description: 'Errors\u0000 since 10:00\rEU only\r\nUS fine',
      });
      expect(row.title).toBe('Checkout down');
      expect(row.description).toBe('Errors since 10:00\nEU only\nUS fine');
      expect(t.slack.channel(channel.id)?.topic.value).toContain('Checkout down');
    });

    it('takes direction overrides and zero-width characters out of a title', async () => {
      const { row } = await declareThroughSlack(t, alice, ops, { title: 'Pay\u200Bments \u202Egnikcehc\u202C\u2066 down\uFEFF' });
      expect(row.title).toBe('Payments gnikcehc down');
    });

    it('stores a timeline entry and a captured message without NUL, every line break a \\n', async () => {
      const { row, channel } = await declareThroughSlack(t, alice, ops, { title: 'Capture', responders: [bob] });
      const modal = await commandOpeningModal(t, alice, channel.id, 'timeline add');
      const { date, time } = localParts(new Date(Date.now() - HOUR), 'Europe/Paris');
      await t.driver.submitView({
        user: alice,
        viewId: modal.id,
        fields: { entry_text: 'Alert\u0000 fired\rpaged Bob', entry_date: date, entry_time: time },
      });
      const message = t.slack.post(bob, channel.id, 'DB\u0000 at 100%\rrolling back');
      await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
      const stored = await waitFor(async () => {
        const found = await entries(row.id);
        return found.length === 2 ? found : undefined;
      });
      expect(stored.map((e) => e.text).sort()).toEqual(['Alert fired\npaged Bob', 'DB at 100%\nrolling back']);
    });

    it('saves a post-mortem summary with a lone \\r as a line break, not a heading in the making', async () => {
      const { row, channel } = await declareThroughSlack(t, alice, ops, { title: 'Summary' });
      const form = await commandOpeningModal(t, alice, channel.id, 'postmortem');
      await t.driver.submitView({ user: alice, viewId: form.id, fields: { pm_summary: 'Payments failed\r# retries off\u0000' } });
      const saved = await waitFor(() =>
        t.bot.database.db.selectFrom('postmortems').select('content').where('incident_id', '=', row.id).executeTakeFirst(),
      );
      expect(JSON.parse(saved.content).summary).toBe('Payments failed\n# retries off');
      t.slack.closeView(alice, form.id);
    });
  });

  describe('is one line where one line is shown', () => {
    it('refuses a title with a line break on its field, declaring nothing', async () => {
      const title = 'Forged line\n:large_green_circle: Resolved';
      const { response, viewId } = await submitDeclareForm(t, alice, ops, 'Forged line', { title, severity: 'SEV2' });
      expect(response.body).toEqual({ response_action: 'errors', errors: { title: expect.stringContaining('one line') } });
      await requestsFinished(t);
      expect(await incidentsTitled('Forged line')).toEqual([]);
      t.slack.closeView(alice, viewId);
    });

    it('puts a title typed after /incident declare on one line, and says so', async () => {
      const modal = await commandOpeningModal(t, alice, ops, 'declare Checkout down\nEU only');
      expect(initialValue(modal, 'title')).toBe('Checkout down EU only');
      expect(visibleText(modal)).toContain('Titles are one line, so its line breaks became spaces. Check it before declaring.');
      t.slack.closeView(alice, modal.id);
    });

    it('refuses a resolution note with a line break on its field, leaving the incident open', async () => {
      const { row, channel } = await declareThroughSlack(t, alice, ops, { title: 'Resolve' });
      const modal = await commandOpeningModal(t, alice, channel.id, 'resolve');
      const response = await t.driver.submitView({
        user: alice,
        viewId: modal.id,
        fields: { resolution_note: 'Rolled back\n:rotating_light: SEV1 declared' },
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { resolution_note: expect.stringContaining('one line') } });
      await requestsFinished(t);
      expect((await incident(row.id)).status).not.toBe('resolved');
      t.slack.closeView(alice, modal.id);
    });
  });

  describe('has dates that exist, in a sane range', () => {
    it('refuses an impact start in year −1 on its field', async () => {
      const { response, viewId } = await submitDeclareForm(t, alice, ops, 'Year minus one', {
        severity: 'SEV2',
        impactStartedAt: new Date('-000001-06-01T00:00:00Z'),
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { impact_started_at: expect.stringContaining('2000 or later') } });
      await requestsFinished(t);
      expect(await incidentsTitled('Year minus one')).toEqual([]);
      t.slack.closeView(alice, viewId);
    });

    it.each([
      ['a day that does not exist', () => '9999-99-99', 'Pick a due date'],
      ['a day more than ten years ahead', () => `${new Date().getUTCFullYear() + 12}-01-01`, 'within the next 10 years'],
    ])('refuses %s as a due date, on its field', async (_what, due, problem) => {
      const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Due dates', responders: [bob] });
      const modal = await commandOpeningModal(t, alice, channel.id, 'action add');
      const response = await t.driver.submitView({
        user: alice,
        viewId: modal.id,
        fields: { ai_description: 'Alert on checkout 5xx', ai_owner: bob, ai_due: due(), ai_type: 'detect' },
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { ai_due: expect.stringContaining(problem) } });
      await requestsFinished(t);
      expect(t.slack.dm(bob).filter((m) => visibleText(m).includes('Alert on checkout 5xx'))).toEqual([]);
      t.slack.closeView(alice, modal.id);
    });

    it('refuses a timeline entry before 2000 on its field', async () => {
      const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Old entry' });
      const modal = await commandOpeningModal(t, alice, channel.id, 'timeline add');
      const response = await t.driver.submitView({
        user: alice,
        viewId: modal.id,
        fields: { entry_text: 'Something', entry_date: '1999-12-31', entry_time: '23:00' },
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { entry_time: expect.stringContaining('too long ago') } });
      t.slack.closeView(alice, modal.id);
    });
  });

  describe('keeps milestones in order', () => {
    it("refuses a milestone before an earlier one, naming it and its time in the person's zone, then takes a time in order", async () => {
      const impactStartedAt = new Date(Math.floor((Date.now() - 2 * HOUR) / 60_000) * 60_000);
      const { row, channel } = await declareThroughSlack(t, alice, ops, { title: 'Milestones', impactStartedAt });
      const modal = await commandOpeningModal(t, alice, channel.id, 'timeline add');
      const early = localParts(new Date(impactStartedAt.getTime() - HOUR), 'Europe/Paris');
      const refused = await t.driver.submitView({
        user: alice,
        viewId: modal.id,
        fields: { entry_text: 'Alert fired', entry_date: early.date, entry_time: early.time, milestone: 'detected' },
      });
      const impact = localParts(impactStartedAt, 'Europe/Paris');
      expect(refused.body).toEqual({
        response_action: 'errors',
        errors: { milestone: expect.stringContaining(`Detected cannot be before Impact started, which is at ${impact.date} ${impact.time} (Europe/Paris).`) },
      });
      await requestsFinished(t);
      expect(await entries(row.id)).toEqual([]);
      expect((await incident(row.id)).detected_at).toBeNull();

      const later = localParts(new Date(impactStartedAt.getTime() + HOUR), 'Europe/Paris');
      const accepted = await t.driver.submitView({
        user: alice,
        viewId: modal.id,
        fields: { entry_text: 'Alert fired', entry_date: later.date, entry_time: later.time, milestone: 'detected' },
      });
      expect(accepted.body?.response_action).toBeUndefined();
      await waitFor(async () => (await incident(row.id)).detected_at === new Date(impactStartedAt.getTime() + HOUR).toISOString());
    });
  });
});
