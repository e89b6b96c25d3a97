import { commandOpeningModal, declareThroughSlack } from '../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../tools/harness/test-bot';
import { waitFor } from '../tools/harness/wait-for';
import type { BenchResult } from './result';

/** The most calls each flow may make, and the fewest it could. */
const FLOWS = {
  declare: { target: 7, fewest: 7, why: 'create, invite, topic, card, pin, announce, show the result' },
  capture: { target: 3, fewest: 2, why: 'read the message and its marks, acknowledge with :memo:' },
  publish: { target: undefined, fewest: 5, why: 'post in two channels, upload the file (URL, complete) once per channel' },
  reminder: { target: 2, fewest: 1, why: 'post the DM (its channel is opened once per owner)' },
} as const;

type Flow = keyof typeof FLOWS;

/** Calls the bot made to Slack while `run` ran and the bot settled afterwards. */
async function counted(t: TestBot, run: () => Promise<unknown>): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.slack.reset();
  await run();
  await new Promise((resolve) => setTimeout(resolve, 500));
  return t.slack.calls.map((c) => c.method);
}

/** B5: Slack Web API calls per flow, counted by the fake Slack. */
export async function benchApiCalls(): Promise<BenchResult[]> {
  let now = Date.now();
  const t = await startTestBot({
    env: { INCIDENTS_CHANNEL: 'C0INCIDENTS', POSTMORTEMS_CHANNEL: 'C0POSTMORTEMS', LOG_LEVEL: 'error' },
    clock: { now: () => new Date(now) },
    jobs: { remindersEveryMs: 50 },
  });
  const calls: Record<Flow, string[]> = { declare: [], capture: [], publish: [], reminder: [] };
  try {
    const alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops', tz: 'UTC' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    t.slack.addChannel({ id: 'C0INCIDENTS', name: 'incidents', members: [alice, t.slack.bot.userId] });
    t.slack.addChannel({ id: 'C0POSTMORTEMS', name: 'postmortems', members: [t.slack.bot.userId] });

    let channel = '';
    let incidentId = '';
    const form = await commandOpeningModal(t, alice, ops, 'declare Checkout errors');
    calls.declare = await counted(t, async () => {
      await t.driver.submitView({ user: alice, viewId: form.id, fields: { severity: 'SEV2' } });
      const row = await waitFor(() =>
        t.bot.database.db.selectFrom('incidents').selectAll().where('setup_completed_at', 'is not', null).executeTakeFirst(),
      );
      await waitFor(() => (t.slack.view(form.id)?.blocks.length ? true : undefined));
      channel = row.channel_id as string;
      incidentId = row.id;
    });

    const message = t.slack.post(alice, channel, 'Error rate is 30% since the 14:02 deploy');
    calls.capture = await counted(t, async () => {
      await t.driver.reactionAdded(alice, channel, message.ts, 'pushpin');
      await waitFor(() => t.slack.reactionsOn(channel, message.ts).some((r) => r.name === 'memo'));
    });

    await t.driver.command({ user: alice, channel, text: 'resolve Rolled back' });
    const pm = await commandOpeningModal(t, alice, channel, 'postmortem');
    await t.driver.submitView({ user: alice, viewId: pm.id, fields: { pm_summary: 'A deploy broke checkout.', pm_cause_avoid: 'No canary', pm_cause_detect: 'No alert on errors' } });
    await waitFor(() => (t.slack.view(pm.id)?.callback_id === 'postmortem_review' && t.slack.view(pm.id)?.submit ? true : undefined));
    calls.publish = await counted(t, async () => {
      await t.driver.submitView({ user: alice, viewId: pm.id, fields: {} });
      await waitFor(async () => (await t.bot.database.db.selectFrom('incidents').select('status').where('id', '=', incidentId).executeTakeFirstOrThrow()).status === 'postmortem_published');
    });

    // An action item whose owner already had one reminder (so their DM is known), falling due now.
    const item = await commandOpeningModal(t, alice, channel, 'action add');
    const due = new Date(now + 86_400_000).toISOString().slice(0, 10);
    await t.driver.submitView({ user: alice, viewId: item.id, fields: { ai_description: 'Add a canary stage', ai_owner: alice, ai_due: due, ai_type: 'process' } });
    await waitFor(() => (t.slack.dm(alice).length > 0 ? true : undefined));
    calls.reminder = await counted(t, async () => {
      now += 2 * 86_400_000;
      await waitFor(() => (t.slack.dm(alice).length > 1 ? true : undefined));
    });
  } finally {
    await t.stop();
  }
  return (Object.keys(FLOWS) as Flow[]).map((flow) => {
    const { target, fewest, why } = FLOWS[flow];
    const made = calls[flow];
    const tally = Object.entries(made.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m]: (acc[m] ?? 0) + 1 }), {}))
      .map(([m, n]) => (n > 1 ? `${m}×${n}` : m))
      .join(', ');
    return {
      id: `B5 ${flow}`,
      what: `Slack Web API calls to ${flow}`,
      figures: { calls: made.length, fewest: fewest, methods: tally },
      comparison: { with: `the fewest the flow needs (${why})`, ratio: made.length / fewest, ratioMeaning: 'times the fewest' },
      target: target === undefined ? 'reported' : `≤ ${target}`,
      met: target === undefined || made.length <= target,
      summary: `${made.length} calls (fewest ${fewest}): ${tally}`,
    };
  });
}
