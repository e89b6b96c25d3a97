import { ConfigError } from '../../src/config';
import { type AlertRulesFile, writeAlertRulesFile } from '../../tools/harness/alert-rules-file';
import { ALERTS_ENV, alertmanagerPayload, alertsFinished, postAlert } from '../../tools/harness/alerts';
import { requestsFinished } from '../../tools/harness/completion';
import { topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import type { FakeMessage } from '../../tools/fake-slack';

const INCIDENTS = ALERTS_ENV.INCIDENTS_CHANNEL;

/** What a person sees in a message's menu: each option's label and the value Slack sends back. */
function menuOptions(message: FakeMessage | undefined, actionId: string): Array<{ text: string; value: string }> {
  const options: Array<{ text: string; value: string }> = [];
  JSON.stringify(message?.blocks ?? [], (_key, value) => {
    if (value && typeof value === 'object' && value.action_id === actionId && Array.isArray(value.options)) {
      for (const option of value.options) options.push({ text: option.text.text, value: option.value });
    }
    return value;
  });
  return options;
}

/** Bot posts that reached a channel as new messages (not edits). */
function postsTo(t: TestBot, channel: string): number {
  return t.slack.callsTo('chat.postMessage').filter((c) => c.ok && c.args.channel === channel).length;
}

function groupRow(t: TestBot, groupKey: string) {
  return t.bot.database.db.selectFrom('alert_groups').selectAll().where('group_key', '=', groupKey).executeTakeFirstOrThrow();
}

function incidentRow(t: TestBot, id: string) {
  return t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function offersIn(t: TestBot, channel: string): FakeMessage[] {
  return t.slack.botMessages(channel).filter((m) => buttonsOf(m).some((b) => b.text === 'Declare incident') || /Alert (firing|resolved)/.test(visibleText(m)));
}

describe('alert storm protection', () => {
  let t: TestBot;
  let alice: string;

  // Zero-padded so that no title is a substring of another.
  const key = (n: number) => `{}:{alertname="Storm${String(n).padStart(2, '0')}"}`;
  const title = (n: number) => `Storm group ${String(n).padStart(2, '0')} failing`;
  const startsAt = new Date(Date.now() - 3 * 60_000);
  const firing = (n: number) =>
    alertmanagerPayload({
      groupKey: key(n),
      alerts: [{ name: `Storm${String(n).padStart(2, '0')}`, labels: { severity: 'warning', service: `svc-${n}` }, summary: title(n), startsAt }],
    });

  beforeAll(async () => {
    t = await startTestBot({ env: { ...ALERTS_ENV, ALERT_OFFERS_PER_MINUTE: '2' } });
    alice = t.slack.addUser({ name: 'alice' }).id;
    t.slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [alice] });
  });
  afterAll(() => t.stop());

  const inIncidents = () => t.slack.botMessages(INCIDENTS);
  const stormMessages = () => inIncidents().filter((m) => visibleText(m).includes('Alert storm'));
  const messagesNaming = (text: string) => inIncidents().filter((m) => visibleText(m).includes(text));
  const heldTitles = async () =>
    (await t.bot.database.db.selectFrom('alert_groups').select(['title', 'group_key']).where('state', '=', 'held').orderBy('held_at').execute()).map((g) => g.title);

  it('offers only as many groups a minute as allowed and lists the rest in one storm message', async () => {
    const responses = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => postAlert(t, 'alertmanager', firing(n))));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(202));
    await alertsFinished(t);

    const offers = offersIn(t, INCIDENTS);
    expect(offers).toHaveLength(2);
    expect(offers.every((m) => buttonsOf(m).map((b) => b.text).join() === 'Declare incident,Not an incident')).toBe(true);

    const storms = stormMessages();
    expect(storms).toHaveLength(1);
    const storm = storms[0] as FakeMessage;
    const text = visibleText(storm);
    expect(text).toContain('Alert storm: 6 more groups firing');
    expect(text).toContain('Offers are paused at 2 a minute');

    const held = await heldTitles();
    expect(held).toHaveLength(6);
    for (const heldTitle of held) {
      expect(text).toContain(`${heldTitle} (alertmanager) — 1 firing`);
    }
    // Every group is shown exactly once: as an offer, or as a line of the storm message.
    for (let n = 1; n <= 8; n++) expect(messagesNaming(title(n))).toHaveLength(1);
    expect(menuOptions(storm, 'alert_declare_held').map((o) => o.text).sort()).toEqual(held.map((h) => `SEV3 ${h}`).sort());

    // Eight groups cost three posts: two offers and one storm message.
    expect(postsTo(t, INCIDENTS)).toBe(3);
  });

  it('edits the storm message in place as more groups arrive and as one of them resolves', async () => {
    const storm = stormMessages()[0] as FakeMessage;
    const editsBefore = t.slack.callsTo('chat.update').filter((c) => c.ok && c.args.ts === storm.ts).length;

    const responses = await Promise.all([9, 10].map((n) => postAlert(t, 'alertmanager', firing(n))));
    expect(responses.map((r) => r.status)).toEqual([202, 202]);
    await alertsFinished(t);

    expect(stormMessages()).toHaveLength(1);
    let current = t.slack.message(INCIDENTS, storm.ts) as FakeMessage;
    expect(visibleText(current)).toContain('Alert storm: 8 more groups firing');
    expect(visibleText(current)).toContain(`${title(9)} (alertmanager) — 1 firing`);
    expect(visibleText(current)).toContain(`${title(10)} (alertmanager) — 1 firing`);
    expect(t.slack.callsTo('chat.update').filter((c) => c.ok && c.args.ts === storm.ts).length).toBeGreaterThan(editsBefore);
    expect(offersIn(t, INCIDENTS)).toHaveLength(2);
    for (let n = 1; n <= 10; n++) expect(messagesNaming(title(n))).toHaveLength(1);

    // One held group resolves: its line says so, and it leaves the menu.
    const [resolvedTitle] = await heldTitles();
    const resolvedNumber = Number(/Storm group (\d+)/.exec(resolvedTitle as string)?.[1]);
    const resolved = alertmanagerPayload({
      groupKey: key(resolvedNumber),
      alerts: [
        {
          name: `Storm${String(resolvedNumber).padStart(2, '0')}`,
          status: 'resolved',
          labels: { severity: 'warning', service: `svc-${resolvedNumber}` },
          summary: title(resolvedNumber),
          startsAt,
          endsAt: new Date(Date.now() - 10_000),
        },
      ],
    });
    expect((await postAlert(t, 'alertmanager', resolved)).status).toBe(202);
    await alertsFinished(t);

    expect(stormMessages()).toHaveLength(1);
    current = t.slack.message(INCIDENTS, storm.ts) as FakeMessage;
    expect(visibleText(current)).toContain('Alert storm: 7 more groups firing');
    expect(visibleText(current)).toContain(`${resolvedTitle} (alertmanager) — resolved`);
    const menu = menuOptions(current, 'alert_declare_held');
    expect(menu).toHaveLength(7);
    expect(menu.some((o) => o.text.includes(resolvedTitle as string))).toBe(false);
    expect(messagesNaming(resolvedTitle as string)).toHaveLength(1);

    // Ten groups, two more deliveries and a resolution later: still three posts.
    expect(postsTo(t, INCIDENTS)).toBe(3);
  });

  it('declares an incident for a held group picked in the storm menu, with the form filled in', async () => {
    const storm = stormMessages()[0] as FakeMessage;
    // What alice sees in the menu: a line per group still firing, severity first.
    const option = menuOptions(t.slack.message(INCIDENTS, storm.ts), 'alert_declare_held')[0];
    expect(option?.text).toMatch(/^SEV3 Storm group \d+ failing$/);
    const pickedTitle = (option?.text as string).replace(/^SEV3 /, '');
    const picked = await t.bot.database.db.selectFrom('alert_groups').selectAll().where('title', '=', pickedTitle).executeTakeFirstOrThrow();
    expect(picked.state).toBe('held');

    const before = t.slack.views(alice).at(-1)?.id;
    await t.driver.blockAction({
      user: alice,
      actionId: 'alert_declare_held',
      container: { type: 'message', channel: INCIDENTS, ts: storm.ts },
      selectedOption: option?.value as string,
    });
    const form = await topModal(t, alice, before);
    const formText = JSON.stringify(form.blocks);
    expect(formText).toContain('Declaring from an alert');
    expect(formText).toContain(`"initial_value":"${pickedTitle}"`);
    expect(formText).toContain('"initial_option":{"text":{"type":"plain_text","text":"SEV3');
    expect(formText).toContain(`"initial_date_time":${Math.floor(startsAt.getTime() / 1000)}`);

    await t.driver.submitView({ user: alice, viewId: form.id });
    await requestsFinished(t);

    const group = await groupRow(t, picked.group_key);
    expect(group.state).toBe('linked');
    const incident = await incidentRow(t, group.incident_id as string);
    expect(incident.title).toBe(pickedTitle);
    expect(incident.severity).toBe('SEV3');
    expect(incident.commander_id).toBe(alice);
    expect(incident.detected_at).toBe(group.first_received_at);
    const entries = await t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incident.id).where('change', '=', 'alert_fired').execute();
    expect(entries.map((e) => e.occurred_at)).toEqual([startsAt.toISOString()]);

    // The storm message, edited in place, shows where the group went and no longer offers it.
    expect(stormMessages()).toHaveLength(1);
    const updated = t.slack.message(INCIDENTS, storm.ts) as FakeMessage;
    expect(visibleText(updated)).toContain(`${pickedTitle} (alertmanager) — declared: <#${incident.channel_id}>`);
    expect(visibleText(updated)).toContain('Alert storm: 6 more groups firing');
    expect(menuOptions(updated, 'alert_declare_held')).toHaveLength(6);
    expect(menuOptions(updated, 'alert_declare_held').some((o) => o.text.includes(pickedTitle))).toBe(false);
    // It was never offered on its own.
    expect(offersIn(t, INCIDENTS).some((m) => visibleText(m).includes(pickedTitle))).toBe(false);
  });
});

describe('alert rules', () => {
  let t: TestBot;
  let rules: AlertRulesFile;
  let alice: string;
  const ONCALL_1 = 'U0ONCALL01';
  const ONCALL_2 = 'U0ONCALL02';

  beforeAll(async () => {
    rules = writeAlertRulesFile(`
      severity:
        page: SEV1
      rules:
        - name: watchdog
          match:
            matchers: ['alertname="Watchdog"']
          action: ignore
        - name: database pages
          match:
            severity: critical
            matchers: ['team="database"']
          action: declare
          responders: [${ONCALL_1}, ${ONCALL_2}]
        - name: same service
          match:
            matchers: ['service!=""']
          action: attach
          attach_by: [service]
    `);
    t = await startTestBot({ env: { ...ALERTS_ENV, ALERT_OFFERS_PER_MINUTE: '60', ALERT_RULES: rules.path } });
    alice = t.slack.addUser({ name: 'alice' }).id;
    t.slack.addUser({ id: ONCALL_1, name: 'oncall-one' });
    t.slack.addUser({ id: ONCALL_2, name: 'oncall-two' });
    t.slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [alice, ONCALL_1, ONCALL_2] });
  });
  afterAll(async () => {
    await t.stop();
    rules.remove();
  });

  const offerFor = (text: string) => offersIn(t, INCIDENTS).find((m) => visibleText(m).includes(text));

  it('ignores what an ignore rule matches: nothing is posted, and the group is kept as ignored', async () => {
    const callsBefore = t.slack.calls.length;
    const payload = alertmanagerPayload({ alerts: [{ name: 'Watchdog', labels: { severity: 'none' }, summary: 'Alerting pipeline heartbeat', startsAt: new Date(Date.now() - 60_000) }] });
    expect((await postAlert(t, 'alertmanager', payload)).status).toBe(202);
    await alertsFinished(t);

    const row = await groupRow(t, '{}:{alertname="Watchdog"}');
    expect(row.state).toBe('ignored');
    expect(row.rule).toBe('watchdog');
    const slackWrites = t.slack.calls.slice(callsBefore).filter((c) => c.method.startsWith('chat.') || c.method === 'conversations.create');
    expect(slackWrites).toEqual([]);
    expect(t.slack.botMessages(INCIDENTS).filter((m) => visibleText(m).includes('heartbeat'))).toHaveLength(0);

    // Its repeats are ignored as well.
    await postAlert(t, 'alertmanager', { ...payload, receiver: 'repeat' });
    await alertsFinished(t);
    expect((await groupRow(t, '{}:{alertname="Watchdog"}')).state).toBe('ignored');
    expect(t.slack.botMessages(INCIDENTS).filter((m) => visibleText(m).includes('heartbeat'))).toHaveLength(0);
  });

  it('declares at once what a declare rule matches, with its responders and nobody in command until one takes it', async () => {
    const startsAt = new Date(Date.now() - 4 * 60_000 - 123);
    const groupKey = '{}:{alertname="PrimaryDatabaseDown"}';
    const payload = alertmanagerPayload({
      groupKey,
      alerts: [{ name: 'PrimaryDatabaseDown', labels: { severity: 'critical', team: 'database' }, summary: 'Primary database unreachable', startsAt }],
    });
    expect((await postAlert(t, 'alertmanager', payload)).status).toBe(202);
    await alertsFinished(t);

    const group = await groupRow(t, groupKey);
    expect(group.state).toBe('linked');
    expect(group.rule).toBe('database pages');
    const incident = await incidentRow(t, group.incident_id as string);
    expect(incident.setup_completed_at).not.toBeNull();
    expect(incident.title).toBe('Primary database unreachable');
    expect(incident.severity).toBe('SEV1');
    expect(incident.declared_by).toBe(t.slack.bot.userId);
    expect(incident.commander_id).toBe('');
    // Impact from the alert's own start, to the millisecond; detected when the notification arrived.
    expect(new Date(incident.impact_started_at).getTime()).toBe(startsAt.getTime());
    const notification = await t.bot.database.db.selectFrom('alert_notifications').selectAll().where('group_hash', '=', group.group_hash).executeTakeFirstOrThrow();
    expect(incident.detected_at).toBe(notification.received_at);
    expect(notification.received_at).toBe(group.first_received_at);

    // Nobody was asked whether to declare it.
    expect(offerFor('Primary database unreachable')).toBeUndefined();

    const channel = t.slack.channel(incident.channel_id as string);
    expect(channel?.members).toEqual(expect.arrayContaining([ONCALL_1, ONCALL_2]));
    const card = t.slack.message(incident.channel_id as string, incident.card_ts as string) as FakeMessage;
    expect(visibleText(card)).toContain('Nobody has taken command yet.');
    expect(visibleText(card)).toContain('PrimaryDatabaseDown');
    expect(buttonsOf(card).map((b) => b.text)).toContain('Take command');
    expect(buttonsOf(card).map((b) => b.text)).not.toContain('Assign commander');

    const fired = await t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incident.id).where('change', '=', 'alert_fired').execute();
    expect(fired.map((e) => [e.new_value, e.occurred_at])).toEqual([['PrimaryDatabaseDown', startsAt.toISOString()]]);

    await t.driver.blockAction({ user: ONCALL_2, actionId: 'incident_take_command', container: { type: 'message', channel: incident.channel_id as string, ts: incident.card_ts as string } });
    await requestsFinished(t);
    expect((await incidentRow(t, incident.id)).commander_id).toBe(ONCALL_2);
    const taken = t.slack.message(incident.channel_id as string, incident.card_ts as string) as FakeMessage;
    expect(visibleText(taken)).toContain(`*Commander:* <@${ONCALL_2}>`);
    expect(visibleText(taken)).not.toContain('Nobody has taken command');
    expect(buttonsOf(taken).map((b) => b.text)).toContain('Assign commander');
    expect(buttonsOf(taken).map((b) => b.text)).not.toContain('Take command');

    // A retry of the same delivery declares nothing more.
    expect((await postAlert(t, 'alertmanager', payload)).status).toBe(200);
    await alertsFinished(t);
    const all = await t.bot.database.db.selectFrom('incidents').select('id').where('title', '=', 'Primary database unreachable').execute();
    expect(all).toHaveLength(1);
  });

  it('attaches a group to the open incident of the same service, and offers a group of another service', async () => {
    const startsAt = new Date(Date.now() - 2 * 60_000);
    await postAlert(t, 'alertmanager', alertmanagerPayload({ groupKey: '{}:{alertname="ApiErrors"}', alerts: [{ name: 'ApiErrors', labels: { severity: 'warning', service: 'api' }, summary: 'API 5xx above 2%', startsAt }] }));
    await alertsFinished(t);
    // Nothing open for the api yet: the attach rule falls back to an offer.
    const offer = offerFor('API 5xx above 2%') as FakeMessage;
    expect(offer).toBeDefined();
    const before = t.slack.views(alice).at(-1)?.id;
    await t.driver.blockAction({ user: alice, actionId: 'alert_declare', container: { type: 'message', channel: INCIDENTS, ts: offer.ts } });
    const form = await topModal(t, alice, before);
    await t.driver.submitView({ user: alice, viewId: form.id, fields: { title: 'API failing' } });
    await requestsFinished(t);
    const first = await groupRow(t, '{}:{alertname="ApiErrors"}');
    expect(first.state).toBe('linked');
    const incident = await incidentRow(t, first.incident_id as string);
    const postsBefore = postsTo(t, INCIDENTS);

    const latencyStart = new Date(Date.now() - 60_000);
    await postAlert(t, 'alertmanager', alertmanagerPayload({ groupKey: '{}:{alertname="ApiLatency"}', alerts: [{ name: 'ApiLatency', labels: { severity: 'warning', service: 'api' }, summary: 'API p99 above 1 s', startsAt: latencyStart }] }));
    await alertsFinished(t);

    const attached = await groupRow(t, '{}:{alertname="ApiLatency"}');
    expect(attached.state).toBe('linked');
    expect(attached.incident_id).toBe(incident.id);
    expect(attached.rule).toBe('same service');
    expect(offerFor('API p99 above 1 s')).toBeUndefined();
    expect(postsTo(t, INCIDENTS)).toBe(postsBefore);
    const card = t.slack.message(incident.channel_id as string, incident.card_ts as string) as FakeMessage;
    expect(visibleText(card)).toContain('*Alerts:* 2 firing, 0 resolved');
    expect(visibleText(card)).toContain('ApiLatency');
    const fired = await t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incident.id).where('change', '=', 'alert_fired').execute();
    expect(fired.map((e) => e.new_value).sort()).toEqual(['ApiErrors', 'ApiLatency']);
    expect(fired.find((e) => e.new_value === 'ApiLatency')?.occurred_at).toBe(latencyStart.toISOString());

    await postAlert(t, 'alertmanager', alertmanagerPayload({ groupKey: '{}:{alertname="WebErrors"}', alerts: [{ name: 'WebErrors', labels: { severity: 'warning', service: 'web' }, summary: 'Web 5xx above 2%', startsAt }] }));
    await alertsFinished(t);
    const other = offerFor('Web 5xx above 2%') as FakeMessage;
    expect(buttonsOf(other).map((b) => b.text)).toEqual(['Declare incident', 'Not an incident']);
    expect((await groupRow(t, '{}:{alertname="WebErrors"}')).state).toBe('offered');
    expect(visibleText(t.slack.message(incident.channel_id as string, incident.card_ts as string))).not.toContain('WebErrors');
  });

  it("maps severities with the file's own words", async () => {
    await postAlert(t, 'alertmanager', alertmanagerPayload({ groupKey: '{}:{alertname="OrdersQueueStuck"}', alerts: [{ name: 'OrdersQueueStuck', labels: { severity: 'page' }, summary: 'Orders queue stuck', startsAt: new Date(Date.now() - 60_000) }] }));
    await alertsFinished(t);
    const offer = offerFor('Orders queue stuck') as FakeMessage;
    expect(visibleText(offer)).toContain('*SEV1* (from the alert)');
    expect((await groupRow(t, '{}:{alertname="OrdersQueueStuck"}')).severity).toBe('SEV1');
  });
});

describe('an invalid alert rules file', () => {
  it('stops the bot from starting, naming the variable, the line and the problem', async () => {
    const rules = writeAlertRulesFile(`
      rules:
        - name: watchdog
          match:
            matchers: ['alertname="Watchdog"']
          acton: ignore
        - name: pages
          match:
            matchers: ['team=~"payments|checkout']
          action: declare
    `);
    try {
      const started = startTestBot({ env: { ...ALERTS_ENV, ALERT_RULES: rules.path } });
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      const message = await started.then(
        () => '',
        (error: Error) => error.message,
      );
      expect(message).toContain('The bot cannot start');
      // Every problem at once, each with where it is in the file.
      expect(message).toContain('ALERT_RULES: rules[0].action (line 2): required: one of offer, declare, attach, ignore');
      expect(message).toContain('ALERT_RULES: rules[0].acton (line 5): unknown key (did you mean action?)');
      expect(message).toMatch(/ALERT_RULES: rules\[1\]\.match\.matchers\[0\] \(line 8\): .*the closing quote is missing/);
    } finally {
      // The harness stops the fake Slack and removes the database when the bot refuses to start.
      rules.remove();
    }
  });
});

describe('alerts in Socket Mode', () => {
  it('offers an alert posted to the HTTP port and declares from it over the socket', async () => {
    const t = await startTestBot({ mode: 'socket', env: ALERTS_ENV });
    try {
      expect(t.driver.transport).toBe('socket');
      const alice = t.slack.addUser({ name: 'alice' }).id;
      t.slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [alice] });
      const startsAt = new Date(Date.now() - 5 * 60_000);
      const payload = alertmanagerPayload({ groupKey: '{}:{alertname="SearchDown"}', alerts: [{ name: 'SearchDown', labels: { severity: 'critical', service: 'search' }, summary: 'Search returns 503', startsAt }] });
      expect((await postAlert(t, 'alertmanager', payload)).status).toBe(202);
      await alertsFinished(t);

      const offer = offersIn(t, INCIDENTS).find((m) => visibleText(m).includes('Search returns 503')) as FakeMessage;
      expect(visibleText(offer)).toContain('SEV1');
      expect(buttonsOf(offer).map((b) => b.text)).toEqual(['Declare incident', 'Not an incident']);

      const envelopesBefore = t.slack.socketMode.envelopes.length;
      const before = t.slack.views(alice).at(-1)?.id;
      await t.driver.blockAction({ user: alice, actionId: 'alert_declare', container: { type: 'message', channel: INCIDENTS, ts: offer.ts } });
      const form = await topModal(t, alice, before);
      expect(JSON.stringify(form.blocks)).toContain('Declaring from an alert');
      await t.driver.submitView({ user: alice, viewId: form.id, fields: { title: 'Search down' } });
      await requestsFinished(t);
      // The click and the submission both travelled over the socket.
      expect(t.slack.socketMode.envelopes.length - envelopesBefore).toBe(2);

      const group = await groupRow(t, '{}:{alertname="SearchDown"}');
      expect(group.state).toBe('linked');
      const incident = await incidentRow(t, group.incident_id as string);
      expect(incident.title).toBe('Search down');
      expect(incident.detected_at).toBe(group.first_received_at);
      const updated = t.slack.message(INCIDENTS, offer.ts) as FakeMessage;
      expect(visibleText(updated)).toContain(`Declared: <#${incident.channel_id}>`);
      expect(buttonsOf(updated)).toHaveLength(0);
    } finally {
      await t.stop();
    }
  });
});
