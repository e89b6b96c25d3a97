import type { FakeChannel, FakeMessage } from '../../tools/fake-slack';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, topModal } from '../../tools/harness/incident-steps';
import { PUBLISHABLE_CONTENT } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

const HOUR = 3_600_000;

/**
 * A SEV2 declared by Alice (Paris), with Bob (New York) and Carol (Kolkata) responding. Bob posts
 * what he sees and Alice pins it; a deploy bot posts and Carol pins that. Dave is in #ops but never
 * took part. Resolving asks Alice, Bob and Carol, and nobody else, for their own accounts.
 */
describe("participants' own accounts, through Slack", () => {
  let offsetMs = 0;
  let t: TestBot;
  let alice: string;
  let bob: string;
  let carol: string;
  let dave: string;
  let deployBot: string;
  let ops: string;
  let channel: FakeChannel;
  let incidentId: string;

  const accountRows = () => t.bot.database.db.selectFrom('participant_accounts').selectAll().where('incident_id', '=', incidentId).orderBy('user_id').execute();
  const accountRow = async (user: string) => (await accountRows()).find((r) => r.user_id === user);
  /** The bot's account requests and reminders in a person's DM, oldest first. */
  const requestsTo = (user: string) => t.slack.dm(user).filter((m) => JSON.stringify(m.metadata ?? {}).includes('account_request'));
  const requestIn = (user: string): FakeMessage => {
    const [first] = requestsTo(user);
    if (!first) throw new Error(`no account request in ${user}'s DM`);
    return t.slack.message(first.channel, first.ts)!;
  };
  const clickInDm = (user: string, actionId: string) =>
    t.driver.blockAction({ user, actionId, container: { type: 'message', channel: requestIn(user).channel, ts: requestIn(user).ts } });
  const setNow = (iso: string) => {
    offsetMs = Date.parse(iso) - Date.now();
  };

  beforeAll(async () => {
    t = await startTestBot({
      env: { POSTMORTEMS_CHANNEL: 'C0POSTMORTEMS' },
      clock: { now: () => new Date(Date.now() + offsetMs) },
      jobs: { askForAccountsEveryMs: 50, remindersEveryMs: 50 },
    });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops', tz: 'Europe/Paris' }).id;
    bob = t.slack.addUser({ name: 'bob', realName: 'Bob Builder', tz: 'America/New_York' }).id;
    carol = t.slack.addUser({ name: 'carol', realName: 'Carol Checks', tz: 'Asia/Kolkata' }).id;
    dave = t.slack.addUser({ name: 'dave', realName: 'Dave Elsewhere' }).id;
    deployBot = t.slack.addUser({ name: 'deploybot', realName: 'Deploy Bot', isBot: true }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob, carol, dave] }).id;
    t.slack.addChannel({ id: 'C0POSTMORTEMS', name: 'postmortems', members: [t.slack.bot.userId] });
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Checkout 502s', severity: 'SEV2', responders: [bob, carol] });
    channel = declared.channel;
    incidentId = declared.row.id;
    t.slack.addMember(channel.id, deployBot);
    const seen = t.slack.post(bob, channel.id, 'Checkout is answering 502 since 14:02');
    await t.driver.reactionAdded(alice, channel.id, seen.ts, 'pushpin');
    const deployed = t.slack.post(deployBot, channel.id, 'Deployed checkout-api v812');
    await t.driver.reactionAdded(carol, channel.id, deployed.ts, 'pushpin');
    await waitFor(() => t.slack.reactionsOn(channel.id, deployed.ts).some((r) => r.name === 'memo'));
    await requestsFinished(t);
    await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Rolled back v812' });
    await waitFor(() => [alice, bob, carol].every((u) => requestsTo(u).length === 1));
    await requestsFinished(t);
  });
  afterAll(() => t.stop());

  it('asks exactly the participants, once each, privately, in two sentences with two buttons', async () => {
    await jobRan(t, 'ask-for-accounts');
    for (const user of [alice, bob, carol]) {
      expect(requestsTo(user)).toHaveLength(1);
      const request = requestIn(user);
      expect(buttonTexts(request)).toEqual(expect.arrayContaining(['Write my account', 'Not this time']));
      expect(visibleText(request)).toContain('Checkout 502s');
    }
    // Dave never took part; the deploy bot and the bot itself are never asked.
    expect(requestsTo(dave)).toEqual([]);
    const openedFor = t.slack.callsTo('conversations.open').map((c) => String(c.args.users));
    expect(openedFor).not.toContain(deployBot);
    expect(openedFor).not.toContain(t.slack.bot.userId);
    expect((await accountRows()).map((r) => [r.user_id, r.state])).toEqual(
      [alice, bob, carol].sort().map((u) => [u, 'asked']),
    );
  });

  it('keeps an account written in two sittings, notes self-blame gently, and stores a replayed submission once', async () => {
    await clickInDm(bob, 'account_write');
    const form = await topModal(t, bob);
    expect(form.callback_id).toBe('account_form');
    expect(visibleText(form)).toContain('America/New_York');
    await t.driver.submitView({ user: bob, viewId: form.id, fields: { account_noticed: '14:05 saw the 502s climb on the checkout dashboard' } });
    await waitFor(() => (t.slack.view(form.id)?.callback_id === 'account_saved' ? true : undefined));
    expect((await accountRow(bob))).toMatchObject({ state: 'written', revision: 1, time_zone: 'America/New_York' });
    // The request in his DM now says it is in, and offers to edit it.
    await waitFor(() => (buttonTexts(requestIn(bob)).includes('Edit my account') ? true : undefined));
    t.slack.closeView(bob, form.id);

    // Later, he adds what he did.
    await clickInDm(bob, 'account_write');
    const again = await topModal(t, bob);
    // What he wrote before is in the form, to add to.
    expect(JSON.stringify(again.blocks)).toContain('"initial_value":"14:05 saw the 502s climb on the checkout dashboard"');
    const did = 'Rolled back at 14:20 because v812 was the only change. I should have paged the database team sooner.';
    const submitted = await t.driver.submitView({ user: bob, viewId: again.id, fields: { account_did: did } });
    const saved = await waitFor(() => (t.slack.view(again.id)?.callback_id === 'account_saved' ? t.slack.view(again.id) : undefined));
    expect(visibleText(saved)).toContain('I should have');
    const row = await accountRow(bob);
    expect(row).toMatchObject({ revision: 2, anonymous: 0 });
    expect(JSON.parse(row!.answers!)).toMatchObject({ noticed: '14:05 saw the 502s climb on the checkout dashboard', did });

    // Slack delivers the same submission again: nothing more is stored.
    const replay = await t.driver.signedPost(`payload=${encodeURIComponent(JSON.stringify(submitted.payload))}`, 'application/x-www-form-urlencoded');
    expect(replay.status).toBe(200);
    await requestsFinished(t);
    expect((await accountRows()).filter((r) => r.user_id === bob)).toHaveLength(1);
    expect((await accountRow(bob))!.revision).toBe(2);
    t.slack.closeView(bob, again.id);
  });

  it('refuses an empty account on the form, losing nothing', async () => {
    await t.driver.command({ user: carol, channel: channel.id, text: 'account' });
    const form = await topModal(t, carol);
    const response = await t.driver.submitView({ user: carol, viewId: form.id, fields: { account_expected: '   ' } });
    expect(response.body).toMatchObject({ response_action: 'errors', errors: { account_noticed: expect.stringContaining('at least one question') } });
    t.slack.closeView(carol, form.id);
  });

  it('takes "Not this time" for an answer', async () => {
    await clickInDm(carol, 'account_decline');
    await waitFor(async () => ((await accountRow(carol))?.state === 'declined' ? true : undefined));
    await waitFor(() => (buttonTexts(requestIn(carol)).includes('Not this time') ? undefined : true));
    expect(visibleText(requestIn(carol))).toMatch(/not this time/i);
  });

  it('shows the accounts in the post-mortem form: how many are in, each in a line, and who has not answered', async () => {
    const form = await commandOpeningModal(t, alice, channel.id, 'postmortem');
    const text = visibleText(form);
    expect(text).toContain('1 of 3 accounts in · 1 declined');
    expect(text).toContain(`Not answered yet: <@${alice}>`);
    expect(text).toContain('saw the 502s climb');
    t.slack.closeView(alice, form.id);
  });

  it('reminds once, a day later, only whoever has neither written nor declined', async () => {
    const before = { alice: requestsTo(alice).length, bob: requestsTo(bob).length, carol: requestsTo(carol).length };
    offsetMs += 23 * HOUR;
    await jobRan(t, 'ask-for-accounts');
    expect(requestsTo(alice)).toHaveLength(before.alice);
    offsetMs += HOUR + 60_000;
    await jobRan(t, 'ask-for-accounts');
    await waitFor(() => (requestsTo(alice).length === before.alice + 1 ? true : undefined));
    offsetMs += 3 * 24 * HOUR;
    await jobRan(t, 'ask-for-accounts');
    await jobRan(t, 'ask-for-accounts');
    expect(requestsTo(alice)).toHaveLength(before.alice + 1);
    expect(requestsTo(bob)).toHaveLength(before.bob);
    expect(requestsTo(carol)).toHaveLength(before.carol);
  });

  it('keeps an anonymous account anonymous in the form and the published post-mortem, with its times on the timeline as recalled', async () => {
    await t.driver.command({ user: alice, channel: channel.id, text: 'account' });
    const form = await topModal(t, alice);
    // Alice remembers her pager going off ten minutes before she declared, on her Paris clock.
    const impact = await t.bot.database.db.selectFrom('incidents').select('impact_started_at').where('id', '=', incidentId).executeTakeFirstOrThrow();
    const paged = new Date(Date.parse(impact.impact_started_at) - 10 * 60_000);
    const inParis = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(paged);
    await t.driver.submitView({
      user: alice,
      viewId: form.id,
      fields: { account_noticed: `${inParis} the pager went off for checkout`, account_surprised: 'The alert named the wrong service', account_signed: 'anonymous' },
    });
    await waitFor(() => (t.slack.view(form.id)?.callback_id === 'account_saved' ? true : undefined));
    t.slack.closeView(alice, form.id);
    expect((await accountRow(alice))).toMatchObject({ state: 'written', anonymous: 1 });

    const pm = await commandOpeningModal(t, bob, channel.id, 'postmortem');
    expect(visibleText(pm)).toContain('2 of 3 accounts in');
    expect(visibleText(pm)).toContain('Responder A');
    const line = visibleText(pm).split('\n').find((l) => l.includes('the pager went off'));
    expect(line).toContain('Responder A');
    expect(line).not.toContain(alice);
    expect(line).not.toContain('Alice');
    t.slack.closeView(bob, pm.id);
  });

  it('schedules the review in the author’s zone, invites everyone once, and reminds the facilitator on the day', async () => {
    // Alice, in Paris, schedules it for 18:00 her time three days on: 17:00 UTC, noon in New York.
    const day = new Date(Date.now() + offsetMs + 3 * 24 * HOUR).toISOString().slice(0, 10);
    await t.driver.command({ user: alice, channel: channel.id, text: `review ${day} 18:00` });
    await requestsFinished(t);
    const meeting = await t.bot.database.db.selectFrom('review_meetings').selectAll().where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(meeting.starts_at).toBe(`${day}T17:00:00.000Z`);
    expect(meeting.time_zone).toBe('Europe/Paris');
    // The commander does not facilitate: Bob is proposed.
    expect(meeting.facilitator_id).toBe(bob);
    const invitations = t.slack.botMessages(channel.id).filter((m) => JSON.stringify(m.metadata ?? {}).includes('review_invitation'));
    expect(invitations).toHaveLength(1);
    const invitation = invitations[0]!;
    expect(mentionsIn(invitation, alice)).toBe(1);
    expect(mentionsIn(invitation, bob)).toBe(1);
    expect(mentionsIn(invitation, carol)).toBe(1);
    expect(mentionsIn(invitation, dave)).toBe(0);
    expect(visibleText(invitation)).toContain('2 of 3 accounts in');

    // Bob facilitates from New York: 09:00 there on the day is 14:00 UTC.
    const reminders = () => t.slack.dm(bob).filter((m) => visibleText(m).toLowerCase().includes('review') && !JSON.stringify(m.metadata ?? {}).includes('account_request'));
    setNow(`${day}T13:58:00Z`);
    await jobRan(t, 'review-reminders');
    expect(reminders()).toEqual([]);
    setNow(`${day}T14:00:30Z`);
    await jobRan(t, 'review-reminders');
    await waitFor(() => (reminders().length === 1 ? true : undefined));
    await jobRan(t, 'review-reminders');
    expect(reminders()).toHaveLength(1);
  });

  it('publishes the accounts as Perspectives in Slack and the Markdown file, and closes them', async () => {
    const form = await commandOpeningModal(t, alice, channel.id, 'postmortem');
    await t.driver.submitView({ user: alice, viewId: form.id, fields: PUBLISHABLE_CONTENT });
    const review = await waitFor(() => (t.slack.view(form.id)?.callback_id === 'postmortem_review' ? t.slack.view(form.id) : undefined));
    // Bob's self-blame is shown to the author, but does not hold publishing up.
    expect(visibleText(review)).toContain('I should have');
    await t.driver.submitView({ user: alice, viewId: form.id });
    await waitFor(() => (visibleText(t.slack.view(form.id)).includes('Published in') ? true : undefined), { timeoutMs: 15_000 });
    t.slack.closeView(alice, form.id);

    const published = t.slack.botMessages(channel.id).filter((m) => m.text.startsWith('Post-mortem:')).map(visibleText).join('\n');
    expect(published).toContain('Perspectives (2)');
    expect(published).toContain('Bob Builder');
    expect(published).toContain('Responder A');
    expect(published).toContain('saw the 502s climb');
    expect(published).toMatch(/Responder A\*? _\(recalled\)_: the pager went off/);
    // Alice wrote anonymously: her account never names her.
    expect(published).not.toMatch(/Alice Ops[^\n]*pager went off/);

    const file = t.slack.files().find((f) => f.name === 'README.md');
    const markdown = file!.content.toString();
    expect(markdown).toContain('## Perspectives');
    expect(markdown).toContain('### Bob Builder');
    expect(markdown).toContain('### Responder A');
    expect(markdown).toMatch(/Responder A _\(recalled\)_: the pager went off/);
    // Her account gives the time in UTC, not on her Paris clock: nothing in it says where she is.
    const utc = new Date(Date.parse((await t.bot.database.db.selectFrom('incidents').select('impact_started_at').where('id', '=', incidentId).executeTakeFirstOrThrow()).impact_started_at) - 10 * 60_000);
    expect(markdown).toContain(`${utc.toISOString().slice(11, 16)} UTC the pager went off for checkout`);
    expect(markdown).toContain('Europe/Paris');

    // Accounts are closed now: the DM says so, and editing is refused.
    await waitFor(() => (buttonTexts(requestIn(bob)).length === 0 ? true : undefined));
  });
});

const buttonTexts = (message: FakeMessage) => buttonsOf(message).map((b) => b.text);

function mentionsIn(message: FakeMessage, user: string): number {
  return JSON.stringify(message.blocks ?? []).split(`<@${user}>`).length - 1;
}

describe('accounts of people who only posted', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ jobs: { askForAccountsEveryMs: 50 } });
  });
  afterAll(() => t.stop());

  it('asks someone who posted in the channel or its threads though nobody pinned it, and not someone who only joined', async () => {
    const alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
    const gina = t.slack.addUser({ name: 'gina', realName: 'Gina Support' }).id;
    const hal = t.slack.addUser({ name: 'hal', realName: 'Hal Lurker' }).id;
    const ivy = t.slack.addUser({ name: 'ivy', realName: 'Ivy Threads' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice, gina, hal, ivy] }).id;
    const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Search is slow', severity: 'SEV2' });
    t.slack.joinChannel(gina, channel.id);
    t.slack.joinChannel(hal, channel.id);
    const report = t.slack.post(gina, channel.id, 'Customers report search timing out since 10:00');
    await t.driver.messagePosted(report);
    // Ivy only answers in the thread.
    t.slack.joinChannel(ivy, channel.id);
    await t.driver.messagePosted(t.slack.post(ivy, channel.id, 'Same in the EU region', { threadTs: report.ts }));
    await requestsFinished(t);
    await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Scaled the search cluster' });
    const asked = async () => (await t.bot.database.db.selectFrom('participant_accounts').select('user_id').where('incident_id', '=', row.id).execute()).map((r) => r.user_id).sort();
    await waitFor(async () => ((await asked()).length === 3 ? true : undefined));
    await jobRan(t, 'ask-for-accounts');
    expect(await asked()).toEqual([alice, gina, ivy].sort());
  });
});

describe('accounts of a private incident', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ jobs: { askForAccountsEveryMs: 50 } });
  });
  afterAll(() => t.stop());

  it('are asked only of its members, now', async () => {
    const alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
    const bob = t.slack.addUser({ name: 'bob', realName: 'Bob Builder' }).id;
    const erin = t.slack.addUser({ name: 'erin', realName: 'Erin Left' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice, bob, erin] }).id;
    const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Payroll export leaked', severity: 'SEV1', private: true, responders: [bob, erin] });
    const members = t.slack.channel(channel.id)!.members;
    members.splice(members.indexOf(erin), 1);
    await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Revoked the export link' });
    const asked = async () => (await t.bot.database.db.selectFrom('participant_accounts').select('user_id').where('incident_id', '=', row.id).execute()).map((r) => r.user_id).sort();
    await waitFor(async () => ((await asked()).length === 2 ? true : undefined));
    await jobRan(t, 'ask-for-accounts');
    expect(await asked()).toEqual([alice, bob].sort());
    expect(t.slack.dm(erin).filter((m) => JSON.stringify(m.metadata ?? {}).includes('account_request'))).toEqual([]);
  });
});
