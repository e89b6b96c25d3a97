import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { ALERTS_ENV, alertmanagerPayload, alertsFinished, postAlert } from '../../tools/harness/alerts';
import { requestsFinished } from '../../tools/harness/completion';
import { topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import type { FakeMessage } from '../../tools/fake-slack';

const INCIDENTS = ALERTS_ENV.INCIDENTS_CHANNEL;

describe('incidents from alerts', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    // Storm protection has its own test: here every group gets its offer.
    t = await startTestBot({ env: { ...ALERTS_ENV, ALERT_OFFERS_PER_MINUTE: '60' } });
    alice = t.slack.addUser({ name: 'alice', tz: 'Europe/Paris' }).id;
    bob = t.slack.addUser({ name: 'bob' }).id;
    t.slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [alice, bob] });
  });
  afterAll(() => t.stop());

  const offers = () => t.slack.botMessages(INCIDENTS).filter((m) => buttonsOf(m).some((b) => b.text === 'Declare incident') || /Alert (firing|resolved)/.test(visibleText(m)));
  const offerFor = (title: string) => offers().find((m) => visibleText(m).includes(title));
  const groupRow = (groupKey: string) => t.bot.database.db.selectFrom('alert_groups').selectAll().where('group_key', '=', groupKey).executeTakeFirstOrThrow();

  it('offers a firing Alertmanager group in the incidents channel, with what is firing and where to look', async () => {
    const startsAt = new Date(Date.now() - 7 * 60_000);
    const payload = alertmanagerPayload({
      groupKey: '{}:{alertname="CheckoutErrors"}',
      alerts: [
        {
          name: 'CheckoutErrors',
          labels: { severity: 'critical', service: 'checkout', env: 'prod' },
          summary: 'Checkout error rate above 5% <!channel>',
          runbook: 'https://runbooks.example/checkout',
          startsAt,
        },
      ],
    });
    const response = await postAlert(t, 'alertmanager', payload);
    expect(response.status).toBe(202);
    await alertsFinished(t);

    const offer = offerFor('Checkout error rate above 5%') as FakeMessage;
    const text = visibleText(offer);
    expect(text).toContain('Alert firing');
    expect(text).toContain('SEV1');
    expect(text).toContain('`service=checkout`');
    expect(text).toContain('<https://runbooks.example/checkout|Runbook>');
    // Alert text is untrusted: a broadcast in a summary never pings the channel.
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(buttonsOf(offer).map((b) => b.text)).toEqual(['Declare incident', 'Not an incident']);

    // Alertmanager's retry of the same delivery, and its repeat of the unchanged group, change nothing.
    expect((await postAlert(t, 'alertmanager', payload)).status).toBe(200);
    await alertsFinished(t);
    expect(offers().filter((m) => visibleText(m).includes('Checkout error rate'))).toHaveLength(1);
  });

  it('edits the offer in place when the group grows, and declares from it with the form filled in', async () => {
    const startsAt = new Date(Date.now() - 7 * 60_000);
    const payload = alertmanagerPayload({
      groupKey: '{}:{alertname="CheckoutErrors"}',
      alerts: [
        { name: 'CheckoutErrors', labels: { severity: 'critical', service: 'checkout', env: 'prod' }, summary: 'Checkout error rate above 5% <!channel>', startsAt },
        { name: 'CheckoutLatency', labels: { severity: 'warning', service: 'checkout' }, summary: 'p99 above 2 s', startsAt: new Date(startsAt.getTime() + 60_000) },
      ],
    });
    expect((await postAlert(t, 'alertmanager', payload)).status).toBe(202);
    await alertsFinished(t);
    const offer = offerFor('Checkout') as FakeMessage;
    expect(offers().filter((m) => visibleText(m).includes('Checkout'))).toHaveLength(1);
    expect(visibleText(offer)).toContain('2 firing, 0 resolved');
    expect(visibleText(offer)).toContain('CheckoutLatency');

    const before = t.slack.views(alice).at(-1)?.id;
    await t.driver.blockAction({ user: alice, actionId: 'alert_declare', container: { type: 'message', channel: INCIDENTS, ts: offer.ts } });
    const form = await topModal(t, alice, before);
    const formText = JSON.stringify(form.blocks);
    expect(formText).toContain('Declaring from an alert');
    expect(formText).toContain('"initial_option":{"text":{"type":"plain_text","text":"SEV1');
    expect(formText).toContain(`"initial_date_time":${Math.floor(startsAt.getTime() / 1000)}`);

    await t.driver.submitView({ user: alice, viewId: form.id, fields: { title: 'Checkout failing' } });
    await requestsFinished(t);
    const group = await groupRow('{}:{alertname="CheckoutErrors"}');
    expect(group.state).toBe('linked');
    const incident = await t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', group.incident_id as string).executeTakeFirstOrThrow();
    expect(incident.title).toBe('Checkout failing');
    expect(incident.severity).toBe('SEV1');
    expect(new Date(incident.impact_started_at).getTime()).toBe(Math.floor(startsAt.getTime() / 1000) * 1000);
    // Detected when the first notification arrived, not when someone declared.
    expect(incident.detected_at).toBe(group.first_received_at);

    const entries = await t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incident.id).where('change', '=', 'alert_fired').execute();
    expect(entries.map((e) => e.new_value).sort()).toEqual(['CheckoutErrors', 'CheckoutLatency']);
    // At the alert's own time, to the millisecond.
    expect(entries.find((e) => e.new_value === 'CheckoutErrors')?.occurred_at).toBe(startsAt.toISOString());

    const card = t.slack.message(incident.channel_id as string, incident.card_ts as string) as FakeMessage;
    expect(visibleText(card)).toContain('*Alerts:* 2 firing, 0 resolved');
    expect(visibleText(card)).toContain('CheckoutLatency');

    const updated = t.slack.message(INCIDENTS, offer.ts) as FakeMessage;
    expect(visibleText(updated)).toContain(`Declared: <#${incident.channel_id}>`);
    expect(buttonsOf(updated)).toHaveLength(0);
  });

  it('follows a linked group: resolved alerts go on the timeline at their own time, and the channel is asked whether to resolve', async () => {
    const group = await groupRow('{}:{alertname="CheckoutErrors"}');
    const incidentId = group.incident_id as string;
    const incident = await t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();
    const channel = incident.channel_id as string;
    const startsAt = new Date(Date.now() - 7 * 60_000);
    const endsAt = new Date(Date.now() - 30_000);
    const resolved = alertmanagerPayload({
      groupKey: '{}:{alertname="CheckoutErrors"}',
      alerts: [
        { name: 'CheckoutErrors', status: 'resolved', labels: { severity: 'critical', service: 'checkout', env: 'prod' }, startsAt, endsAt },
        { name: 'CheckoutLatency', status: 'resolved', labels: { severity: 'warning', service: 'checkout' }, startsAt: new Date(startsAt.getTime() + 60_000), endsAt },
      ],
    });
    expect((await postAlert(t, 'alertmanager', resolved)).status).toBe(202);
    await alertsFinished(t);

    const entries = await t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incidentId).where('change', '=', 'alert_resolved').execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]?.occurred_at).toBe(endsAt.toISOString());

    const posted = t.slack.botMessages(channel).map(visibleText);
    expect(posted.some((text) => text.includes('Alert *CheckoutErrors* resolved'))).toBe(true);
    const prompt = t.slack.botMessages(channel).find((m) => visibleText(m).includes('All alerts resolved')) as FakeMessage;
    expect(buttonsOf(prompt).map((b) => b.text)).toEqual(['Resolve']);
    // A person decides: the incident is still open.
    const after = await t.bot.database.db.selectFrom('incidents').select('status').where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(after.status).toBe('investigating');
    const card = t.slack.message(channel, incident.card_ts as string) as FakeMessage;
    expect(visibleText(card)).toContain('*Alerts:* 0 firing, 2 resolved');

    // Asked once: the same news again asks nothing more.
    await postAlert(t, 'alertmanager', { ...resolved, truncatedAlerts: 0, receiver: 'again' });
    await alertsFinished(t);
    expect(t.slack.botMessages(channel).filter((m) => visibleText(m).includes('All alerts resolved'))).toHaveLength(1);
  });

  it('offers the group afresh when it fires again after its incident was resolved', async () => {
    const group = await groupRow('{}:{alertname="CheckoutErrors"}');
    const incident = await t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', group.incident_id as string).executeTakeFirstOrThrow();
    await t.driver.command({ user: alice, channel: incident.channel_id as string, text: 'resolve Rolled back' });
    await requestsFinished(t);
    const firstOffer = group.offer_ts as string;

    const again = alertmanagerPayload({
      groupKey: '{}:{alertname="CheckoutErrors"}',
      alerts: [{ name: 'CheckoutErrors', labels: { severity: 'critical', service: 'checkout' }, summary: 'Checkout error rate above 5% again', startsAt: new Date() }],
    });
    expect((await postAlert(t, 'alertmanager', again)).status).toBe(202);
    await alertsFinished(t);

    const regroup = await groupRow('{}:{alertname="CheckoutErrors"}');
    expect(regroup.state).toBe('offered');
    expect(regroup.offer_ts).not.toBe(firstOffer);
    const fresh = t.slack.message(INCIDENTS, regroup.offer_ts as string) as FakeMessage;
    expect(buttonsOf(fresh).map((b) => b.text)).toEqual(['Declare incident', 'Not an incident']);
    // The round that is over is not part of the new one: its resolved alerts are gone.
    expect(visibleText(fresh)).toContain('1 firing, 0 resolved');
    // The first offer still says where it went; the resolved incident gets no news of a new round.
    expect(visibleText(t.slack.message(INCIDENTS, firstOffer) as FakeMessage)).toContain(`Declared: <#${incident.channel_id}>`);
    const fired = await t.bot.database.db.selectFrom('timeline_entries').select('id').where('incident_id', '=', incident.id).where('change', '=', 'alert_fired').execute();
    expect(fired).toHaveLength(2);
  });

  it('records "Not an incident" with the reason, and a repeat of that group offers nothing new', async () => {
    const payload = alertmanagerPayload({ groupKey: '{}:{alertname="DiskAlmostFull"}', alerts: [{ name: 'DiskAlmostFull', labels: { severity: 'warning', instance: 'db-3' }, summary: 'Disk 91% full on db-3', startsAt: new Date(Date.now() - 60_000) }] });
    await postAlert(t, 'alertmanager', payload);
    await alertsFinished(t);
    const offer = offerFor('Disk 91% full') as FakeMessage;
    expect(visibleText(offer)).toContain('SEV3');

    const before = t.slack.views(bob).at(-1)?.id;
    await t.driver.blockAction({ user: bob, actionId: 'alert_dismiss', container: { type: 'message', channel: INCIDENTS, ts: offer.ts } });
    const modal = await topModal(t, bob, before);
    expect(visibleText(modal)).toContain('Why is this not an incident?');
    await t.driver.submitView({ user: bob, viewId: modal.id, fields: { alert_dismiss_reason: 'Log rotation runs at 03:00 <!here>' } });
    await requestsFinished(t);

    const updated = t.slack.message(INCIDENTS, offer.ts) as FakeMessage;
    expect(visibleText(updated)).toContain(`Not an incident — <@${bob}>: Log rotation runs at 03:00 &lt;!here&gt;`);
    expect(buttonsOf(updated)).toHaveLength(0);
    const row = await groupRow('{}:{alertname="DiskAlmostFull"}');
    expect(row.state).toBe('declined');
    expect(row.declined_reason).toBe('Log rotation runs at 03:00 <!here>');

    await postAlert(t, 'alertmanager', { ...payload, receiver: 'repeat' });
    await alertsFinished(t);
    expect(offers().filter((m) => visibleText(m).includes('Disk 91% full'))).toHaveLength(1);
  });

  it('never offers a group only ever seen resolved', async () => {
    const payload = alertmanagerPayload({ groupKey: '{}:{alertname="Blip"}', alerts: [{ name: 'Blip', status: 'resolved', summary: 'A blip', startsAt: new Date(Date.now() - 120_000), endsAt: new Date(Date.now() - 60_000) }] });
    expect((await postAlert(t, 'alertmanager', payload)).status).toBe(202);
    await alertsFinished(t);
    expect(offerFor('A blip')).toBeUndefined();
    expect((await groupRow('{}:{alertname="Blip"}')).state).toBe('quiet');
  });

  it('offers each of the other sources from the payloads their vendors document', async () => {
    const now = new Date();
    const grafana = {
      receiver: 'incident-bot',
      status: 'firing',
      orgId: 1,
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'High memory usage', team: 'blue', zone: 'us-1' },
          annotations: { description: 'The system has high memory usage', runbook_url: 'https://myrunbook.com/runbook/1234', summary: 'This alert was triggered for zone us-1' },
          startsAt: new Date(now.getTime() - 60_000).toISOString(),
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'https://play.grafana.org/alerting/1afz29v7z/edit',
          fingerprint: 'c6eadffa33fcdf37',
          silenceURL: 'https://play.grafana.org/alerting/silence/new',
          dashboardURL: '',
          panelURL: '',
          values: { B: 44.23, C: 1 },
          valueString: "[ var='B' labels={} value=44.23 ]",
        },
      ],
      groupLabels: {},
      commonLabels: { team: 'blue', zone: 'us-1' },
      commonAnnotations: {},
      externalURL: 'https://play.grafana.org/',
      version: '1',
      groupKey: '{}:{alertname="High memory usage"}',
      truncatedAlerts: 0,
      title: '[FIRING:1]  (blue us-1)',
      state: 'alerting',
      message: 'Firing',
    };
    expect((await postAlert(t, 'grafana', grafana)).status).toBe(202);
    const pagerduty = {
      event: {
        id: '01DEN4HPBQAV6Y0BUC2V0RJ6MD',
        event_type: 'incident.triggered',
        resource_type: 'incident',
        occurred_at: now.toISOString(),
        agent: null,
        client: null,
        data: {
          id: 'PGR0VU2',
          type: 'incident',
          self: 'https://api.pagerduty.com/incidents/PGR0VU2',
          html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
          number: 2,
          status: 'triggered',
          incident_key: 'd3640fbd41094207a1c11e58e46b1662',
          created_at: new Date(now.getTime() - 30_000).toISOString(),
          title: 'Payments API is down',
          service: { html_url: 'https://acme.pagerduty.com/services/PF9KMXH', id: 'PF9KMXH', self: 'https://api.pagerduty.com/services/PF9KMXH', summary: 'API Service', type: 'service_reference' },
          assignees: [],
          escalation_policy: null,
          teams: [],
          priority: { html_url: 'https://acme.pagerduty.com/account/incident_priorities', id: 'PSO75BM', self: 'https://api.pagerduty.com/priorities/PSO75BM', summary: 'P1', type: 'priority_reference' },
          urgency: 'high',
          conference_bridge: null,
          resolve_reason: null,
        },
      },
    };
    expect((await postAlert(t, 'pagerduty', pagerduty)).status).toBe(202);
    const opsgenie = {
      action: 'Create',
      alert: {
        alertId: '7c0f3ed4-d3a2-4c6e-ac73-d76bf5c1b0a7-1583140211000',
        message: 'Queue backlog above 10k',
        tags: ['queues'],
        tinyId: '42',
        entity: 'orders-queue',
        alias: 'queue-backlog-orders',
        createdAt: now.getTime() - 45_000,
        updatedAt: (now.getTime() - 45_000) * 1_000_000,
        username: 'System',
        userId: '',
        description: 'Backlog growing for 10 minutes',
        team: '',
        responders: [],
        teams: [],
        actions: [],
        details: { region: 'eu-west-1' },
        priority: 'P2',
        source: 'Amazon CloudWatch',
      },
      source: { name: '', type: 'web' },
      integrationName: 'Webhook',
      integrationId: '8f0b5c4e-4a5c-4c84-9d1c-9b8d1a2e5f6a',
      integrationType: 'Webhook',
    };
    expect((await postAlert(t, 'opsgenie', opsgenie)).status).toBe(202);
    const generic = { status: 'firing', title: 'Nightly backup failed', deduplication_key: 'backup-nightly', description: 'pg_dump exited 1', severity: 'error', source_url: 'https://ci.example/jobs/991' };
    expect((await postAlert(t, 'generic', generic)).status).toBe(202);
    await alertsFinished(t);

    expect(visibleText(offerFor('This alert was triggered for zone us-1') as FakeMessage)).toContain('grafana');
    expect(visibleText(offerFor('Payments API is down') as FakeMessage)).toContain('SEV1');
    expect(visibleText(offerFor('Payments API is down') as FakeMessage)).toContain('<https://acme.pagerduty.com/incidents/PGR0VU2|Open alert>');
    expect(visibleText(offerFor('Queue backlog above 10k') as FakeMessage)).toContain('SEV2');
    expect(visibleText(offerFor('Nightly backup failed') as FakeMessage)).toContain('SEV2');
    expect((await groupRow('PGR0VU2')).source).toBe('pagerduty');
    expect((await groupRow('queue-backlog-orders')).source).toBe('opsgenie');
    expect((await groupRow('backup-nightly')).source).toBe('generic');
  });

  it('declares a private incident from an offer without naming its channel in the incidents channel', async () => {
    await postAlert(t, 'generic', { status: 'firing', title: 'Suspicious logins on admin', deduplication_key: 'sec-logins', severity: 'critical' });
    await alertsFinished(t);
    const offer = offerFor('Suspicious logins on admin') as FakeMessage;
    const before = t.slack.views(alice).at(-1)?.id;
    await t.driver.blockAction({ user: alice, actionId: 'alert_declare', container: { type: 'message', channel: INCIDENTS, ts: offer.ts } });
    const form = await topModal(t, alice, before);
    await t.driver.submitView({ user: alice, viewId: form.id, fields: { private: ['private'] } });
    await requestsFinished(t);
    const updated = visibleText(t.slack.message(INCIDENTS, offer.ts) as FakeMessage);
    expect(updated).toContain('Declared as a private incident.');
    expect(updated).not.toMatch(/<#C/);
  });

  it('refuses wrong credentials without detail, oversized bodies and malformed payloads naming what is wrong', async () => {
    const payload = alertmanagerPayload({ alerts: [{ name: 'X', startsAt: new Date() }] });
    const wrong = await postAlert(t, 'alertmanager', payload, { token: 'not-the-token-at-all' });
    expect(wrong).toEqual({ status: 401, body: {} });
    expect((await postAlert(t, 'generic', payload, { token: null })).status).toBe(401);
    expect((await postAlert(t, 'pagerduty', {}, { headers: { 'x-pagerduty-signature': `v1=${'0'.repeat(64)}` } })).status).toBe(401);
    const huge = await postAlert(t, 'generic', undefined, { raw: JSON.stringify({ status: 'firing', title: 'x', deduplication_key: 'big', description: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    const notJson = await postAlert(t, 'generic', undefined, { raw: '{"status": "firing",' });
    expect(notJson).toEqual({ status: 400, body: { error: 'body: expected JSON' } });
    const badTime = await postAlert(t, 'alertmanager', { ...payload, alerts: [{ ...(payload.alerts as object[])[0], startsAt: 'yesterday' }] });
    expect(badTime.status).toBe(400);
    expect(String(badTime.body.error)).toContain('alerts[0].startsAt');
    const missingKey = await postAlert(t, 'generic', { status: 'firing', title: 'No key' });
    expect(missingKey.status).toBe(400);
    expect(String(missingKey.body.error)).toContain('deduplication_key');
    // Nothing refused was stored, and the token never reached the logs.
    const stored = await t.bot.database.db.selectFrom('alert_notifications').select('id').where('source', '=', 'generic').execute();
    expect(stored.every((row) => !row.id.includes('big'))).toBe(true);
    expect(JSON.stringify(t.logs)).not.toContain(ALERTS_ENV.ALERT_WEBHOOK_TOKEN);
  });
});

describe('a source that sends the same JSON every time', () => {
  it('is a retry within minutes, and news again after that', async () => {
    let offsetMs = 0;
    const t = await startTestBot({ env: ALERTS_ENV, clock: { now: () => new Date(Date.now() + offsetMs) } });
    try {
      t.slack.addChannel({ id: INCIDENTS, name: 'incidents', members: [] });
      const firing = { status: 'firing', title: 'Nightly backup failed', deduplication_key: 'backup-nightly', severity: 'error' };
      const resolved = { ...firing, status: 'resolved' };
      const offers = () => t.slack.botMessages(INCIDENTS).filter((m) => buttonsOf(m).some((b) => b.text === 'Declare incident'));
      expect((await postAlert(t, 'generic', firing)).status).toBe(202);
      expect((await postAlert(t, 'generic', firing)).status).toBe(200);
      await alertsFinished(t);
      await postAlert(t, 'generic', resolved);
      await alertsFinished(t);

      // The next night: the same bytes as the first night's firing.
      offsetMs += 24 * 3_600_000;
      expect((await postAlert(t, 'generic', firing)).status).toBe(202);
      await alertsFinished(t);
      expect(offers()).toHaveLength(2);
    } finally {
      await t.stop();
    }
  });
});

describe('alert endpoints without ALERT_WEBHOOK_TOKEN', () => {
  it('are off', async () => {
    const t = await startTestBot();
    try {
      const response = await postAlert(t, 'alertmanager', {});
      expect(response.status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
