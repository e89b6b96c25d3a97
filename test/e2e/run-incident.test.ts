import type { Selectable } from 'kysely';
import type { IncidentsTable } from '../../src/incidents/incidents.table';
import type { FakeChannel } from '../../tools/fake-slack';
import { commandOpeningModal, declareThroughSlack, topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

describe('running an incident from its channel', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  let carol: string;
  let ops: string;
  let announcements: string;
  let channel: FakeChannel;
  let incident: Selectable<IncidentsTable>;

  const card = () => t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts);
  const announcement = () => t.slack.botMessages(announcements)[0];
  const row = () => t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', incident.id).executeTakeFirstOrThrow();
  const entries = () =>
    t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incident.id).orderBy('created_at').execute();
  const lastNotice = () => t.slack.botMessages(channel.id).at(-1)?.text ?? '';
  const run = (user: string, text: string) => t.driver.command({ user, channel: channel.id, text });
  const privately = (user: string) => t.slack.ephemerals(user, channel.id).map((e) => e.text);
  const waitForNotice = (fragment: string) => waitFor(() => lastNotice().includes(fragment));

  beforeAll(async () => {
    t = await startTestBot({ env: { INCIDENTS_CHANNEL: 'C0ANNOUNCE' } });
    alice = t.slack.addUser({ name: 'alice' }).id;
    bob = t.slack.addUser({ name: 'bob' }).id;
    carol = t.slack.addUser({ name: 'carol' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob, carol] }).id;
    announcements = t.slack.addChannel({ id: 'C0ANNOUNCE', name: 'incidents', members: [t.slack.bot.userId] }).id;
    const declared = await declareThroughSlack(t, alice, ops, { title: 'API latency', severity: 'SEV2', responders: [bob] });
    channel = declared.channel;
    incident = declared.row;
  });
  afterAll(() => t.stop());

  it('changes severity by command: card, topic and announcement updated in place, a notice, a timeline entry', async () => {
    const cardTs = card()!.ts;
    await run(bob, 'severity sev1');
    await waitForNotice('changed the severity from *SEV2* to *SEV1*');
    expect(lastNotice()).toContain(`<@${bob}>`);
    expect(card()!.ts).toBe(cardTs);
    expect(visibleText(card())).toContain('SEV1: API latency');
    expect(t.slack.channel(channel.id)!.topic.value).toBe('SEV1 · Investigating · API latency');
    expect(visibleText(announcement())).toContain('SEV1');
    expect(t.slack.botMessages(announcements)).toHaveLength(1);
    expect((await entries()).at(-1)).toMatchObject({ change: 'severity', old_value: 'SEV2', new_value: 'SEV1', actor_id: bob });
  });

  it('explains a severity it does not know, and says when nothing changes', async () => {
    await run(bob, 'severity SEV9');
    await waitFor(() => privately(bob).some((text) => text.includes('"SEV9" is not a severity')));
    await run(bob, 'severity 1');
    await waitFor(() => privately(bob).some((text) => text.includes('already SEV1')));
  });

  it('opens a picker when the severity is missing, and applies what is picked', async () => {
    const modal = await commandOpeningModal(t, alice, channel.id, 'severity');
    expect(modal.callback_id).toBe('change_severity');
    await t.driver.submitView({ user: alice, viewId: modal.id, fields: { severity: 'SEV3' } });
    await waitForNotice('from *SEV1* to *SEV3*');
    expect((await row()).severity).toBe('SEV3');
  });

  it('moves through statuses; monitoring records when impact was mitigated', async () => {
    await run(alice, 'status identified');
    await waitForNotice('from *Investigating* to *Identified*');
    await run(alice, 'status monitoring');
    await waitForNotice('to *Monitoring*');
    const stored = await row();
    expect(stored.status).toBe('monitoring');
    expect(stored.mitigated_at).not.toBeNull();
    expect(t.slack.channel(channel.id)!.topic.value).toBe('SEV3 · Monitoring · API latency');

    await run(alice, 'status sideways');
    await waitFor(() => privately(alice).some((text) => text.includes('"sideways" is not a status')));
    const picker = await commandOpeningModal(t, alice, channel.id, 'status');
    expect(picker.callback_id).toBe('change_status');
    t.slack.closeView(alice, picker.id);
  });

  it('hands over command by mention, inviting the new commander', async () => {
    await run(alice, `commander <@${carol}|carol>`);
    await waitForNotice(`made <@${carol}> the incident commander`);
    expect(t.slack.channel(channel.id)!.members).toContain(carol);
    expect(visibleText(card())).toContain(`*Commander:* <@${carol}>`);
    expect((await row()).commander_id).toBe(carol);
    await run(alice, 'commander someone');
    await waitFor(() => privately(alice).some((text) => text.includes('Mention the new commander')));
  });

  it("works the same from the card's buttons", async () => {
    const assign = buttonsOf(card()).find((b) => b.text === 'Assign commander')!;
    await t.driver.blockAction({ user: bob, actionId: assign.actionId, container: { type: 'message', channel: channel.id, ts: card()!.ts } });
    const modal = await topModal(t, bob);
    expect(modal.callback_id).toBe('assign_commander');
    await t.driver.submitView({ user: bob, viewId: modal.id, fields: { commander: bob } });
    await waitForNotice(`made <@${bob}> the incident commander`);

    expect(visibleText(announcement())).toContain(`Commander <@${bob}>`);

    const severityButton = buttonsOf(card()).find((b) => b.text === 'Change severity')!;
    await t.driver.blockAction({ user: bob, actionId: severityButton.actionId, container: { type: 'message', channel: channel.id, ts: card()!.ts } });
    const severityModal = await topModal(t, bob, modal.id);
    expect(severityModal.callback_id).toBe('change_severity');
    await t.driver.submitView({ user: bob, viewId: severityModal.id, fields: { severity: 'SEV3' } });
    await waitFor(() => privately(bob).some((text) => text.includes('already SEV3')));

    const status = buttonsOf(card()).find((b) => b.text === 'Update status')!;
    await t.driver.blockAction({ user: bob, actionId: status.actionId, container: { type: 'message', channel: channel.id, ts: card()!.ts } });
    const statusModal = await topModal(t, bob, severityModal.id);
    await t.driver.submitView({ user: bob, viewId: statusModal.id, fields: { status: 'investigating' } });
    await waitForNotice('to *Investigating*');
  });

  it('resolves with a one-line note asked for in a form, and can be reopened', async () => {
    const resolveButton = buttonsOf(card()).find((b) => b.text === 'Resolve')!;
    await t.driver.blockAction({ user: bob, actionId: resolveButton.actionId, container: { type: 'message', channel: channel.id, ts: card()!.ts } });
    const modal = await topModal(t, bob, t.slack.views(bob).at(-1)?.id);
    expect(modal.callback_id).toBe('resolve_incident');
    const blank = await t.driver.submitView({ user: bob, viewId: modal.id, fields: { resolution_note: '  ' } });
    expect(blank.body).toEqual({ response_action: 'errors', errors: { resolution_note: expect.stringContaining('one line') } });

    await t.driver.submitView({ user: bob, viewId: modal.id, fields: { resolution_note: 'Rolled back <!channel> deploy 42' } });
    await waitForNotice('resolved the incident');
    expect(lastNotice()).toContain('Rolled back &lt;!channel&gt; deploy 42');
    const resolved = await row();
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolved_at).not.toBeNull();
    expect(resolved.resolution_note).toBe('Rolled back <!channel> deploy 42');
    expect(visibleText(card())).toContain('Resolved');
    expect(buttonsOf(card()).map((b) => b.text)).toEqual(['Write post-mortem', 'Reopen']);
    expect(visibleText(announcement())).toContain('Resolved');

    await run(alice, 'status identified');
    await waitFor(() => privately(alice).some((text) => text.includes('reopen it first')));

    const reopenButton = buttonsOf(card()).find((b) => b.text === 'Reopen')!;
    await t.driver.blockAction({ user: alice, actionId: reopenButton.actionId, container: { type: 'message', channel: channel.id, ts: card()!.ts } });
    await waitForNotice('reopened the incident');
    const reopened = await row();
    expect(reopened.status).toBe('investigating');
    expect(reopened.resolved_at).toBeNull();
    expect(reopened.resolution_note).toBeNull();
    expect(visibleText(card())).not.toContain('Resolution');
    expect(buttonsOf(card()).map((b) => b.text)).toContain('Resolve');
    await run(alice, 'reopen');
    await waitFor(() => privately(alice).some((text) => text.includes('nothing to reopen')));

    const commanderPicker = await commandOpeningModal(t, alice, channel.id, 'commander');
    expect(commanderPicker.callback_id).toBe('assign_commander');
    t.slack.closeView(alice, commanderPicker.id);
    const resolvePicker = await commandOpeningModal(t, alice, channel.id, 'resolve');
    expect(resolvePicker.callback_id).toBe('resolve_incident');
    t.slack.closeView(alice, resolvePicker.id);

    await run(alice, 'resolve Failover to region B');
    await waitForNotice('Failover to region B');
    expect((await row()).status).toBe('resolved');
  });

  it('records every change as a system timeline entry with actor, time, old and new', async () => {
    const all = await entries();
    expect(all.map((e) => e.change)).toEqual([
      'declared',
      'severity',
      'severity',
      'status',
      'status',
      'commander',
      'commander',
      'status',
      'resolved',
      'reopened',
      'resolved',
    ]);
    expect(all.filter((e) => e.change === 'severity').map((e) => [e.old_value, e.new_value])).toEqual([
      ['SEV2', 'SEV1'],
      ['SEV1', 'SEV3'],
    ]);
    for (const entry of all) {
      expect(entry.kind).toBe('system');
      expect(entry.actor_id).toMatch(/^U/);
      expect(entry.occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('explains where to run channel commands when run elsewhere', async () => {
    await t.driver.command({ user: alice, channel: ops, text: 'status identified' });
    const reply = t.slack.ephemerals(alice, ops).at(-1);
    expect(reply?.text).toContain('works inside an incident channel');
  });

  it('offers a Declare button in the help that opens the form', async () => {
    const help = await t.driver.command({ user: carol, channel: ops, text: '' });
    const declare = buttonsOf(help.body).find((b) => b.text === 'Declare an incident')!;
    const ephemeral = t.slack.ephemerals(carol, ops).at(-1)!;
    await t.driver.blockAction({ user: carol, actionId: declare.actionId, container: { type: 'ephemeral', channel: ops, ts: ephemeral.ts } });
    const modal = await topModal(t, carol);
    expect(modal.callback_id).toBe('declare_incident');
  });
});

describe('listing open incidents', () => {
  it('lists open incidents privately, hiding private ones from people not involved', async () => {
    const t = await startTestBot();
    try {
      const alice = t.slack.addUser({ name: 'alice' }).id;
      const bob = t.slack.addUser({ name: 'bob' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;
      const resolved = await declareThroughSlack(t, alice, ops, { title: 'API latency', severity: 'SEV2', responders: [bob] });
      await t.driver.command({ user: alice, channel: resolved.channel.id, text: 'resolve Rolled back deploy 42' });
      await waitFor(async () => {
        const row = await t.bot.database.db.selectFrom('incidents').select('status').where('id', '=', resolved.row.id).executeTakeFirstOrThrow();
        return row.status === 'resolved';
      });
      await declareThroughSlack(t, alice, ops, { title: 'Disk full on db-3', severity: 'SEV3' });
      await declareThroughSlack(t, bob, ops, { title: 'Secret incident', severity: 'SEV1', private: true });

      const forAlice = visibleText((await t.driver.command({ user: alice, channel: ops, text: 'list' })).body);
      expect(forAlice).toContain('Disk full on db-3');
      expect(forAlice).not.toContain('Secret incident');
      expect(forAlice).not.toContain('API latency');
      const forBob = visibleText((await t.driver.command({ user: bob, channel: ops, text: 'list' })).body);
      expect(forBob).toContain('Secret incident');
      expect(forBob).toContain('Disk full on db-3');
      expect(forBob).not.toContain('API latency');
      // Answered in the acknowledgement, to the person alone: nothing is posted in the channel.
      expect(t.slack.botMessages(ops).filter((m) => m.text.includes('Open incidents'))).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});

describe('a change Slack does not fully show', () => {
  it('is saved, the person is told what was not updated, and repeating the command repairs it', async () => {
    const t = await startTestBot();
    try {
      const alice = t.slack.addUser({ name: 'alice' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
      const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Flaky card', severity: 'SEV3' });
      const card = () => t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts);

      t.slack.injectFault('chat.update', { kind: 'http_error', status: 500 });
      await t.driver.command({ user: alice, channel: channel.id, text: 'severity SEV1' });
      await waitFor(() => t.slack.ephemerals(alice, channel.id).some((e) => e.text.includes('The change is saved, but Slack did not update the incident card')));
      const stored = await t.bot.database.db.selectFrom('incidents').select('severity').where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(stored.severity).toBe('SEV1');
      expect(t.slack.channel(channel.id)!.topic.value).toBe('SEV1 · Investigating · Flaky card');
      expect(t.slack.botMessages(channel.id).at(-1)?.text).toContain('to *SEV1*');
      expect(visibleText(card())).toContain('SEV3: Flaky card');

      await t.driver.command({ user: alice, channel: channel.id, text: 'severity SEV1' });
      await waitFor(() => visibleText(card()).includes('SEV1: Flaky card'));
      // The card is refreshed first; the reply follows.
      await waitFor(() => t.slack.ephemerals(alice, channel.id).at(-1)?.text.includes('already SEV1'));
    } finally {
      await t.stop();
    }
  });
});

describe('someone outside the incident channel', () => {
  it('cannot change the incident from its card, and is told why', async () => {
    const t = await startTestBot();
    try {
      const alice = t.slack.addUser({ name: 'alice' }).id;
      const mallory = t.slack.addUser({ name: 'mallory' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice, mallory] }).id;
      const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Public card', severity: 'SEV3' });
      const card = t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts)!;
      const severity = buttonsOf(card).find((b) => b.text === 'Change severity')!;
      // A public channel can be previewed without joining: its card's buttons are on screen.
      await t.driver.blockAction({ user: mallory, actionId: severity.actionId, container: { type: 'message', channel: channel.id, ts: card.ts } });
      await waitFor(() => t.slack.ephemerals(mallory, channel.id).some((m) => m.text.includes("Only members of the incident's channel can change it")));
      expect(t.slack.views(mallory)).toEqual([]);
      const stored = await t.bot.database.db.selectFrom('incidents').select('severity').where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(stored.severity).toBe('SEV3');
    } finally {
      await t.stop();
    }
  });
});
