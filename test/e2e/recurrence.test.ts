import type { FakeChannel, FakeMessage } from '../../tools/fake-slack';
import { ALERTS_ENV, alertmanagerPayload, alertsFinished, postAlert } from '../../tools/harness/alerts';
import { requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, topModal } from '../../tools/harness/incident-steps';
import { PUBLISHABLE_CONTENT } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { testClock } from '../../tools/harness/test-clock';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

const NOTICE = 'This may have happened before';
const LAST_TIME = 'Checkout API returning 502s';

/**
 * "Did our last fix work?": a checkout outage is declared again; its channel shows the last one,
 * its post-mortem and what became of its action items; its own post-mortem keeps it as related.
 */
describe('similar past incidents', () => {
  // Monday 2 November 2026, 09:00 UTC.
  const time = testClock('2026-11-02T09:00:00Z');
  let t: TestBot;
  let alice: string;
  let bob: string;
  let ops: string;
  let past: { channel: FakeChannel; row: { id: string } };
  let secret: { channel: FakeChannel };
  let now: { channel: FakeChannel; row: { id: string } };

  const item = (description: string) => t.bot.database.db.selectFrom('action_items').selectAll().where('description', '=', description).executeTakeFirstOrThrow();
  const notices = (channelId: string): FakeMessage[] => t.slack.botMessages(channelId).filter((m) => visibleText(m).includes(NOTICE));
  const dmWith = (user: string, ...fragments: string[]) => t.slack.dm(user).find((m) => fragments.every((f) => visibleText(m).includes(f)));
  const postmortemText = (channelId: string) =>
    t.slack
      .botMessages(channelId)
      .filter((m) => m.text.startsWith('Post-mortem:'))
      .map((m) => visibleText(t.slack.message(channelId, m.ts)))
      .join('\n');
  /** The Markdown file published last (other files, such as charts, may be shared alongside). */
  const lastMarkdown = () => String(t.slack.files().filter((f) => String(f.title).endsWith('.md')).at(-1)!.text);
  const draft = async (incidentId: string) =>
    JSON.parse((await t.bot.database.db.selectFrom('postmortems').select('content').where('incident_id', '=', incidentId).executeTakeFirstOrThrow()).content);

  async function addItem(channel: string, description: string, owner: string, due: string, verifyAfter?: string) {
    const modal = await commandOpeningModal(t, alice, channel, 'action add');
    const fields: Record<string, string> = { ai_description: description, ai_owner: owner, ai_due: due, ai_type: 'prevent' };
    if (verifyAfter) fields.ai_verify_after = verifyAfter;
    await t.driver.submitView({ user: alice, viewId: modal.id, fields });
    await waitFor(() => item(description).catch(() => undefined));
  }

  async function click(user: string, message: FakeMessage, text: string) {
    const button = buttonsOf(t.slack.message(message.channel, message.ts)).find((b) => b.text === text)!;
    await t.driver.blockAction({ user, actionId: button.actionId, container: { type: 'message', channel: message.channel, ts: message.ts } });
  }

  /** Writes (or rewrites) the post-mortem in the form, reviews it and publishes; resolves once it says where. */
  async function publish(user: string, channel: string, fields: Record<string, string | string[]>) {
    const form = await commandOpeningModal(t, user, channel, 'postmortem');
    await t.driver.submitView({ user, viewId: form.id, fields });
    await waitFor(() => (t.slack.view(form.id)?.callback_id === 'postmortem_review' ? true : undefined));
    await t.driver.submitView({ user, viewId: form.id });
    await waitFor(() => (visibleText(t.slack.view(form.id)).includes('Published in') ? true : undefined));
    t.slack.closeView(user, form.id);
  }

  beforeAll(async () => {
    t = await startTestBot({ clock: time.clock, jobs: { remindersEveryMs: 25 } });
    t.slack.setClock(() => time.clock.now().getTime());
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops', tz: 'UTC' }).id;
    bob = t.slack.addUser({ name: 'bob', realName: 'Bob Builder', tz: 'UTC' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;

    // Last time: two action items, one that worked and one given up, and a published post-mortem.
    past = await declareThroughSlack(t, alice, ops, { title: LAST_TIME, severity: 'SEV2', responders: [bob] });
    await addItem(past.channel.id, 'Retry payment calls with backoff', bob, '2026-11-10', '7');
    await addItem(past.channel.id, 'Rewrite the payment gateway', bob, '2026-11-30');
    await t.driver.command({ user: alice, channel: past.channel.id, text: 'resolve Rolled back the config push' });
    await waitFor(async () => (await t.bot.database.db.selectFrom('incidents').select('status').where('id', '=', past.row.id).executeTakeFirstOrThrow()).status === 'resolved');
    await publish(alice, past.channel.id, PUBLISHABLE_CONTENT);

    await click(bob, await waitFor(() => dmWith(bob, 'You own a new action item', 'Retry payment calls')), 'Mark done');
    await waitFor(async () => (await item('Retry payment calls with backoff')).verify_at ?? undefined);
    const giveUp = await waitFor(() => dmWith(bob, 'You own a new action item', 'Rewrite the payment gateway'));
    const onTop = t.slack.views(bob).at(-1)?.id;
    await click(bob, giveUp, "Won't do");
    const reason = await topModal(t, bob, onTop);
    await t.driver.submitView({ user: bob, viewId: reason.id, fields: { wont_do_reason: 'Retries with backoff are enough' } });
    await waitFor(async () => (await item('Rewrite the payment gateway')).status === 'wont_do');
    // A week later Bob is asked whether the retries work, and they do.
    time.set('2026-11-09T09:00:00Z');
    const question = await waitFor(() => dmWith(bob, 'Is this countermeasure working?', 'Retry payment calls'));
    // The question goes out before the ask is recorded: an answer waits for the record, as a person's would come later.
    await waitFor(async () => (await item('Retry payment calls with backoff')).verification === 'asked');
    await click(bob, question, 'Verified');
    await waitFor(async () => (await item('Retry payment calls with backoff')).verification === 'verified');
  });
  afterAll(() => t.stop());

  it('shows a private incident’s channel the public one like it, and says nothing where there was none', async () => {
    expect(notices(past.channel.id)).toEqual([]);
    time.set('2026-11-16T09:00:00Z');
    secret = await declareThroughSlack(t, alice, ops, { title: `${LAST_TIME} for partners`, private: true });
    const [shown] = await waitFor(() => (notices(secret.channel.id).length ? notices(secret.channel.id) : undefined));
    expect(visibleText(shown)).toContain(LAST_TIME);
  });

  it('shows the last time in the new incident’s channel, once, with its post-mortem and what became of its items', async () => {
    time.set('2026-11-23T09:00:00Z');
    now = await declareThroughSlack(t, bob, ops, { title: 'Checkout API 502 errors', severity: 'SEV1' });
    const [shown] = await waitFor(() => (notices(now.channel.id).length ? notices(now.channel.id) : undefined));
    await requestsFinished(t);
    expect(notices(now.channel.id)).toHaveLength(1);
    const text = visibleText(shown);
    expect(text).toContain(`*${LAST_TIME}* · SEV2`);
    expect(text).toContain("2 items: 1 verified, 1 won't do");
    expect(text).toMatch(new RegExp(`<https://[^|>]+/archives/${past.channel.id}/p\\d+\\|post-mortem>`));
    expect(text).toContain(`<#${past.channel.id}>`);
    expect(text).toContain('Similar: similar title');
    // The private one is as alike, and never shown outside its own channel.
    expect(text).not.toContain('partners');
    expect(text).not.toContain(secret.channel.id);
  });

  it('offers it in the post-mortem form, ticked, and edits the same message rather than posting again', async () => {
    await t.driver.command({ user: bob, channel: now.channel.id, text: 'resolve Rolled back again' });
    const form = await commandOpeningModal(t, bob, now.channel.id, 'postmortem');
    const related = JSON.stringify(form.blocks.find((b) => (b as { block_id?: string }).block_id === 'pm_related'));
    expect(related).toContain(LAST_TIME);
    expect(related).toContain("2 items: 1 verified, 1 won't do");
    expect(related).toContain(`"initial_options":[{"text":{"type":"plain_text","text":"${LAST_TIME}"}`);
    expect(related).not.toContain('partners');
    await requestsFinished(t);
    expect(notices(now.channel.id)).toHaveLength(1);
    expect(t.slack.calls.some((c) => c.method === 'chat.update' && c.args.channel === now.channel.id && c.args.ts === notices(now.channel.id)[0]!.ts)).toBe(true);
    t.slack.closeView(bob, form.id);
  });

  it('lists it under Related incidents once kept, in Slack and in the Markdown file, and drops it once removed', async () => {
    await publish(bob, now.channel.id, { ...PUBLISHABLE_CONTENT });
    expect((await draft(now.row.id)).relatedIncidentIds).toEqual([past.row.id]);
    const shown = postmortemText(now.channel.id);
    expect(shown).toContain('*Related incidents (1)*');
    expect(shown).toContain(`*${LAST_TIME}* · SEV2`);
    expect(shown).toContain("2 items: 1 verified, 1 won't do");
    const markdown = lastMarkdown();
    expect(markdown).toContain('## Related Incidents');
    expect(markdown).toMatch(new RegExp(`- \\*\\*${LAST_TIME}\\*\\* \\(SEV2, 2026-11-02\\) — \\[post-mortem\\]\\(https://[^)]+\\) · 2 items: 1 verified, 1 won't do`));

    await publish(bob, now.channel.id, { ...PUBLISHABLE_CONTENT, pm_related: [] });
    expect((await draft(now.row.id)).relatedIncidentIds).toEqual([]);
    await waitFor(() => !postmortemText(now.channel.id).includes('Related incidents'));
    expect(lastMarkdown()).not.toContain('Related Incidents');
  });
});

describe('similar past incidents, from an alert that fires again', () => {
  let t: TestBot;
  let alice: string;
  const INCIDENTS = ALERTS_ENV.INCIDENTS_CHANNEL;
  const GROUP = '{}:{alertname="CheckoutErrors"}';

  const notices = (channelId: string): FakeMessage[] => t.slack.botMessages(channelId).filter((m) => visibleText(m).includes(NOTICE));
  const group = () => t.bot.database.db.selectFrom('alert_groups').selectAll().where('group_key', '=', GROUP).executeTakeFirstOrThrow();
  const fire = (status: 'firing' | 'resolved', startsAt: Date) =>
    postAlert(
      t,
      'alertmanager',
      alertmanagerPayload({
        groupKey: GROUP,
        status,
        alerts: [{ name: 'CheckoutErrors', status, labels: { severity: 'critical', service: 'checkout' }, summary: 'Checkout error rate above 5%', startsAt, ...(status === 'resolved' ? { endsAt: new Date() } : {}) }],
      }),
    );

  /** Alice declares from the group's offer, under her own title; returns the incident's channel. */
  async function declareFromOffer(title: string): Promise<string> {
    await alertsFinished(t);
    const offer = t.slack.botMessages(INCIDENTS).filter((m) => buttonsOf(t.slack.message(INCIDENTS, m.ts)).some((b) => b.text === 'Declare incident')).at(-1)!;
    const before = t.slack.views(alice).at(-1)?.id;
    await t.driver.blockAction({ user: alice, actionId: 'alert_declare', container: { type: 'message', channel: INCIDENTS, ts: offer.ts } });
    const form = await topModal(t, alice, before);
    await t.driver.submitView({ user: alice, viewId: form.id, fields: { title } });
    await requestsFinished(t);
    const incident = await t.bot.database.db.selectFrom('incidents').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
    return incident.channel_id as string;
  }

  beforeAll(async () => {
    t = await startTestBot({ env: { ...ALERTS_ENV, ALERT_OFFERS_PER_MINUTE: '60' } });
    alice = t.slack.addUser({ name: 'alice' }).id;
    t.slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [alice] });
  });
  afterAll(() => t.stop());

  it('shows the incident the same alert group was last declared for, by its alerts alone', async () => {
    await fire('firing', new Date(Date.now() - 20 * 60_000));
    const first = await declareFromOffer('Orders rejected at payment');
    expect(notices(first)).toEqual([]);
    await fire('resolved', new Date(Date.now() - 20 * 60_000));
    await alertsFinished(t);
    await t.driver.command({ user: alice, channel: first, text: 'resolve Restarted the payment workers' });
    await requestsFinished(t);

    // A new round of the same group: offered again, and declared under a title sharing no word.
    await fire('firing', new Date(Date.now() - 60_000));
    const second = await declareFromOffer('Basket page blank');
    expect((await group()).incident_id).not.toBeNull();
    const [shown] = await waitFor(() => (notices(second).length ? notices(second) : undefined));
    const text = visibleText(shown);
    expect(text).toContain('*Orders rejected at payment* · SEV1');
    // The alert's summary became both descriptions, word for word.
    expect(text).toContain('Similar: same alert group, alert CheckoutErrors, similar description, service checkout');
    expect(text).toContain('No action items');
    expect(text).toContain('post-mortem not published');
  });
});
