import type { FakeChannel } from '../../tools/fake-slack';
import { requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

describe('a busy incident', () => {
  let t: TestBot;
  let alice: string;
  let bob: string;
  let ops: string;
  let channel: FakeChannel;
  let incidentId: string;
  let cardTs: string;

  const card = () => t.slack.message(channel.id, cardTs);
  const cardUpdates = () => t.slack.callsTo('chat.update').filter((c) => c.args.ts === cardTs);
  const topicSets = () => t.slack.callsTo('conversations.setTopic').filter((c) => c.args.channel === channel.id);
  /** Slack's "set the channel topic" lines, as people in the channel see them. */
  const topicLines = () => t.slack.messages(channel.id).filter((m) => m.subtype === 'channel_topic');
  const stored = () => t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    // Reminders are looked for often: the DM test waits on them.
    t = await startTestBot({ jobs: { remindersEveryMs: 25 } });
    alice = t.slack.addUser({ name: 'alice' }).id;
    bob = t.slack.addUser({ name: 'bob' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;
  });
  afterAll(() => t.stop());

  /** Each test has an incident of its own, declared by Alice with Bob responding. */
  beforeEach(async () => {
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Checkout errors', severity: 'SEV3', responders: [bob] });
    channel = declared.channel;
    incidentId = declared.row.id as string;
    cardTs = declared.row.card_ts as string;
    await requestsFinished(t);
  });

  it('shows ten quick changes on its card in a few updates, ending in the last state', async () => {
    const changes: Array<['severity' | 'status', string]> = [
      ['severity', 'SEV2'],
      ['status', 'identified'],
      ['severity', 'SEV1'],
      ['status', 'monitoring'],
      ['severity', 'SEV2'],
      ['status', 'identified'],
      ['severity', 'SEV1'],
      ['status', 'investigating'],
      ['severity', 'SEV2'],
      ['status', 'monitoring'],
    ];
    const updatesBefore = cardUpdates().length;
    const noticesBefore = t.slack.botMessages(channel.id).length;
    const topicsBefore = topicSets().length;
    // Slack is slow to take the first edit: every other change arrives while it is under way.
    t.slack.injectFault('chat.update', { kind: 'slow', delayMs: 2000 });
    for (const [i, [field, value]] of changes.entries()) {
      await t.driver.command({ user: i % 2 ? bob : alice, channel: channel.id, text: `${field} ${value}` });
      // Quick, yet one after another, as people take turns: each is stored before the next is sent.
      await waitFor(async () => (await stored())[field] === value);
    }
    await requestsFinished(t);

    const incident = await stored();
    expect([incident.severity, incident.status]).toEqual(['SEV2', 'monitoring']);
    const shown = visibleText(card());
    expect(shown).toContain('SEV2: Checkout errors');
    expect(shown).toContain('Monitoring');
    expect(t.slack.channel(channel.id)!.topic.value).toBe('SEV2 · Monitoring · Checkout errors');
    // Each change is still told in the channel, once.
    expect(t.slack.botMessages(channel.id).length - noticesBefore).toBe(changes.length);

    // The first change is shown at once; the nine arriving meanwhile share one more update.
    const updates = cardUpdates().length - updatesBefore;
    expect(updates).toBeGreaterThanOrEqual(2);
    expect(updates).toBeLessThanOrEqual(3);
    // The topic is set from the state as the shared update left it: once or twice, not ten times.
    expect(topicSets().length - topicsBefore).toBeLessThanOrEqual(2);
  });

  it('does not set the topic again when a change leaves it as it was', async () => {
    const setsBefore = topicSets().length;
    const linesBefore = topicLines().length;
    const updatesBefore = cardUpdates().length;

    await t.driver.command({ user: alice, channel: channel.id, text: `commander <@${bob}>` });
    await requestsFinished(t);
    expect((await stored()).commander_id).toBe(bob);
    expect(visibleText(card())).toContain(`*Commander:* <@${bob}>`);
    expect(cardUpdates().length).toBe(updatesBefore + 1);

    // A repeat still refreshes the card (it repairs one Slack did not update), not the topic.
    await t.driver.command({ user: bob, channel: channel.id, text: 'severity SEV3' });
    await requestsFinished(t);
    expect(t.slack.ephemerals(bob, channel.id).at(-1)?.text).toContain('already SEV3');
    expect(cardUpdates().length).toBe(updatesBefore + 2);

    expect(topicSets().length).toBe(setsBefore);
    expect(topicLines()).toHaveLength(linesBefore);
    expect(t.slack.channel(channel.id)!.topic.value).toBe('SEV3 · Investigating · Checkout errors');
  });

  it('opens a person’s DM once for three reminders', async () => {
    const dana = t.slack.addUser({ name: 'dana' }).id;
    t.slack.addMember(channel.id, dana);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    for (const description of ['Alert on checkout 5xx', 'Add a canary for config pushes', 'Page on queue depth']) {
      const modal = await commandOpeningModal(t, alice, channel.id, 'action add');
      await t.driver.submitView({ user: alice, viewId: modal.id, fields: { ai_description: description, ai_owner: dana, ai_due: due, ai_type: 'detect' } });
    }
    await waitFor(() => t.slack.dm(dana).filter((m) => visibleText(m).includes('You own a new action item')).length === 3, { timeoutMs: 10_000 });
    expect(t.slack.callsTo('conversations.open').filter((c) => c.args.users === dana)).toHaveLength(1);
  });

  it('tells each person whose change a failed shared update did not show, and a repeat repairs the card', async () => {
    const notShown = (user: string) => t.slack.ephemerals(user, channel.id).filter((e) => e.text.includes('The change is saved, but Slack did not update the incident card'));
    const [aliceBefore, bobBefore] = [notShown(alice).length, notShown(bob).length];
    // The first change's update is slow and goes through; the shared one after it fails.
    t.slack.injectFault('chat.update', { kind: 'slow', delayMs: 2000 });
    t.slack.injectFault('chat.update', { kind: 'http_error', status: 500 });
    const changes: Array<[string, 'severity' | 'status', string]> = [
      [alice, 'severity', 'SEV1'],
      [alice, 'status', 'identified'],
      [bob, 'severity', 'SEV3'],
    ];
    for (const [user, field, value] of changes) {
      await t.driver.command({ user, channel: channel.id, text: `${field} ${value}` });
      await waitFor(async () => (await stored())[field] === value);
    }
    await requestsFinished(t);
    expect(notShown(alice).length - aliceBefore).toBe(1);
    expect(notShown(bob).length - bobBefore).toBe(1);
    expect(visibleText(card())).toContain('SEV1: Checkout errors');

    await t.driver.command({ user: bob, channel: channel.id, text: 'severity SEV3' });
    await requestsFinished(t);
    expect(visibleText(card())).toContain('SEV3: Checkout errors');
    expect(visibleText(card())).toContain('Identified');
  });
});
