import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { IncidentsTable } from '../../src/incidents/incidents.table';
import type { TimelineEntriesTable } from '../../src/timeline/timeline.table';
import type { FakeChannel } from '../../tools/fake-slack';
import { requestsFinished, skippedRedelivery } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, submitAs, topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';
import { webClientFor } from '../../tools/harness/web-client';

const tsToIso = (ts: string) => {
  const [s, f = ''] = ts.split('.');
  return new Date(Number(s) * 1000 + Number(f.padEnd(3, '0').slice(0, 3))).toISOString();
};

describe('the incident timeline', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  let carol: string;
  let ops: string;
  let channel: FakeChannel;
  let incident: Selectable<IncidentsTable>;

  const entries = (): Promise<Array<Selectable<TimelineEntriesTable>>> =>
    t.bot.database.db.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incident.id).orderBy('occurred_at').execute();
  /** Entries on the timeline (a person may have removed some; those are kept but not shown). */
  const messageEntries = async (ts?: string) =>
    (await entries()).filter((e) => e.kind === 'message' && !e.dismissed_at && (ts === undefined || e.source_ts === ts));
  const acknowledged = (channelId: string, ts: string) =>
    t.slack.reactionsOn(channelId, ts).some((r) => r.name === 'memo' && r.users.includes(t.slack.bot.userId));
  /** The Web API calls made since `from` (an index into the fake's log), by method. */
  const callsSince = (from: number) => t.slack.calls.slice(from).map((c) => c.method);
  /** What Slack answers when asked for the message's permalink (asked by the test, not the bot). */
  const slackPermalink = async (channelId: string, ts: string) =>
    (await webClientFor(t.slack).chat.getPermalink({ channel: channelId, message_ts: ts })).permalink;
  const READS = ['conversations.history', 'conversations.replies', 'reactions.get'];

  beforeAll(async () => {
    // The background retry of failed events waits an hour here: a test of Slack's redelivery must not race it on a busy machine.
    t = await startTestBot({ jobs: { replayInboxEveryMs: 3_600_000 } });
    alice = t.slack.addUser({ name: 'alice', tz: 'Europe/Paris' }).id;
    bob = t.slack.addUser({ name: 'bob', tz: 'America/New_York' }).id;
    carol = t.slack.addUser({ name: 'carol', tz: 'America/Los_Angeles' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob, carol, t.slack.bot.userId] }).id;
    // Impact started before the milestones the tests mark, which must stay in order.
    const impactStartedAt = new Date('2026-07-04T07:00:00Z');
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Checkout errors', responders: [bob, carol], impactStartedAt });
    channel = declared.channel;
    incident = declared.row;
  });
  afterAll(() => t.stop());

  describe('capturing by reaction', () => {
    it("adds a message at its own time, with author, text, files and permalink, and says so with the bot's reaction", async () => {
      const message = t.slack.post(bob, channel.id, `DB CPU at 100% &lt;see graph&gt; cc <@${alice}>`, {
        files: [{ name: 'cpu.png', content: 'png' }],
      });
      const from = t.slack.calls.length;
      await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
      const [entry] = await waitFor(async () => ((await messageEntries(message.ts)).length ? messageEntries(message.ts) : undefined));
      expect(entry).toMatchObject({
        kind: 'message',
        occurred_at: tsToIso(message.ts),
        author_id: bob,
        actor_id: alice,
        text: `DB CPU at 100% &lt;see graph&gt; cc <@${alice}>`,
        files_note: '1 file: cpu.png',
      });
      await waitFor(() => acknowledged(channel.id, message.ts));
      // One read of the channel's history, the reaction, and nothing else: the permalink is built as Slack builds it.
      expect(callsSince(from)).toEqual(['conversations.history', 'reactions.add']);
      expect(t.slack.callsTo('conversations.history').at(-1)!.args).toMatchObject({ channel: channel.id, oldest: message.ts, latest: message.ts });
      expect(entry!.permalink).toBe(await slackPermalink(channel.id, message.ts));
    });

    it('works on a thread reply', async () => {
      const parent = t.slack.post(bob, channel.id, 'Rolling back');
      const reply = t.slack.post(carol, channel.id, 'Rollback finished at 14:05', { threadTs: parent.ts });
      await t.driver.reactionAdded(bob, channel.id, reply.ts, 'pushpin');
      const [entry] = await waitFor(async () => ((await messageEntries(reply.ts)).length ? messageEntries(reply.ts) : undefined));
      expect(entry).toMatchObject({ author_id: carol, text: 'Rollback finished at 14:05', occurred_at: tsToIso(reply.ts) });
      expect(entry!.permalink).toBe(await slackPermalink(channel.id, reply.ts));
      await waitFor(() => acknowledged(channel.id, reply.ts));
    });

    it('reads a reply it saw posted together with its thread', async () => {
      const parent = t.slack.post(bob, channel.id, 'Cache warm-up');
      const reply = t.slack.post(carol, channel.id, 'Hit rate back to 95%', { threadTs: parent.ts });
      await t.driver.messagePosted(reply);
      await requestsFinished(t);
      const from = t.slack.calls.length;
      await t.driver.reactionAdded(bob, channel.id, reply.ts, 'pushpin');
      const [entry] = await waitFor(async () => ((await messageEntries(reply.ts)).length ? messageEntries(reply.ts) : undefined));
      expect(entry).toMatchObject({ author_id: carol, actor_id: bob, text: 'Hit rate back to 95%' });
      expect(entry!.permalink).toBe(await slackPermalink(channel.id, reply.ts));
      await waitFor(() => acknowledged(channel.id, reply.ts));
      expect(callsSince(from).filter((m) => READS.includes(m))).toEqual(['conversations.replies']);
      expect(t.slack.callsTo('conversations.replies').at(-1)!.args).toMatchObject({ channel: channel.id, ts: parent.ts, oldest: reply.ts, latest: reply.ts });
    });

    it('keeps one entry for a second reactor and for a redelivered event', async () => {
      const message = t.slack.post(carol, channel.id, 'Error rate back under 1%');
      const first = await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
      await waitFor(async () => (await messageEntries(message.ts)).length === 1);
      await t.driver.reactionAdded(bob, channel.id, message.ts, 'pushpin');
      await t.driver.event(first.envelope.event as Record<string, unknown>, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
      expect(skippedRedelivery(t, first.eventId)).toBe(true);
      await requestsFinished(t);
      expect(await messageEntries(message.ts)).toHaveLength(1);
      expect(t.slack.callsTo('reactions.add').filter((c) => c.args.timestamp === message.ts)).toHaveLength(1);
    });

    it('removes the entry only when the last person takes the reaction off', async () => {
      const message = t.slack.post(bob, channel.id, 'Paged the database team');
      await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
      await t.driver.reactionAdded(carol, channel.id, message.ts, 'pushpin');
      await waitFor(async () => (await messageEntries(message.ts)).length === 1);

      await t.driver.reactionRemoved(alice, channel.id, message.ts, 'pushpin');
      await requestsFinished(t);
      expect(await messageEntries(message.ts)).toHaveLength(1);
      expect(acknowledged(channel.id, message.ts)).toBe(true);

      await t.driver.reactionRemoved(carol, channel.id, message.ts, 'pushpin');
      await waitFor(async () => (await messageEntries(message.ts)).length === 0);
      await waitFor(() => !acknowledged(channel.id, message.ts));
    });

    it('ends up right whatever order the add and remove events arrive in', async () => {
      const message = t.slack.post(bob, channel.id, 'Maybe relevant');
      t.slack.addReaction(carol, channel.id, message.ts, 'pushpin');
      t.slack.removeReaction(carol, channel.id, message.ts, 'pushpin');
      const event = (type: string) => ({
        type,
        user: carol,
        reaction: 'pushpin',
        item: { type: 'message', channel: channel.id, ts: message.ts },
        item_user: bob,
        event_ts: t.slack.nextTs(),
      });
      await t.driver.event(event('reaction_removed'));
      await t.driver.event(event('reaction_added'));
      await requestsFinished(t);
      expect(await messageEntries(message.ts)).toHaveLength(0);
      expect(acknowledged(channel.id, message.ts)).toBe(false);
    });

    it('follows edits and deletions of the message', async () => {
      const message = t.slack.post(bob, channel.id, 'Deploy 41 is the cause');
      await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
      await waitFor(async () => (await messageEntries(message.ts)).length === 1);

      await t.driver.messageChanged(channel.id, message.ts, 'Deploy 42 is the cause');
      await waitFor(async () => (await messageEntries(message.ts))[0]?.text === 'Deploy 42 is the cause');

      await t.driver.messageDeleted(channel.id, message.ts);
      await waitFor(async () => (await messageEntries(message.ts)).length === 0);
    });

    it('ignores other emoji, channels that are not incidents, and the bot’s own messages', async () => {
      const from = t.slack.calls.length;
      const elsewhere = t.slack.post(bob, ops, 'Unrelated chatter');
      await t.driver.reactionAdded(alice, ops, elsewhere.ts, 'pushpin');
      const other = t.slack.post(bob, channel.id, 'Nice work');
      await t.driver.reactionAdded(alice, channel.id, other.ts, 'tada');
      const card = t.slack.pins(channel.id)[0]!;
      await t.driver.reactionAdded(alice, channel.id, card.ts, 'pushpin');
      await requestsFinished(t);
      expect(await messageEntries(other.ts)).toEqual([]);
      expect(await messageEntries(card.ts)).toEqual([]);
      const entriesElsewhere = await t.bot.database.db.selectFrom('timeline_entries').select('id').where('source_ts', '=', elsewhere.ts).execute();
      expect(entriesElsewhere).toEqual([]);
      // Not an incident's channel, not the timeline emoji, the bot's own card: none is worth reading.
      expect(callsSince(from).filter((m) => READS.includes(m))).toEqual([]);
      expect(acknowledged(channel.id, card.ts)).toBe(false);
    });
  });

  describe('keeping it true', () => {
    it('removes an entry when a thread parent with replies is deleted (Slack leaves a tombstone)', async () => {
      const parent = t.slack.post(bob, channel.id, 'Thread about the deploy');
      t.slack.post(carol, channel.id, 'a reply', { threadTs: parent.ts });
      await t.driver.reactionAdded(alice, channel.id, parent.ts, 'pushpin');
      await waitFor(async () => (await messageEntries(parent.ts)).length === 1);
      await t.driver.event({
        type: 'message',
        subtype: 'message_changed',
        hidden: true,
        channel: channel.id,
        message: { type: 'message', subtype: 'tombstone', text: 'This message was deleted.', ts: parent.ts, user: 'USLACKBOT' },
        previous_message: { type: 'message', text: 'Thread about the deploy', ts: parent.ts, user: bob },
        ts: t.slack.nextTs(),
        event_ts: t.slack.nextTs(),
        channel_type: 'channel',
      });
      await waitFor(async () => (await messageEntries(parent.ts)).length === 0);
    });

    it('gets another try when handling an event failed, on Slack’s redelivery', async () => {
      const message = t.slack.post(bob, channel.id, 'Failover started');
      t.slack.injectFault('conversations.history', { kind: 'http_error', status: 500 });
      const first = await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
      await requestsFinished(t);
      expect(await messageEntries(message.ts)).toEqual([]);
      expect(acknowledged(channel.id, message.ts)).toBe(false);
      await t.driver.event(first.envelope.event as Record<string, unknown>, { eventId: first.eventId, retryNum: 1, retryReason: 'http_error' });
      await waitFor(async () => (await messageEntries(message.ts)).length === 1);
    });

    it('keeps what a person decided: a shortcut capture, a removal and a correction survive later reactions and edits', async () => {
      const viaShortcut = t.slack.post(bob, channel.id, 'Status page updated');
      await t.driver.messageShortcut({ user: bob, channel: channel.id, messageTs: viaShortcut.ts, callbackId: 'add_to_timeline' });
      await waitFor(async () => (await messageEntries(viaShortcut.ts)).length === 1);
      await t.driver.reactionAdded(carol, channel.id, viaShortcut.ts, 'pushpin');
      await t.driver.reactionRemoved(carol, channel.id, viaShortcut.ts, 'pushpin');
      await requestsFinished(t);
      expect(await messageEntries(viaShortcut.ts)).toHaveLength(1);

      const removed = t.slack.post(bob, channel.id, 'Noise');
      await t.driver.reactionAdded(alice, channel.id, removed.ts, 'pushpin');
      const [noise] = await waitFor(async () => ((await messageEntries(removed.ts)).length ? messageEntries(removed.ts) : undefined));
      const timeline = await commandOpeningModal(t, alice, channel.id, 'timeline');
      await t.driver.blockAction({
        user: alice,
        actionId: 'timeline_entry_menu',
        blockId: `entry:${noise!.id}`,
        selectedOption: `delete:${noise!.id}`,
        container: { type: 'view', viewId: timeline.id },
      });
      const confirm = await topModal(t, alice, timeline.id);
      await t.driver.submitView({ user: alice, viewId: confirm.id });
      await waitFor(async () => (await messageEntries(removed.ts)).length === 0);
      t.slack.closeView(alice, timeline.id);
      await t.driver.reactionAdded(bob, channel.id, removed.ts, 'pushpin');
      await requestsFinished(t);
      expect(await messageEntries(removed.ts)).toEqual([]);

      const corrected = t.slack.post(bob, channel.id, 'DB at 90%');
      await t.driver.reactionAdded(alice, channel.id, corrected.ts, 'pushpin');
      const [entry] = await waitFor(async () => ((await messageEntries(corrected.ts)).length ? messageEntries(corrected.ts) : undefined));
      const view = await commandOpeningModal(t, alice, channel.id, 'timeline');
      await t.driver.blockAction({
        user: alice,
        actionId: 'timeline_entry_menu',
        blockId: `entry:${entry!.id}`,
        selectedOption: `edit:${entry!.id}`,
        container: { type: 'view', viewId: view.id },
      });
      const form = await topModal(t, alice, view.id);
      await t.driver.submitView({ user: alice, viewId: form.id, fields: { entry_text: 'DB CPU at 90% <b> on db-3 <@' + bob + '>' } });
      await waitFor(async () => (await messageEntries(corrected.ts))[0]?.edited_by === alice);
      t.slack.closeView(alice, view.id);
      const [stored] = await messageEntries(corrected.ts);
      expect(stored!.text).toBe(`DB CPU at 90% &lt;b&gt; on db-3 <@${bob}>`);
      expect(stored!.occurred_at).toBe(tsToIso(corrected.ts));
      await t.driver.messageChanged(channel.id, corrected.ts, 'DB at 91%');
      await t.driver.reactionAdded(carol, channel.id, corrected.ts, 'pushpin');
      await requestsFinished(t);
      expect((await messageEntries(corrected.ts))[0]!.text).toBe(`DB CPU at 90% &lt;b&gt; on db-3 <@${bob}>`);
    });
  });

  describe('capturing with the message shortcut', () => {
    it('adds directly from the incident channel', async () => {
      const message = t.slack.post(carol, channel.id, 'Customer support reports failed payments');
      await t.driver.messageShortcut({ user: carol, channel: channel.id, messageTs: message.ts, callbackId: 'add_to_timeline' });
      await waitFor(async () => (await messageEntries(message.ts)).length === 1);
      expect((await messageEntries(message.ts))[0]).toMatchObject({ occurred_at: tsToIso(message.ts), author_id: carol, actor_id: carol });
      await waitFor(() => t.slack.ephemerals(carol, channel.id).some((e) => e.text.includes('Added to the incident timeline')));
    });

    it('asks which open incident when used elsewhere, keeping the message’s own time', async () => {
      const message = t.slack.post(bob, ops, 'Heads up: card processor status page shows an outage');
      await t.driver.messageShortcut({ user: bob, channel: ops, messageTs: message.ts, callbackId: 'add_to_timeline' });
      const modal = await topModal(t, bob);
      expect(modal.callback_id).toBe('timeline_pick_incident');
      expect(visibleText(modal)).toContain('Checkout errors');
      await t.driver.submitView({ user: bob, viewId: modal.id, fields: { incident: incident.id } });
      const [entry] = await waitFor(async () => ((await messageEntries(message.ts)).length ? messageEntries(message.ts) : undefined));
      expect(entry).toMatchObject({ source_channel_id: ops, occurred_at: tsToIso(message.ts), author_id: bob, text: message.text });
      expect(visibleText(t.slack.view(modal.id))).toContain('Added to the timeline');
    });
  });

  describe('refusals', () => {
    it('does not add a bot message through the shortcut', async () => {
      const card = t.slack.pins(channel.id)[0]!;
      await t.driver.messageShortcut({ user: alice, channel: channel.id, messageTs: card.ts, callbackId: 'add_to_timeline' });
      await waitFor(() => t.slack.ephemerals(alice, channel.id).some((e) => e.text.includes('bots and apps')));
      expect(await messageEntries(card.ts)).toEqual([]);
    });

    it('does not let someone outside the incident channel add entries or move its times', async () => {
      const erin = t.slack.addUser({ name: 'erin' }).id;
      t.slack.addMember(ops, erin);
      const message = t.slack.post(erin, ops, 'I think it is DNS');
      await t.driver.messageShortcut({ user: erin, channel: ops, messageTs: message.ts, callbackId: 'add_to_timeline' });
      const modal = await topModal(t, erin);
      await t.driver.submitView({ user: erin, viewId: modal.id, fields: { incident: incident.id } });
      await waitFor(() => visibleText(t.slack.view(modal.id)).includes("Only members of the incident's channel"));
      expect(await messageEntries(message.ts)).toEqual([]);
    });
  });

  describe('entries written by hand', () => {
    it("stores the time typed in the person's own zone as the right UTC instant, and a milestone sets the incident's time", async () => {
      const modal = await commandOpeningModal(t, carol, channel.id, 'timeline add');
      expect(visibleText(modal)).toContain('America/Los_Angeles');
      await t.driver.submitView({
        user: carol,
        viewId: modal.id,
        fields: { entry_text: 'PagerDuty alert fired: checkout 5xx > 5%', entry_date: '2026-07-04', entry_time: '02:14', milestone: 'detected' },
      });
      const entry = await waitFor(async () => (await entries()).find((e) => e.kind === 'manual'));
      expect(entry).toMatchObject({ occurred_at: '2026-07-04T09:14:00.000Z', milestone: 'detected', actor_id: carol });
      const stored = await t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', incident.id).executeTakeFirstOrThrow();
      expect(stored.detected_at).toBe('2026-07-04T09:14:00.000Z');
      const card = t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts);
      await waitFor(() => visibleText(t.slack.message(channel.id, card!.ts)).includes('*Detected:*'));
    });

    it.each([
      ['impact_started', 'impact_started_at', '10:00', '2026-07-04T08:00:00.000Z'],
      ['mitigated', 'mitigated_at', '12:00', '2026-07-04T10:00:00.000Z'],
      ['resolved', 'resolved_at', '12:30', '2026-07-04T10:30:00.000Z'],
    ] as const)('marks %s, in order after detected', async (milestone, column, time, instant) => {
      const modal = await commandOpeningModal(t, alice, channel.id, 'timeline add');
      await t.driver.submitView({
        user: alice,
        viewId: modal.id,
        fields: { entry_text: `Milestone ${milestone}`, entry_date: '2026-07-04', entry_time: time, milestone },
      });
      await waitFor(async () => {
        const stored = await t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', incident.id).executeTakeFirstOrThrow();
        return stored[column] === instant;
      });
    });

    it('refuses an empty text or a time in the future, on the right field', async () => {
      const modal = await commandOpeningModal(t, alice, channel.id, 'timeline add');
      const response = await t.driver.submitView({
        user: alice,
        viewId: modal.id,
        fields: { entry_text: '   ', entry_date: '2099-01-01', entry_time: '10:00' },
      });
      expect(response.body).toEqual({
        response_action: 'errors',
        errors: { entry_text: expect.stringContaining('Say what happened'), entry_time: expect.stringContaining('future') },
      });
      t.slack.closeView(alice, modal.id);
    });
  });

  describe('seeing and correcting it', () => {
    it('shows every entry in order with reader-local times, and the long gaps', async () => {
      const modal = await commandOpeningModal(t, bob, channel.id, 'timeline');
      const shown = visibleText(modal);
      expect(modal.callback_id).toBe('timeline');
      expect(shown).toContain('declared the incident');
      expect(shown).toContain('PagerDuty alert fired');
      expect(shown).toContain('Rollback finished at 14:05');
      expect(shown).toMatch(/<!date\^\d+\^\{date_short\} \{time\}\|/);
      expect(shown).toContain('one of the longest gaps');
      expect(shown.indexOf('PagerDuty alert fired')).toBeLessThan(shown.indexOf('declared the incident'));
      t.slack.closeView(bob, modal.id);
    });

    it('lets a channel member correct the text and time of an entry, and refreshes the view', async () => {
      const message = t.slack.post(bob, channel.id, 'Cache flushed');
      await t.driver.reactionAdded(bob, channel.id, message.ts, 'pushpin');
      const [entry] = await waitFor(async () => ((await messageEntries(message.ts)).length ? messageEntries(message.ts) : undefined));
      const timeline = await commandOpeningModal(t, alice, channel.id, 'timeline');
      await t.driver.blockAction({
        user: alice,
        actionId: 'timeline_entry_menu',
        blockId: `entry:${entry!.id}`,
        selectedOption: `edit:${entry!.id}`,
        container: { type: 'view', viewId: timeline.id },
      });
      const form = await topModal(t, alice, timeline.id);
      expect(form.callback_id).toBe('timeline_edit_entry');
      await t.driver.submitView({
        user: alice,
        viewId: form.id,
        fields: { entry_text: 'Cache flushed on all 12 nodes', entry_date: '2026-07-04', entry_time: '11:30' },
      });
      const corrected = await waitFor(async () => {
        const [row] = await messageEntries(message.ts);
        return row?.text === 'Cache flushed on all 12 nodes' ? row : undefined;
      });
      expect(corrected).toMatchObject({ occurred_at: '2026-07-04T09:30:00.000Z', edited_by: alice });
      await waitFor(() => visibleText(t.slack.view(timeline.id)).includes('Cache flushed on all 12 nodes'));

      await t.driver.blockAction({
        user: alice,
        actionId: 'timeline_entry_menu',
        blockId: `entry:${entry!.id}`,
        selectedOption: `delete:${entry!.id}`,
        container: { type: 'view', viewId: timeline.id },
      });
      const confirm = await topModal(t, alice, timeline.id);
      await t.driver.submitView({ user: alice, viewId: confirm.id });
      await waitFor(async () => (await messageEntries(message.ts)).length === 0);
      await waitFor(() => !visibleText(t.slack.view(timeline.id)).includes('Cache flushed on all 12 nodes'));
      t.slack.closeView(alice, timeline.id);
    });

    it('refuses corrections from someone outside the incident channel', async () => {
      const dave = t.slack.addUser({ name: 'dave' }).id;
      const entry = (await entries()).find((e) => e.kind === 'manual')!;
      const response = await submitAs(t, dave, {
        id: 'V0FORGED1',
        callback_id: 'timeline_delete_entry',
        private_metadata: JSON.stringify({ incidentId: incident.id, entryId: entry.id, timeZone: 'UTC' }),
        state: { values: {} },
      });
      expect(response.status).toBe(200);
      await requestsFinished(t);
      expect((await entries()).some((e) => e.id === entry.id)).toBe(true);
      expect(t.slack.dm(dave).map((m) => m.text).join('\n')).toContain("Only members of the incident's channel");
    });
  });
});

describe('a long timeline', () => {
  it('renders 500 entries page by page within Slack limits', async () => {
    const t = await startTestBot();
    try {
      const alice = t.slack.addUser({ name: 'alice' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
      const { row, channel } = await declareThroughSlack(t, alice, ops, { title: 'Long one' });
      const start = Date.parse('2026-11-01T00:00:00Z');
      const rows = Array.from({ length: 500 }, (_, i) => ({
        id: randomUUID(),
        incident_id: row.id,
        kind: 'manual',
        occurred_at: new Date(start + i * 7 * 60_000 + (i % 50 === 0 ? 3 * 3600_000 : 0)).toISOString(),
        actor_id: alice,
        text: `Step ${i}: ${'details '.repeat(40)}`,
        created_at: new Date().toISOString(),
      }));
      await t.bot.database.db.insertInto('timeline_entries').values(rows).execute();

      const view = await commandOpeningModal(t, alice, channel.id, 'timeline');
      expect(visibleText(view)).toContain('Page 13 of 13');
      expect(visibleText(view)).toContain('Step 499');
      let current = view;
      for (let page = 12; page >= 1; page -= 1) {
        await t.driver.blockAction({ user: alice, actionId: 'timeline_page', container: { type: 'view', viewId: view.id } });
        current = await waitFor(() => {
          const shown = t.slack.view(view.id)!;
          return visibleText(shown).includes(`Page ${page} of 13`) ? shown : undefined;
        });
      }
      expect(visibleText(current)).toContain('Step 0:');
      expect(t.slack.callsTo('views.update').every((c) => c.ok)).toBe(true);
    } finally {
      await t.stop();
    }
  });
});
