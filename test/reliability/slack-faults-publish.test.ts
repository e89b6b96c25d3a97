import type { Fault } from '../../tools/fake-slack';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/** The calls publishing makes, in order: find parts already posted, post them, upload the file. */
const FLOW = ['conversations.history', 'chat.postMessage', 'files.getUploadURLExternal', 'files.completeUploadExternal'];
const FAULTS: Array<[string, Fault]> = [
  ['429 with Retry-After', { kind: 'rate_limited', retryAfterSeconds: 1 }],
  ['HTTP 500', { kind: 'http_error', status: 500 }],
  ['ok:false', { kind: 'error', error: 'internal_error' }],
  ['a timeout after Slack did it', { kind: 'answer_lost', status: 504 }],
];

const CONTENT = {
  pm_summary: 'The queue filled up and orders waited.',
  pm_impact: 'Orders were delayed by up to 20 minutes.',
  pm_cause_avoid: 'The queue had no size limit',
  pm_cause_detect: 'No alert on queue depth',
};

/**
 * Every call of publishing, failing in each of Slack's ways: the person sees either where it was
 * published or plainly that it was not fully published; publishing again then completes, with
 * each part shown once in each channel.
 */
describe('publishing a post-mortem while Slack fails', () => {
  let t: TestBot;
  let alice: string;
  let ops: string;
  let n = 0;
  const sharedChannel = 'C0POSTMORTEMS';

  beforeAll(async () => {
    t = await startTestBot({ env: { POSTMORTEMS_CHANNEL: sharedChannel } });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    t.slack.addChannel({ id: sharedChannel, name: 'postmortems', members: [t.slack.bot.userId] });
  });
  afterAll(() => t.stop());

  /** Opens the form, saves it as it is, and publishes from the review: what the modal ends on. */
  async function publish(channel: string): Promise<string> {
    const form = await commandOpeningModal(t, alice, channel, 'postmortem');
    await t.driver.submitView({ user: alice, viewId: form.id, fields: CONTENT });
    await waitFor(() => (t.slack.view(form.id)?.callback_id === 'postmortem_review' && t.slack.view(form.id)?.submit ? true : undefined));
    return form.id;
  }

  const cases = FLOW.flatMap((method) => FAULTS.map(([name, fault]) => [method, name, fault] as const));

  it.each(cases)('%s answering %s', async (method, _name, fault) => {
    n += 1;
    const title = `Publish fault ${n}`;
    const { channel, row } = await declareThroughSlack(t, alice, ops, { title, severity: 'SEV3' });
    await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Drained the queue' });
    await waitFor(async () => (await t.bot.database.db.selectFrom('incidents').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status === 'resolved');

    const first = await publish(channel.id);
    t.slack.injectFault(method, fault);
    await t.driver.submitView({ user: alice, viewId: first, fields: {} });
    const outcome = await waitFor(
      () => {
        const shown = visibleText(t.slack.view(first));
        if (shown.includes('Published in')) return 'published';
        if (shown.includes('was not fully published')) return 'stopped';
        return undefined;
      },
      { timeoutMs: 8000 },
    );
    if (outcome === 'stopped') {
      expect(visibleText(t.slack.view(first))).toMatch(/Slack|saved/);
      const again = await publish(channel.id);
      await t.driver.submitView({ user: alice, viewId: again, fields: {} });
      await waitFor(() => visibleText(t.slack.view(again)).includes('Published in'), { timeoutMs: 8000 });
    }

    const parts = (where: string) => t.slack.botMessages(where).filter((m) => m.text.startsWith(`Post-mortem: ${title}`));
    expect(parts(channel.id)).toHaveLength(1);
    expect(parts(sharedChannel)).toHaveLength(1);
    const stored = await t.bot.database.db.selectFrom('postmortems').selectAll().where('incident_id', '=', row.id).executeTakeFirstOrThrow();
    expect(stored.published_at).not.toBeNull();
    const messages = await t.bot.database.db.selectFrom('postmortem_messages').selectAll().where('postmortem_id', '=', stored.id).execute();
    expect(messages.map((m) => m.ts).sort()).toEqual([parts(channel.id)[0]!.ts, parts(sharedChannel)[0]!.ts].sort());
    const files = t.slack.files().filter((f) => String(f.text).includes(title));
    expect(files.length).toBeGreaterThanOrEqual(2);
  });
});
