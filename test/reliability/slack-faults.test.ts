import type { Fault } from '../../tools/fake-slack';
import { submitDeclareForm } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

const FLOW = ['conversations.create', 'conversations.invite', 'conversations.setTopic', 'chat.postMessage', 'pins.add'];
const FAULTS: Array<[string, Fault]> = [
  ['429 with Retry-After', { kind: 'rate_limited', retryAfterSeconds: 1 }],
  ['HTTP 500', { kind: 'http_error', status: 500 }],
  ['ok:false', { kind: 'error', error: 'internal_error' }],
];
/**
 * Slack did the work but its answer was lost. Not for conversations.create: a channel whose id
 * never reached us cannot be found again (Slack has no lookup by name for bots), so the
 * declaration is withdrawn and a retry takes the next name; see README, Reliability.
 */
const ANSWER_LOST: [string, Fault] = ['a timeout after Slack did it', { kind: 'answer_lost', status: 504 }];

/**
 * Every call of the declare flow, failing in each of Slack's ways: the flow either completes or
 * tells the person plainly, and a retry finishes the same incident, never a second one.
 */
describe('declaring while Slack fails', () => {
  let t: TestBot;
  let alice: string;
  let ops: string;
  let n = 0;

  beforeAll(async () => {
    t = await startTestBot();
    alice = t.slack.addUser({ name: 'alice' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
  });
  afterAll(() => t.stop());

  const cases = FLOW.flatMap((method) =>
    [...FAULTS, ...(method === 'conversations.create' ? [] : [ANSWER_LOST])].map(([name, fault]) => [method, name, fault] as const),
  );

  it.each(cases)('%s answering %s', async (method, _name, fault) => {
    n += 1;
    const title = `Fault case ${n}`;
    t.slack.injectFault(method, fault);
    const { viewId } = await submitDeclareForm(t, alice, ops, title, { severity: 'SEV3' });
    const outcome = await waitFor(
      () => {
        const shown = visibleText(t.slack.view(viewId));
        if (shown.includes('is declared')) return 'declared';
        if (shown.includes('was not declared')) return 'refused';
        if (shown.includes('setting it up stopped')) return 'stopped';
        return undefined;
      },
      { timeoutMs: 8000 },
    );
    const slug = `fault-case-${n}`;
    if (outcome === 'refused') {
      expect(t.slack.channels().filter((c) => c.name.endsWith(slug))).toEqual([]);
      await t.driver.submitView({ user: alice, viewId, fields: {} });
    } else if (outcome === 'stopped') {
      const [finish] = buttonsOf(t.slack.view(viewId));
      await t.driver.blockAction({ user: alice, actionId: finish!.actionId, container: { type: 'view', viewId } });
    }
    await waitFor(() => visibleText(t.slack.view(viewId)).includes('is declared'), { timeoutMs: 8000 });
    const channels = t.slack.channels().filter((c) => c.name.endsWith(slug));
    expect(channels).toHaveLength(1);
    expect(t.slack.pins(channels[0]!.id)).toHaveLength(1);
    const rows = await t.bot.database.db.selectFrom('incidents').select(['setup_completed_at']).where('title', '=', title).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.setup_completed_at).not.toBeNull();
  });
});
