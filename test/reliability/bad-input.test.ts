import { commandOpeningModal, declareThroughSlack, submitAs } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * Hostile and malformed input, each answered with a clear error or shown literally; after all of
 * it the bot still answers its health check.
 */
describe('a catalogue of bad input', () => {
  let t: TestBot;
  let alice: string;
  let ops: string;
  const form = 'application/x-www-form-urlencoded';

  beforeAll(async () => {
    t = await startTestBot();
    alice = t.slack.addUser({ name: 'alice' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
  });
  afterAll(async () => {
    const health = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`);
    expect(health.status).toBe(200);
    await t.stop();
  });

  it.each([
    ['a malformed JSON event body', '{"type": "event_callback", "event": ', 'application/json', 400],
    ['a payload that is not JSON', 'payload=%7Bnot-json', form, 400],
    ['a body with no fields Slack sends (nothing handles it: Bolt answers 404)', 'hello=world', form, 404],
  ])('answers %s without crashing', async (_what, body, type, status) => {
    const response = await t.driver.signedPost(body, type);
    expect(response.status).toBe(status);
  });

  it('refuses an oversized body', async () => {
    const response = await t.driver.signedPost(`text=${'x'.repeat(11 * 1024 * 1024)}`, form);
    expect(response.status).toBe(413);
  });

  it('shows control characters, right-to-left text, emoji and mention injection literally', async () => {
    const title = 'Outage \u0007\u202Eevil\u202C שלום 🔥 <!channel> <@U12345> <https://evil.example|bank> &amp;';
    const { row, channel } = await declareThroughSlack(t, alice, ops, { title });
    expect(channel.name).toMatch(/^inc-\d{8}-[a-z0-9-]+$/);
    const card = t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts)!;
    const mrkdwn = JSON.stringify(card.blocks!.filter((b) => b.type !== 'header'));
    expect(mrkdwn).not.toMatch(/<!channel>|<@U12345>|<https:\/\/evil/);
    expect(row.title).toContain('שלום 🔥');
  });

  it('refuses a date that does not exist, on its field', async () => {
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Dates' });
    const modal = await commandOpeningModal(t, alice, channel.id, 'timeline add');
    const response = await t.driver.submitView({
      user: alice,
      viewId: modal.id,
      fields: { entry_text: 'Something', entry_date: '2026-02-30', entry_time: '10:00' },
    });
    expect(response.body.errors).toEqual({ entry_time: expect.stringContaining('Pick the date and time') });
    t.slack.closeView(alice, modal.id);
  });

  it('answers commands from a user or channel it has never seen without crashing', async () => {
    const response = await t.driver.signedPost(
      new URLSearchParams({
        command: '/incident',
        text: 'status resolved',
        user_id: 'U0FORGED',
        channel_id: 'C0FORGED',
        team_id: t.slack.teamId,
        response_url: t.slack.createResponseUrl({ userId: alice, channelId: ops }),
        trigger_id: 'bogus',
      }).toString(),
      form,
    );
    expect(response.status).toBe(200);
    expect(visibleText(response.body)).toContain('works inside an incident channel');
  });

  it('ignores a view submission for an incident that does not exist', async () => {
    const response = await submitAs(t, alice, {
      id: 'V0FORGED2',
      callback_id: 'change_severity',
      private_metadata: JSON.stringify({ incidentId: 'no-such-incident' }),
      state: { values: { severity: { severity: { type: 'static_select', selected_option: { value: 'SEV1' } } } } },
    });
    expect(response.status).toBe(200);
    await waitFor(() => t.slack.dm(alice).some((m) => m.text.includes('no longer exists')));
  });
});
