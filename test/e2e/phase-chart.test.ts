import { requestsFinished } from '../../tools/harness/completion';
import { declareThroughSlack } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';
import { decodePng } from '../charts/read-chart';

describe('the phase chart in Slack', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  let carol: string;
  let ops: string;

  beforeAll(async () => {
    t = await startTestBot({ env: { POSTMORTEMS_CHANNEL: 'C0POSTMORTEMS' } });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
    bob = t.slack.addUser({ name: 'bob', realName: 'Bob Builder' }).id;
    carol = t.slack.addUser({ name: 'carol', realName: 'Carol Checks' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob, carol] }).id;
    t.slack.addChannel({ id: 'C0POSTMORTEMS', name: 'postmortems', members: [t.slack.bot.userId] });
  });
  afterAll(() => t.stop());

  it('sends a member the chart of the running incident, privately, on `/incident timeline chart`', async () => {
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Search slow', severity: 'SEV2', responders: [bob] });
    await t.driver.command({ user: bob, channel: channel.id, text: 'timeline chart' });
    await waitFor(() => t.slack.ephemerals(bob, channel.id).some((e) => e.text.includes('I sent you the phase chart')));

    const [dm] = t.slack.dm(bob).filter((m) => m.files?.length);
    expect(dm?.text).toMatch(new RegExp(`^The phase chart of #${channel.name} as of \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\.$`));
    const file = t.slack.files().find((f) => f.id === dm?.files?.[0]?.id);
    expect(file).toMatchObject({ name: 'phase-chart.png', mimetype: 'image/png' });
    expect(decodePng(file!.content)).toMatchObject({ width: 1200 });
    // Nobody else got it, and the channel did not either.
    expect(t.slack.files().filter((f) => f.name === 'phase-chart.png')).toHaveLength(1);
    expect(t.slack.dm(alice).filter((m) => m.files?.length)).toEqual([]);
  });

  it('refuses someone outside the incident channel', async () => {
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Queue backlog', severity: 'SEV3' });
    const before = t.slack.files().length;
    await t.driver.command({ user: carol, channel: channel.id, text: 'timeline chart' });
    await waitFor(() => t.slack.ephemerals(carol).some((e) => e.text.includes("Only members of the incident's channel")));
    await requestsFinished(t);
    expect(t.slack.files()).toHaveLength(before);
    expect(t.slack.dm(carol).filter((m) => m.files?.length)).toEqual([]);
  });

  it('publishes the chart with the post-mortem, beside the Markdown, in every channel it is published in', async () => {
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Payments failing', severity: 'SEV2', responders: [bob] });
    await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Rolled back' });
    await requestsFinished(t);
    await publishThroughSlack(t, alice, channel.id);

    const charts = t.slack.files().filter((f) => f.name === 'phase-chart.png' && f.channels.some((c) => c === channel.id || c === 'C0POSTMORTEMS'));
    expect(charts.flatMap((f) => f.channels).sort()).toEqual([channel.id, 'C0POSTMORTEMS'].sort());
    const markdown = t.slack.files().find((f) => f.name === 'README.md' && f.channels.includes(channel.id));
    expect(charts[0]?.title).toBe(String(markdown?.title).replace(/README\.md$/, 'phase-chart.png'));
    expect(String(markdown?.text)).toContain('![Phase chart](phase-chart.png)');
    for (const chart of charts) {
      expect(chart.mimetype).toBe('image/png');
      expect(decodePng(chart.content)).toMatchObject({ width: 1200, chunks: expect.arrayContaining(['IHDR', 'IDAT', 'IEND']) });
    }
    // The same chart both times.
    expect(charts[1]?.content.equals(charts[0]!.content)).toBe(true);
  });
});
