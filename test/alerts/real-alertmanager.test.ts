import { ALERT_TOKEN, ALERTS_ENV, alertsFinished } from '../../tools/harness/alerts';
import {
  ALERTMANAGER_ABSENT,
  alertmanagerBinary,
  type PostableAlert,
  type RunningAlertmanager,
  startAlertmanager,
} from '../../tools/harness/alertmanager';
import { requestsFinished } from '../../tools/harness/completion';
import { topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';
import type { FakeMessage } from '../../tools/fake-slack';

/**
 * The bot behind the client its users actually run: a real Alertmanager (Debian's 0.25) whose
 * webhook receiver posts to the bot's `/alerts/alertmanager` with the bearer token. Everything the
 * bot receives here was written by Alertmanager itself, repeats and resolved notifications
 * included, rather than by a fixture of what we believe it sends.
 */

const INCIDENTS = ALERTS_ENV.INCIDENTS_CHANNEL;
const GROUP_KEY = '{}:{alertname="CheckoutErrors"}';
/** How long to wait for something Alertmanager does on its own schedule (seconds-long intervals). */
const AM_TIMEOUT_MS = 8000;

const binary = alertmanagerBinary();
const describeWithAlertmanager = binary ? describe : describe.skip;
// Jest names no test of a wholly skipped file, so say why here too.
if (!binary) console.warn(`test/alerts/real-alertmanager.test.ts skipped: ${ALERTMANAGER_ABSENT}`);

describeWithAlertmanager(binary ? `the bot behind a real Alertmanager (${binary})` : `the bot behind a real Alertmanager — skipped: ${ALERTMANAGER_ABSENT}`, () => {
  let t: TestBot | undefined;
  let am: RunningAlertmanager | undefined;
  let alice: string;

  const labels = { alertname: 'CheckoutErrors', severity: 'critical', service: 'checkout', env: 'prod' };
  const annotations = { summary: 'Checkout error rate above 5%', runbook_url: 'https://runbooks.example/checkout' };
  const generatorURL = 'http://prometheus.example:9090/graph?g0.expr=checkout_errors';
  // Older than group_wait: Alertmanager notifies the new group at once. Whole milliseconds kept.
  const startsAt = new Date(Date.now() - 7 * 60_000 + 123);
  const firing: PostableAlert = { labels, annotations, startsAt, generatorURL };

  const bot = () => t as TestBot;
  const offers = () => bot().slack.botMessages(INCIDENTS).filter((m) => buttonsOf(m).some((b) => b.text === 'Declare incident') || /Alert (firing|resolved)/.test(visibleText(m)));
  const offersOfGroup = () => offers().filter((m) => visibleText(m).includes(annotations.summary));
  /** Every delivery of the group that reached the bot, in order: `stored` (new) or `duplicate`. */
  const deliveries = () =>
    bot()
      .logs.filter((line) => line.msg === 'alert notification received' && line.source === 'alertmanager' && line.groupKey === GROUP_KEY)
      .map((line) => line.outcome as string);
  const groupRow = () => bot().bot.database.db.selectFrom('alert_groups').selectAll().where('group_key', '=', GROUP_KEY).executeTakeFirst();
  const notificationRows = async () => {
    const group = await groupRow();
    if (!group) return [];
    return bot().bot.database.db.selectFrom('alert_notifications').selectAll().where('group_hash', '=', group.group_hash).orderBy('received_at').execute();
  };
  /** A failure message that says what Alertmanager and the bot were doing. */
  const whatHappened = () => `\nbot deliveries: ${JSON.stringify(deliveries())}\nAlertmanager printed:\n${am?.logs().slice(-6000) ?? '(not started)'}`;
  const withContext = async <T>(what: string, wait: Promise<T>): Promise<T> => {
    try {
      return await wait;
    } catch (error) {
      if (error instanceof Error) error.message = `${what}: ${error.message}${whatHappened()}`;
      throw error;
    }
  };

  beforeAll(async () => {
    t = await startTestBot({ env: { ...ALERTS_ENV } });
    alice = t.slack.addUser({ name: 'alice', tz: 'Europe/Paris' }).id;
    t.slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [alice] });
    am = await startAlertmanager({
      webhookUrl: `http://127.0.0.1:${t.bot.port}/alerts/alertmanager`,
      bearerToken: ALERT_TOKEN,
      groupWait: '1s',
      groupInterval: '1s',
      // Short, so the test sees Alertmanager re-send the unchanged group on its own.
      repeatInterval: '2s',
      groupBy: ['alertname'],
    });
  });

  afterAll(async () => {
    // Alertmanager first: nothing then posts to a bot that is going away.
    try {
      await am?.stop();
    } finally {
      await t?.stop();
    }
  });

  it('offers the firing group in the incidents channel, with its summary, severity, labels and runbook', async () => {
    await am!.postAlerts([firing]);
    await withContext('the first notification', waitFor(() => deliveries().includes('stored'), { timeoutMs: AM_TIMEOUT_MS }));
    await withContext('handling the first notification', waitFor(async () => (await notificationRows()).some((n) => n.outcome === 'offered'), { timeoutMs: AM_TIMEOUT_MS }));
    await alertsFinished(bot());

    expect(offersOfGroup()).toHaveLength(1);
    const offer = offersOfGroup()[0] as FakeMessage;
    const text = visibleText(offer);
    expect(text).toContain('Alert firing');
    expect(text).toContain('Checkout error rate above 5%');
    // critical → SEV1
    expect(text).toContain('SEV1');
    expect(text).toContain('`service=checkout`');
    expect(text).toContain('`env=prod`');
    expect(text).toContain('<https://runbooks.example/checkout|Runbook>');
    expect(buttonsOf(offer).map((b) => b.text)).toEqual(['Declare incident', 'Not an incident']);
    const group = await groupRow();
    expect(group).toMatchObject({ source: 'alertmanager', state: 'offered', severity: 'SEV1', channel_id: INCIDENTS, offer_ts: offer.ts });
  });

  it("still shows one offer after Alertmanager's repeats and a repost of the same alert", async () => {
    const before = deliveries().length;
    // Prometheus re-sends a firing alert every evaluation: Alertmanager merges it into the one it has.
    await am!.postAlerts([firing]);
    // repeat_interval is 2s: wait until Alertmanager has re-sent the unchanged group at least once.
    await withContext('a repeat notification', waitFor(() => deliveries().length > before, { timeoutMs: AM_TIMEOUT_MS }));
    await alertsFinished(bot());

    // A repeat is the same body: the bot already has it, and handles nothing new.
    expect(deliveries().slice(before)).not.toContain('stored');
    expect(deliveries().slice(before)[0]).toBe('duplicate');
    const rows = await notificationRows();
    expect(rows.map((n) => n.outcome)).toEqual(['offered']);
    expect(offersOfGroup()).toHaveLength(1);
    expect(visibleText(offersOfGroup()[0] as FakeMessage)).toContain('Alert firing');
    expect((await groupRow())?.state).toBe('offered');
  });

  it('declares from the offer, then puts the resolution on the timeline at its own time and asks whether to resolve', async () => {
    const t = bot();
    const offer = offersOfGroup()[0] as FakeMessage;
    const previous = t.slack.views(alice).at(-1)?.id;
    await t.driver.blockAction({ user: alice, actionId: 'alert_declare', container: { type: 'message', channel: INCIDENTS, ts: offer.ts } });
    const form = await topModal(t, alice, previous);
    const formText = JSON.stringify(form.blocks);
    expect(formText).toContain('Declaring from an alert');
    expect(formText).toContain('"initial_option":{"text":{"type":"plain_text","text":"SEV1');
    expect(formText).toContain(`"initial_date_time":${Math.floor(startsAt.getTime() / 1000)}`);
    await t.driver.submitView({ user: alice, viewId: form.id, fields: { title: 'Checkout failing' } });
    await requestsFinished(t);

    const group = await groupRow();
    expect(group?.state).toBe('linked');
    const incidentId = group?.incident_id as string;
    const incident = await t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(incident.title).toBe('Checkout failing');
    expect(incident.severity).toBe('SEV1');
    const fired = await t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incidentId).where('change', '=', 'alert_fired').execute();
    expect(fired.map((e) => e.occurred_at)).toEqual([startsAt.toISOString()]);

    // Resolved a moment ago, with milliseconds, as Prometheus sends it once the rule stops firing.
    const endsAt = new Date(Date.now() - 1500 + 7);
    const handledBefore = new Set((await notificationRows()).map((n) => n.id));
    await am!.postAlerts([{ ...firing, endsAt }]);
    const resolution = await withContext(
      'the resolved notification',
      waitFor(async () => (await notificationRows()).find((n) => !handledBefore.has(n.id) && n.handled_at !== null), { timeoutMs: AM_TIMEOUT_MS }),
    );
    await alertsFinished(t);
    expect(resolution.outcome).toBe('linked');

    const resolved = await t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incidentId).where('change', '=', 'alert_resolved').execute();
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.new_value).toBe('CheckoutErrors');
    // At the endsAt posted, which Alertmanager passes on to the millisecond.
    expect(Math.floor(new Date(resolved[0]?.occurred_at as string).getTime() / 1000)).toBe(Math.floor(endsAt.getTime() / 1000));
    expect(resolved[0]?.occurred_at).toBe(endsAt.toISOString());

    const channel = incident.channel_id as string;
    expect(t.slack.botMessages(channel).some((m) => visibleText(m).includes('Alert *CheckoutErrors* resolved'))).toBe(true);
    const prompts = t.slack.botMessages(channel).filter((m) => visibleText(m).includes('All alerts resolved'));
    expect(prompts).toHaveLength(1);
    expect(buttonsOf(prompts[0] as FakeMessage).map((b) => b.text)).toEqual(['Resolve']);
    // A person decides: the incident is still open.
    const after = await t.bot.database.db.selectFrom('incidents').select('status').where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(after.status).toBe('investigating');
    const card = t.slack.message(channel, incident.card_ts as string) as FakeMessage;
    expect(visibleText(card)).toContain('*Alerts:* 0 firing, 1 resolved');
    // Still one offer in the incidents channel, now pointing at the incident.
    expect(offersOfGroup()).toHaveLength(1);
    expect(visibleText(offersOfGroup()[0] as FakeMessage)).toContain(`Declared: <#${channel}>`);
  });
});
