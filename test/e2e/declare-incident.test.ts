import { RATE_LIMITED_RETRIES } from '../../src/slack/rate-limits/rate-limited-fetch';
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, submitDeclareForm } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';

const today = () => format(new Date(), 'yyyyMMdd', { in: tz('UTC') });

describe('declaring an incident', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  let carol: string;
  let ops: string;
  let incidents: string;

  beforeAll(async () => {
    t = await startTestBot({ env: { INCIDENTS_CHANNEL: 'C0INCIDENTS' } });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops', tz: 'Europe/Paris' }).id;
    bob = t.slack.addUser({ name: 'bob', tz: 'America/New_York' }).id;
    carol = t.slack.addUser({ name: 'carol' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob, carol] }).id;
    incidents = t.slack.addChannel({ id: 'C0INCIDENTS', name: 'incidents', members: [alice, bob, carol] }).id;
  });
  afterAll(() => t.stop());

  it('opens a form with the title from the command, severities with their meaning, and optional fields', async () => {
    const modal = await commandOpeningModal(t, alice, ops, 'declare Checkout returns 500s');
    expect(modal.title?.text).toBe('Declare an incident');
    const shown = visibleText(modal);
    expect(shown).toContain("What's happening");
    expect(shown).toContain('Responders');
    expect(shown).toContain('Private incident');
    expect(shown).toContain('Impact started at');
    for (const sev of ['SEV1', 'SEV2', 'SEV3', 'SEV4']) expect(shown).toContain(sev);
    expect(shown).toContain('Critical');
    expect(JSON.stringify(modal.blocks)).toContain('"initial_value":"Checkout returns 500s"');
    t.slack.closeView(alice, modal.id);
  });

  it('creates a staffed channel with topic, pinned card and announcement, and shows where to go', async () => {
    const before = Date.now();
    const { viewId, row, channel } = await declareThroughSlack(t, alice, ops, {
      title: 'Checkout returns 500s',
      severity: 'SEV2',
      description: 'Error rate at 30% since the 14:00 deploy',
      responders: [bob],
    });

    expect(channel.name).toBe(`inc-${today()}-checkout-returns-500s`);
    expect(channel.is_private).toBe(false);
    expect(channel.members).toEqual(expect.arrayContaining([alice, bob, t.slack.bot.userId]));
    expect(channel.members).not.toContain(carol);
    expect(channel.topic.value).toBe('SEV2 · Investigating · Checkout returns 500s');

    const [pin] = t.slack.pins(channel.id);
    const card = t.slack.message(channel.id, pin!.ts);
    const cardText = visibleText(card);
    expect(cardText).toContain('SEV2: Checkout returns 500s');
    expect(cardText).toContain('Investigating');
    expect(cardText).toContain(`*Commander:* <@${alice}>`);
    expect(cardText).toContain('Error rate at 30% since the 14:00 deploy');
    expect(cardText).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|/);
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['Update status', 'Change severity', 'Assign commander', 'Write post-mortem', 'Resolve']);

    const announcement = await waitFor(() => t.slack.botMessages(incidents)[0]);
    expect(visibleText(announcement)).toContain(`<#${channel.id}>`);
    expect(visibleText(announcement)).toContain('Checkout returns 500s');

    const result = await waitFor(() => {
      const view = t.slack.view(viewId);
      return visibleText(view).includes('is declared') ? view : undefined;
    });
    expect(visibleText(result)).toContain(`<#${channel.id}>`);

    expect(row.commander_id).toBe(alice);
    expect(row.severity).toBe('SEV2');
    expect(row.status).toBe('investigating');
    expect(new Date(row.declared_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.impact_started_at).toBe(row.declared_at);
    const entries = await t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', row.id).execute();
    expect(entries).toEqual([expect.objectContaining({ kind: 'system', change: 'declared', actor_id: alice, new_value: 'SEV2' })]);
  });

  it('declares from a bare `/incident declare` in a DM with the bot, with impact that started earlier', async () => {
    const dm = t.slack.openDm(carol);
    const impact = new Date(Date.now() - 2 * 60 * 60 * 1000);
    impact.setUTCSeconds(0, 0);
    const { viewId } = await submitDeclareForm(t, carol, dm, '', { title: 'Search is slow', severity: 'SEV3', impactStartedAt: impact });
    const row = await waitFor(() =>
      t.bot.database.db.selectFrom('incidents').selectAll().where('request_key', '=', viewId).where('setup_completed_at', 'is not', null).executeTakeFirst(),
    );
    const channel = t.slack.channel(row.channel_id!)!;
    expect(channel.name).toBe(`inc-${today()}-search-is-slow`);
    expect(channel.members).toContain(carol);
    expect(row.impact_started_at).toBe(impact.toISOString());
  });

  it('invites the declarer and all responders in one call', async () => {
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'One invite', responders: [bob, carol] });
    const invites = t.slack.callsTo('conversations.invite').filter((c) => c.args.channel === channel.id);
    expect(invites).toHaveLength(1);
    expect(String(invites[0]!.args.users).split(',').sort()).toEqual([alice, bob, carol].sort());
  });

  it('keeps what was typed in a title with &, < and >, and shows it literally', async () => {
    const { viewId } = await submitDeclareForm(t, alice, ops, 'R&D <b>builds</b> <!channel> down', { severity: 'SEV3' });
    const row = await waitFor(() =>
      t.bot.database.db.selectFrom('incidents').selectAll().where('request_key', '=', viewId).where('setup_completed_at', 'is not', null).executeTakeFirst(),
    );
    const channel = t.slack.channel(row.channel_id!)!;
    expect(row.title).toBe('R&D <b>builds</b> @channel down');
    const card = t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts);
    const mrkdwn = JSON.stringify(card!.blocks!.filter((b) => b.type !== 'header'));
    expect(mrkdwn).not.toMatch(/<b>|<!channel>/);
    expect(channel.name).toBe(`inc-${today()}-r-d-b-builds-b-channel-down`);
  });

  it('invites everyone it can when one responder cannot be invited', async () => {
    const gone = t.slack.addUser({ name: 'gone', deleted: true }).id;
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Cache stampede', responders: [gone, bob] });
    expect(channel.members).toEqual(expect.arrayContaining([alice, bob]));
    expect(channel.members).not.toContain(gone);
  });

  it('survives a renamed incident channel: commands still find the incident', async () => {
    const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Renamed later' });
    t.slack.channel(channel.id)!.name = 'inc-renamed-by-someone';
    await t.driver.command({ user: alice, channel: channel.id, text: 'severity SEV1' });
    await waitFor(async () => {
      const stored = await t.bot.database.db.selectFrom('incidents').select('severity').where('id', '=', row.id).executeTakeFirstOrThrow();
      return stored.severity === 'SEV1';
    });
  });

  it('keeps private incidents private: a private channel, never announced', async () => {
    const announcedBefore = t.slack.botMessages(incidents).length;
    const { channel } = await declareThroughSlack(t, bob, ops, { title: 'Leaked credentials', severity: 'SEV1', private: true });
    expect(channel.is_private).toBe(true);
    expect(t.slack.botMessages(incidents)).toHaveLength(announcedBefore);
    expect(t.slack.messages(ops).filter((m) => m.text.includes('Leaked'))).toEqual([]);
  });

  it('turns an emoji-only title into a valid channel name and numbers collisions', async () => {
    const first = await declareThroughSlack(t, alice, ops, { title: '🔥🔥🔥' });
    expect(first.channel.name).toBe(`inc-${today()}-incident`);
    const second = await declareThroughSlack(t, alice, ops, { title: '🚨' });
    expect(second.channel.name).toBe(`inc-${today()}-incident-2`);
    t.slack.addChannel({ name: `inc-${today()}-cafe-creme-outage` });
    const third = await declareThroughSlack(t, alice, ops, { title: 'Café Crème outage' });
    expect(third.channel.name).toBe(`inc-${today()}-cafe-creme-outage-2`);
  });

  it('shortens a 200-character title from the command and says so, keeping the channel name within 80', async () => {
    const long = `Database ${'x'.repeat(191)}`;
    const modal = await commandOpeningModal(t, alice, ops, `declare ${long}`);
    expect(visibleText(modal)).toContain('yours had 200, so it was shortened');
    await t.driver.submitView({ user: alice, viewId: modal.id, fields: { severity: 'SEV4' } });
    const row = await waitFor(() =>
      t.bot.database.db.selectFrom('incidents').selectAll().where('request_key', '=', modal.id).where('setup_completed_at', 'is not', null).executeTakeFirst(),
    );
    expect(row.title).toHaveLength(150);
    expect(row.channel_name!.length).toBeLessThanOrEqual(80);
    expect(row.channel_name).toMatch(new RegExp(`^inc-${today()}-database-x+$`));
  });

  it('puts field errors on the form for a blank title', async () => {
    const { response, viewId } = await submitDeclareForm(t, alice, ops, '', { title: '   ', severity: 'SEV3' });
    expect(response.body).toEqual({ response_action: 'errors', errors: { title: expect.stringContaining('short title') } });
    expect(t.slack.viewErrors(viewId)).toEqual({ title: expect.any(String) });
    t.slack.closeView(alice, viewId);
  });

  it('refuses impact that starts in the future, on the right field', async () => {
    const later = new Date(Date.now() + 3 * 60 * 60 * 1000);
    const { response, viewId } = await submitDeclareForm(t, alice, ops, 'Future', { severity: 'SEV3', impactStartedAt: later });
    expect(response.body.errors).toEqual({ impact_started_at: expect.stringContaining('future') });
    t.slack.closeView(alice, viewId);
  });

  it('creates one incident when the same submission arrives twice', async () => {
    const { response, viewId } = await submitDeclareForm(t, alice, ops, 'Double click', { severity: 'SEV3' });
    const again = await t.driver.signedPost(
      `payload=${encodeURIComponent(JSON.stringify(response.payload))}`,
      'application/x-www-form-urlencoded',
    );
    expect(again.status).toBe(200);
    await waitFor(() =>
      t.bot.database.db.selectFrom('incidents').select('id').where('request_key', '=', viewId).where('setup_completed_at', 'is not', null).executeTakeFirst(),
    );
    await requestsFinished(t);
    const rows = await t.bot.database.db.selectFrom('incidents').select('id').where('title', '=', 'Double click').execute();
    expect(rows).toHaveLength(1);
    expect(t.slack.channels().filter((c) => c.name.includes('double-click'))).toHaveLength(1);
  });
});

describe('declaring when Slack refuses', () => {
  let t: TestBot;
  let alice: string;
  let ops: string;
  let announcements: string;

  beforeEach(async () => {
    t = await startTestBot({ env: { INCIDENTS_CHANNEL: 'C0INCIDENTS' } });
    alice = t.slack.addUser({ name: 'alice' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    announcements = t.slack.addChannel({ id: 'C0INCIDENTS', name: 'incidents', members: [alice, t.slack.bot.userId] }).id;
  });
  afterEach(() => t.stop());

  it('says plainly that channel creation was refused, keeps the answers, and creates nothing', async () => {
    t.slack.injectFault('conversations.create', { kind: 'error', error: 'restricted_action' });
    const { viewId } = await submitDeclareForm(t, alice, ops, 'Payments down', { severity: 'SEV1', description: 'Card auths failing' });
    const form = await waitFor(() => {
      const view = t.slack.view(viewId);
      return visibleText(view).includes('was not declared') ? view : undefined;
    });
    expect(visibleText(form)).toContain('does not let this app do that');
    expect(JSON.stringify(form.blocks)).toContain('"initial_value":"Card auths failing"');
    expect(await t.bot.database.db.selectFrom('incidents').selectAll().execute()).toEqual([]);
    expect(t.slack.channels().filter((c) => c.name.startsWith('inc-'))).toEqual([]);

    // Submitting the same form again, now that Slack allows it, declares the incident.
    await t.driver.submitView({ user: alice, viewId, fields: {} });
    const channel = await waitFor(() => t.slack.channels().find((c) => c.name.endsWith('payments-down') && t.slack.pins(c.id).length));
    expect(channel.members).toContain(alice);
  });

  it('waits out a 429 from Slack and declares, nobody seeing it', async () => {
    t.slack.injectFault('conversations.create', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const { viewId } = await submitDeclareForm(t, alice, ops, 'Slow down', { severity: 'SEV2' });
    await waitFor(() => visibleText(t.slack.view(viewId)).includes('is declared'), { timeoutMs: 8000 });
    const creates = t.slack.callsTo('conversations.create').filter((c) => String(c.args.name).endsWith('slow-down'));
    expect(creates.map((c) => c.status)).toEqual([429, 200]);
    expect(t.slack.channels().filter((c) => c.name.endsWith('slow-down'))).toHaveLength(1);
  });

  it('says so when Slack keeps rate-limiting channel creation, keeping the answers', async () => {
    t.slack.injectFault('conversations.create', { kind: 'rate_limited', retryAfterSeconds: 0 }, { times: RATE_LIMITED_RETRIES + 1 });
    const { viewId } = await submitDeclareForm(t, alice, ops, 'Login loop', { severity: 'SEV2' });
    const form = await waitFor(() => {
      const view = t.slack.view(viewId);
      return visibleText(view).includes('was not declared') ? view : undefined;
    });
    expect(visibleText(form)).toContain('rate-limiting');
    expect(JSON.stringify(form.blocks)).toContain('"initial_value":"Login loop"');
  });

  it('explains when every channel name is taken', async () => {
    const day = format(new Date(), 'yyyyMMdd', { in: tz('UTC') });
    t.slack.addChannel({ name: `inc-${day}-dns` });
    for (let n = 2; n <= 20; n += 1) t.slack.addChannel({ name: `inc-${day}-dns-${n}` });
    const { viewId } = await submitDeclareForm(t, alice, ops, 'DNS', { severity: 'SEV2' });
    const form = await waitFor(() => {
      const view = t.slack.view(viewId);
      return visibleText(view).includes('was not declared') ? view : undefined;
    });
    expect(visibleText(form)).toContain('is taken. Try a more specific title');
  });

  it('after a refusal part-way, offers to finish set-up and finishes it without a second channel', async () => {
    t.slack.injectFault('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 0 }, { times: RATE_LIMITED_RETRIES + 1 });
    const { viewId } = await submitDeclareForm(t, alice, ops, 'Queue backlog', { severity: 'SEV3' });
    const stopped = await waitFor(() => {
      const view = t.slack.view(viewId);
      return buttonsOf(view).length ? view : undefined;
    });
    expect(visibleText(stopped)).toContain('rate-limiting');
    const [finish] = buttonsOf(stopped);
    expect(finish?.text).toBe('Finish setting up');

    await t.driver.blockAction({ user: alice, actionId: finish!.actionId, container: { type: 'view', viewId } });
    await waitFor(() => visibleText(t.slack.view(viewId)).includes('is declared'));
    const channels = t.slack.channels().filter((c) => c.name.endsWith('queue-backlog'));
    expect(channels).toHaveLength(1);
    expect(t.slack.pins(channels[0]!.id)).toHaveLength(1);
    expect(t.slack.botMessages(channels[0]!.id).filter((m) => m.text.includes('Queue backlog'))).toHaveLength(1);
  });

  it('when Slack posted the card or the announcement but its answer was lost, finishing finds them instead of posting twice', async () => {
    for (const [title, nth] of [['Card answer lost', 0], ['Announcement answer lost', 1]] as const) {
      // Faults are taken in order: a zero delay lets the card through when the announcement is the one to lose.
      for (let i = 0; i < nth; i += 1) t.slack.injectFault('chat.postMessage', { kind: 'slow', delayMs: 0 });
      t.slack.injectFault('chat.postMessage', { kind: 'answer_lost', status: 504 });
      const { viewId } = await submitDeclareForm(t, alice, ops, title, { severity: 'SEV2' });
      const stopped = await waitFor(() => (buttonsOf(t.slack.view(viewId)).length ? t.slack.view(viewId) : undefined));
      await t.driver.blockAction({ user: alice, actionId: buttonsOf(stopped)[0]!.actionId, container: { type: 'view', viewId } });
      await waitFor(() => visibleText(t.slack.view(viewId)).includes('is declared'));
      const channel = t.slack.channels().find((c) => c.name.endsWith(title.toLowerCase().replaceAll(' ', '-')))!;
      expect(t.slack.botMessages(channel.id).filter((m) => m.text.includes(title))).toHaveLength(1);
      expect(t.slack.pins(channel.id)).toHaveLength(1);
      expect(t.slack.botMessages(announcements).filter((m) => m.text.includes(title))).toHaveLength(1);
      const row = await t.bot.database.db.selectFrom('incidents').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
      expect(row.card_ts).toBe(t.slack.pins(channel.id)[0]?.ts);
      expect(row.announcement_ts).toBe(t.slack.botMessages(announcements).find((m) => m.text.includes(title))?.ts);
    }
  });

  it('a double click on "Finish setting up" finishes once', async () => {
    t.slack.injectFault('pins.add', { kind: 'error', error: 'restricted_action' });
    const { viewId } = await submitDeclareForm(t, alice, ops, 'Pin refused', { severity: 'SEV3' });
    const stopped = await waitFor(() => (buttonsOf(t.slack.view(viewId)).length ? t.slack.view(viewId) : undefined));
    const [finish] = buttonsOf(stopped);
    t.slack.injectFault('pins.add', { kind: 'slow', delayMs: 300 });
    const click = () => t.driver.blockAction({ user: alice, actionId: finish!.actionId, container: { type: 'view', viewId } });
    await Promise.all([click(), click()]);
    await waitFor(() => visibleText(t.slack.view(viewId)).includes('is declared'));
    const channel = t.slack.channels().find((c) => c.name.endsWith('pin-refused'))!;
    expect(t.slack.pins(channel.id)).toHaveLength(1);
    expect(t.slack.callsTo('pins.add').filter((c) => c.ok)).toHaveLength(1);
  });

  it('two deliveries of the same submission at the same moment create one incident', async () => {
    const modal = await commandOpeningModal(t, alice, ops, 'declare Simultaneous');
    const first = t.driver.submitView({ user: alice, viewId: modal.id, fields: { severity: 'SEV3' } });
    const { payload } = await first;
    await Promise.all([
      t.driver.signedPost(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded'),
      t.driver.signedPost(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded'),
    ]);
    await waitFor(() => visibleText(t.slack.view(modal.id)).includes('is declared'));
    await requestsFinished(t);
    expect(t.slack.channels().filter((c) => c.name.endsWith('simultaneous'))).toHaveLength(1);
    expect(await t.bot.database.db.selectFrom('incidents').select('id').execute()).toHaveLength(1);
  });
});

describe('a declaration interrupted part-way', () => {
  it('is finished by the bot itself once nobody is working on it', async () => {
    let offsetMs = 0;
    const t = await startTestBot({ clock: { now: () => new Date(Date.now() + offsetMs) }, jobs: { resumeSetupsEveryMs: 50 } });
    try {
      const alice = t.slack.addUser({ name: 'alice' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
      t.slack.injectFault('chat.postMessage', { kind: 'http_error', status: 503 });
      await submitDeclareForm(t, alice, ops, 'Half made', { severity: 'SEV2' });
      const channel = await waitFor(() => t.slack.channels().find((c) => c.name.endsWith('half-made')));
      await waitFor(() => t.slack.callsTo('chat.postMessage').length > 0);
      // The declaration has given up for now, and the background job leaves it to its owner's lease.
      await requestsFinished(t);
      await jobRan(t, 'resume-setups');
      expect(t.slack.pins(channel.id)).toEqual([]);
      expect(await t.bot.database.db.selectFrom('incidents').select('setup_completed_at').executeTakeFirstOrThrow()).toEqual({ setup_completed_at: null });

      offsetMs = 2 * 60 * 1000;
      await waitFor(() => t.slack.pins(channel.id).length === 1);
      // The card is pinned a step before set-up is recorded as complete: wait for the record.
      const row = await waitFor(async () => {
        const stored = await t.bot.database.db.selectFrom('incidents').selectAll().executeTakeFirstOrThrow();
        return stored.setup_completed_at ? stored : undefined;
      });
      expect(t.slack.pins(channel.id)).toHaveLength(1);
      expect(t.slack.channels().filter((c) => c.name.includes('half-made'))).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });
});
