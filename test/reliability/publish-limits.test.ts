import { randomUUID } from 'node:crypto';
import { requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';
import { MAX_POSTMORTEM_MESSAGES } from '../../src/render/postmortem-blocks';
import { ChannelPacer } from '../../src/slack/web-api/channel-pacer';

const ENTRIES = 10_000;
const SHARED = 'C0POSTMORTEMS';

/**
 * A post-mortem whose timeline holds 10,000 entries is published as a few messages a channel,
 * paced, with the whole timeline in the Markdown file; marking an item done afterwards edits only
 * the message that shows it.
 */
describe('publishing a post-mortem with a very long timeline', () => {
  let t: TestBot;
  let alice: string;
  let channelId: string;
  let incidentId: string;
  const paced: string[] = [];

  beforeAll(async () => {
    // Pacing is checked on its own with a fake clock; here it is asked, never waited on.
    const recording = new ChannelPacer(0);
    recording.turn = async (channel: string) => void paced.push(channel);
    t = await startTestBot({ env: { POSTMORTEMS_CHANNEL: SHARED }, postPacer: recording });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    t.slack.addChannel({ id: SHARED, name: 'postmortems', members: [t.slack.bot.userId] });
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Endless outage', severity: 'SEV2' });
    channelId = declared.channel.id;
    incidentId = declared.row.id;

    const db = t.bot.database.db;
    const start = Date.parse('2026-11-01T00:00:00Z');
    const now = new Date().toISOString();
    for (let batch = 0; batch < ENTRIES / 500; batch += 1) {
      await db
        .insertInto('timeline_entries')
        .values(
          Array.from({ length: 500 }, (_, i) => {
            const n = batch * 500 + i;
            return {
              id: randomUUID(),
              incident_id: incidentId,
              kind: 'manual',
              occurred_at: new Date(start + n * 60_000).toISOString(),
              actor_id: alice,
              text: n === 6000 ? 'Rolled back the shard map' : `Step ${n}: checked shard ${i} & restarted <worker> ${'detail '.repeat(12)}`,
              milestone: n === 6000 ? 'mitigated' : null,
              created_at: now,
            };
          }),
        )
        .execute();
    }
    await db
      .insertInto('action_items')
      .values(
        ['Alert on shard drift', 'Add a shard map checker'].map((description) => ({
          id: randomUUID(),
          incident_id: incidentId,
          description,
          owner_id: alice,
          due_date: '2099-01-01',
          type: 'detect',
          ticket_url: null,
          status: 'open',
          created_by: alice,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await t.driver.command({ user: alice, channel: channelId, text: 'resolve Rebalanced' });
    await waitFor(async () => (await db.selectFrom('incidents').select('status').where('id', '=', incidentId).executeTakeFirstOrThrow()).status === 'resolved');

    const form = await commandOpeningModal(t, alice, channelId, 'postmortem');
    await t.driver.submitView({
      user: alice,
      viewId: form.id,
      fields: { pm_summary: 'Shards drifted for days.', pm_cause_avoid: 'Shard maps were edited by hand', pm_cause_detect: 'No drift alert', pm_tags: 'storage, <!here> shards' },
    });
    await waitFor(() => (t.slack.view(form.id)?.submit ? true : undefined));
    await t.driver.submitView({ user: alice, viewId: form.id });
    await waitFor(() => visibleText(t.slack.view(form.id)).includes('Published in'), { timeoutMs: 15_000 });
    await requestsFinished(t);
  }, 60_000);
  afterAll(async () => {
    await t.stop();
    jest.restoreAllMocks();
  });

  const parts = (where: string) => t.slack.botMessages(where).filter((m) => m.text.startsWith('Post-mortem: Endless outage'));
  const shown = (where: string) => parts(where).map((m) => visibleText(m)).join('\n');

  it('posts at most a fixed number of messages in each channel, each asked of the pacer first', () => {
    for (const where of [channelId, SHARED]) {
      expect(parts(where).length).toBeGreaterThan(0);
      expect(parts(where).length).toBeLessThanOrEqual(MAX_POSTMORTEM_MESSAGES);
      expect(paced.filter((c) => c === where)).toHaveLength(parts(where).length);
    }
    expect(t.slack.callsTo('chat.postMessage').filter((c) => !c.ok)).toEqual([]);
  });

  it('shows the first and last entries, the milestones, the tags and how many entries only the file has', async () => {
    const rows = await t.bot.database.db.selectFrom('timeline_entries').select('change').where('incident_id', '=', incidentId).execute();
    const timeline = rows.filter((r) => r.change !== 'postmortem_published');
    for (const where of [channelId, SHARED]) {
      const text = shown(where);
      expect(text).toContain('Step 0:');
      expect(text).toContain('*Mitigated:* Rolled back the shard map');
      expect(text).toContain('resolved the incident: Rebalanced');
      expect(text).toContain('Alert on shard drift');
      expect(text).toContain('*Tags*\nstorage, &lt;!here&gt; shards');
      expect(text).not.toContain('<!here>');
      const more = /(\d[\d,]*) more entries are in the attached Markdown file/.exec(text);
      expect(more).not.toBeNull();
      const hidden = Number(more![1]!.replace(/,/g, ''));
      const listed = (text.match(/^<!date\^\d+\^\{date_short\} \{time\}/gm) ?? []).length;
      expect(hidden + listed).toBe(timeline.length);
    }
    const file = String(t.slack.files()[0]!.text);
    expect(file).toContain('Step 5000:');
    expect(file).toContain('Step 9999:');
  });

  it('edits only the message that shows an item when it is marked done', async () => {
    await t.driver.appHomeOpened(alice);
    const home = await waitFor(() => {
      const view = t.slack.homeView(alice);
      return view && visibleText(view).includes('Alert on shard drift') ? view : undefined;
    });
    const fromHome = t.slack.calls.length;
    const item = await t.bot.database.db.selectFrom('action_items').select('id').where('description', '=', 'Alert on shard drift').executeTakeFirstOrThrow();
    const block = (home.blocks as Array<{ block_id?: string }>).find((b) => b.block_id?.endsWith(`:${item.id}`) && buttonsOf({ blocks: [b] }).some((x) => x.text === 'Mark done'))!;
    const done = buttonsOf({ blocks: [block] }).find((b) => b.text === 'Mark done')!;
    await t.driver.blockAction({ user: alice, actionId: done.actionId, blockId: block.block_id, container: { type: 'view', viewId: home.id } });
    for (const where of [channelId, SHARED]) await waitFor(() => shown(where).includes(':white_check_mark: done'));
    await requestsFinished(t);
    const calls = t.slack.calls.slice(fromHome);
    const updates = calls.filter((c) => c.method === 'chat.update' && (c.args.channel === channelId || c.args.channel === SHARED));
    expect(updates).toHaveLength(2);
    expect(calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.text).startsWith('Post-mortem'))).toEqual([]);
    expect(calls.length).toBeLessThanOrEqual(6);
  });
});
