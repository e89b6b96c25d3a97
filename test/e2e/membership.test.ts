import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

/**
 * Who may see an incident is decided by its channel's members as Slack says now, for reading as
 * well as for changing: not by the responder list stored when it was declared.
 */
describe('membership decides who sees an incident', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
  });
  afterEach(() => t.stop());

  /** Takes someone out of a channel, as a member leaving or being removed does. */
  const removeFromChannel = (channelId: string, userId: string) => {
    const members = t.slack.channel(channelId)!.members;
    members.splice(members.indexOf(userId), 1);
  };
  const list = async (user: string, channel: string) => visibleText((await t.driver.command({ user, channel, text: 'list' })).body);

  it('hides a private incident from someone removed from its channel, in the list and on their Home tab', async () => {
    const alice = t.slack.addUser({ name: 'alice' }).id;
    const bob = t.slack.addUser({ name: 'bob' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Payroll export leaked', private: true, responders: [bob] });

    expect(await list(bob, ops)).toContain('Payroll export leaked');
    await t.driver.appHomeOpened(bob);
    await waitFor(() => visibleText(t.slack.homeView(bob)).includes('Payroll export leaked'));

    removeFromChannel(channel.id, bob);

    // He was declared a responder, but he is no longer in the channel.
    expect(await list(bob, ops)).not.toContain('Payroll export leaked');
    expect(await list(alice, ops)).toContain('Payroll export leaked');
    const homesBefore = t.slack.callsTo('views.publish').length;
    await t.driver.appHomeOpened(bob);
    await waitFor(() => t.slack.callsTo('views.publish').length > homesBefore);
    expect(visibleText(t.slack.homeView(bob))).not.toContain('Payroll export leaked');
  });

  it('refuses a removed member the timeline view they still have open', async () => {
    const alice = t.slack.addUser({ name: 'alice' }).id;
    const bob = t.slack.addUser({ name: 'bob' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Ledger drift', private: true, responders: [bob] });
    const timeline = await commandOpeningModal(t, bob, channel.id, 'timeline');

    removeFromChannel(channel.id, bob);

    const addEntry = buttonsOf(timeline).find((b) => b.text === 'Add entry')!;
    await t.driver.blockAction({ user: bob, actionId: addEntry.actionId, container: { type: 'view', viewId: timeline.id } });
    await waitFor(() => t.slack.dm(bob).some((m) => m.text.includes("Only members of the incident's channel can change its timeline")));
    expect(t.slack.views(bob).map((v) => v.id)).toEqual([timeline.id]);
  });

  it("does not show a public incident's draft post-mortem to someone outside its channel", async () => {
    const alice = t.slack.addUser({ name: 'alice' }).id;
    const dave = t.slack.addUser({ name: 'dave' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice, dave] }).id;
    const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Search results stale' });
    const form = await commandOpeningModal(t, alice, channel.id, 'postmortem');
    await t.driver.submitView({ user: alice, viewId: form.id, fields: { pm_summary: 'The index rebuild stalled on a lock' } });
    await waitFor(() => t.bot.database.db.selectFrom('postmortems').select('content').executeTakeFirst());

    // Dave can preview the public channel and click its card, but he is not a member.
    const card = t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts)!;
    const write = buttonsOf(card).find((b) => b.text === 'Write post-mortem')!;
    await t.driver.blockAction({ user: dave, actionId: write.actionId, container: { type: 'message', channel: channel.id, ts: card.ts } });
    await waitFor(() => t.slack.ephemerals(dave, channel.id).some((m) => m.text.includes("Only members of the incident's channel can write its post-mortem")));
    expect(t.slack.views(dave)).toEqual([]);
    expect(JSON.stringify(t.slack.ephemerals(dave))).not.toContain('index rebuild');
  });
});
