import type { WebClient } from '@slack/web-api';
import { FakeSlack } from '../../tools/fake-slack';
import { webClientFor } from '../../tools/harness/web-client';

/** Messages, threads, DMs, ephemerals, reactions and pins, through the bot's WebClient. */
describe('FakeSlack messages', () => {
  let slack: FakeSlack;
  let client: WebClient;
  let alice: string;
  let bob: string;
  let ops: string;

  beforeEach(async () => {
    slack = await FakeSlack.start();
    client = webClientFor(slack);
    alice = slack.addUser({ name: 'alice' }).id;
    bob = slack.addUser({ name: 'bob' }).id;
    ops = slack.addChannel({ name: 'ops', members: [alice, bob, slack.bot.userId] }).id;
  });
  afterEach(() => slack.stop());

  describe('chat.postMessage', () => {
    it('posts as the bot and returns channel, ts and the message', async () => {
      const result = await client.chat.postMessage({ channel: ops, text: 'Incident declared' });
      expect(result).toMatchObject({
        ok: true,
        channel: ops,
        ts: expect.stringMatching(/^\d+\.\d{6}$/),
        message: { type: 'message', text: 'Incident declared', user: slack.bot.userId, bot_id: slack.bot.botId },
      });
      expect(slack.message(ops, result.ts as string)).toMatchObject({ text: 'Incident declared', channel: ops });
      expect(slack.botMessages(ops)).toHaveLength(1);
    });

    it('gives timestamps from the fake clock that increase even within one millisecond', async () => {
      slack.setClock(() => 1_700_000_000_000);
      const first = await client.chat.postMessage({ channel: ops, text: 'a' });
      const second = await client.chat.postMessage({ channel: ops, text: 'b' });
      expect([first.ts, second.ts]).toEqual(['1700000000.000000', '1700000000.000001']);
    });

    it('delivers to a user id through the DM with that person', async () => {
      const result = await client.chat.postMessage({ channel: alice, text: 'You are on call' });
      expect(result.channel).toMatch(/^D/);
      expect(slack.dm(alice).map((m) => m.text)).toEqual(['You are on call']);
      expect(slack.imChannel(alice)?.id).toBe(result.channel);
      expect(slack.openDm(alice)).toBe(result.channel);
    });

    it('refuses no_text, channel_not_found and not_in_channel', async () => {
      const outside = slack.addChannel({ name: 'random', members: [alice] }).id;
      const secret = slack.addChannel({ name: 'secret', isPrivate: true, members: [alice] }).id;
      await expect(client.chat.postMessage({ channel: ops, text: '' })).rejects.toMatchObject({ data: { error: 'no_text' } });
      await expect(client.chat.postMessage({ channel: 'C_NOPE', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
      await expect(client.chat.postMessage({ channel: outside, text: 'x' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
      // A private channel the bot is not in does not exist as far as the bot can tell.
      await expect(client.chat.postMessage({ channel: secret, text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    });

    it('posts to public channels it is not in only with chat:write.public', async () => {
      await slack.stop();
      slack = await FakeSlack.start({ scopes: ['chat:write', 'chat:write.public'] });
      const outside = slack.addChannel({ name: 'random' }).id;
      await expect(webClientFor(slack).chat.postMessage({ channel: outside, text: 'hi' })).resolves.toMatchObject({ ok: true });
    });

    it('refuses invalid blocks with the problems listed, and over-long block text', async () => {
      const tooLong = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
      await expect(client.chat.postMessage({ channel: ops, text: 'x', blocks: tooLong })).rejects.toMatchObject({
        data: {
          error: 'invalid_blocks',
          response_metadata: { messages: ['[ERROR] blocks[0].text.text: must be at most 3000 characters (got 3001)'] },
        },
      });
      const manySections = Array.from({ length: 5 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(2900) } }));
      await expect(client.chat.postMessage({ channel: ops, text: 'x', blocks: manySections })).rejects.toMatchObject({
        data: { error: 'msg_blocks_too_long' },
      });
      const form = `channel=${ops}&text=x&blocks=${encodeURIComponent('[not json')}`;
      const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      expect(await response.json()).toEqual({ ok: false, error: 'invalid_blocks_format' });
      expect(slack.messages(ops)).toEqual([]);
    });

    it('cuts text beyond 40,000 characters instead of refusing it', async () => {
      const result = await client.chat.postMessage({ channel: ops, text: 'z'.repeat(40_010) });
      expect(slack.message(ops, result.ts as string)?.text).toHaveLength(40_000);
    });

    it('gives blocks without ids the random ids Slack assigns', async () => {
      const result = await client.chat.postMessage({
        channel: ops,
        text: 'x',
        blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Ack' } }] }],
      });
      const [block] = slack.message(ops, result.ts as string)?.blocks ?? [];
      expect(block?.block_id).toMatch(/^\w{5}$/);
      expect(block?.elements[0].action_id).toMatch(/^\w{5}$/);
    });
  });

  describe('threads and history', () => {
    it('keeps replies out of history and in conversations.replies, parent first', async () => {
      const parent = slack.post(alice, ops, 'db is down');
      const reply = await client.chat.postMessage({ channel: ops, text: 'looking', thread_ts: parent.ts });
      const later = slack.post(bob, ops, 'unrelated');
      slack.post(bob, ops, 'me too', { threadTs: parent.ts });

      const history = await client.conversations.history({ channel: ops });
      expect(history.messages?.map((m) => m.text)).toEqual(['unrelated', 'db is down']);
      expect(history.messages?.[1]).toMatchObject({ reply_count: 2, reply_users: [slack.bot.userId, bob], thread_ts: parent.ts });

      const thread = await client.conversations.replies({ channel: ops, ts: parent.ts });
      expect(thread.messages?.map((m) => m.text)).toEqual(['db is down', 'looking', 'me too']);
      // A reply's ts names the whole thread too.
      const viaReply = await client.conversations.replies({ channel: ops, ts: reply.ts as string });
      expect(viaReply.messages).toHaveLength(3);

      expect(slack.messages(ops).map((m) => m.ts)).toEqual([parent.ts, later.ts]);
      expect(slack.replies(ops, parent.ts).map((m) => m.text)).toEqual(['looking', 'me too']);
      expect(slack.message(ops, reply.ts as string)).toMatchObject({ thread_ts: parent.ts, parent_user_id: alice });
    });

    it('honours latest, oldest, inclusive and limit, newest first, with a cursor', async () => {
      slack.setClock(() => 1_700_000_000_000);
      const ts = ['a', 'b', 'c', 'd'].map((text) => slack.post(alice, ops, text).ts);
      const window = await client.conversations.history({ channel: ops, oldest: ts[1], latest: ts[3], inclusive: true });
      expect(window.messages?.map((m) => m.text)).toEqual(['d', 'c', 'b']);
      const exclusive = await client.conversations.history({ channel: ops, oldest: ts[1], latest: ts[3] });
      expect(exclusive.messages?.map((m) => m.text)).toEqual(['c']);

      const page1 = await client.conversations.history({ channel: ops, limit: 3 });
      expect(page1.messages?.map((m) => m.text)).toEqual(['d', 'c', 'b']);
      expect(page1.has_more).toBe(true);
      const page2 = await client.conversations.history({ channel: ops, limit: 3, cursor: page1.response_metadata?.next_cursor });
      expect(page2.messages?.map((m) => m.text)).toEqual(['a']);
      expect(page2.has_more).toBe(false);
    });

    it('shows broadcast replies in the channel too', async () => {
      const parent = slack.post(alice, ops, 'parent');
      await client.chat.postMessage({ channel: ops, text: 'also here', thread_ts: parent.ts, reply_broadcast: true });
      expect(slack.messages(ops).map((m) => [m.text, m.subtype])).toEqual([
        ['parent', undefined],
        ['also here', 'thread_broadcast'],
      ]);
    });

    it('refuses history of a channel the bot is not in', async () => {
      const outside = slack.addChannel({ name: 'random', members: [alice] }).id;
      await expect(client.conversations.history({ channel: outside })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    });
  });

  describe('chat.update, chat.delete and chat.getPermalink', () => {
    it("updates the bot's own message, keeping blocks it was not given and marking it edited", async () => {
      const blocks = [{ type: 'section', block_id: 's', text: { type: 'mrkdwn', text: 'Status: open' } }];
      const { ts } = await client.chat.postMessage({ channel: ops, text: 'open', blocks });
      const updated = await client.chat.update({ channel: ops, ts: ts as string, text: 'resolved' });
      expect(updated).toMatchObject({ ok: true, channel: ops, ts, text: 'resolved' });
      const message = slack.message(ops, ts as string);
      expect(message).toMatchObject({ text: 'resolved', blocks, edited: { user: slack.bot.userId } });
    });

    it("refuses message_not_found and cant_update_message for someone else's message", async () => {
      const human = slack.post(alice, ops, 'mine');
      await expect(client.chat.update({ channel: ops, ts: '1.000001', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
      await expect(client.chat.update({ channel: ops, ts: human.ts, text: 'x' })).rejects.toMatchObject({ data: { error: 'cant_update_message' } });
      await expect(client.chat.delete({ channel: ops, ts: human.ts })).rejects.toMatchObject({ data: { error: 'cant_delete_message' } });
    });

    it('deletes, leaving a tombstone for a parent with replies', async () => {
      const { ts: lone } = await client.chat.postMessage({ channel: ops, text: 'lone' });
      const { ts: parent } = await client.chat.postMessage({ channel: ops, text: 'parent' });
      slack.post(alice, ops, 'reply', { threadTs: parent as string });
      await client.chat.delete({ channel: ops, ts: lone as string });
      await client.chat.delete({ channel: ops, ts: parent as string });
      expect(slack.messages(ops).map((m) => [m.text, m.subtype])).toEqual([['This message was deleted.', 'tombstone']]);
      expect(slack.replies(ops, parent as string).map((m) => m.text)).toEqual(['reply']);
    });

    it('builds permalinks, with thread parameters for replies', async () => {
      slack.setClock(() => 1_700_000_000_123);
      const parent = slack.post(alice, ops, 'parent');
      const reply = slack.post(bob, ops, 'reply', { threadTs: parent.ts });
      const top = await client.chat.getPermalink({ channel: ops, message_ts: parent.ts });
      expect(top.permalink).toBe(`https://fake.slack.com/archives/${ops}/p1700000000123000`);
      const threaded = await client.chat.getPermalink({ channel: ops, message_ts: reply.ts });
      expect(threaded.permalink).toBe(`https://fake.slack.com/archives/${ops}/p1700000000123001?thread_ts=${parent.ts}&cid=${ops}`);
    });
  });

  describe('chat.scheduleMessage and bookmarks.add', () => {
    it('holds scheduled messages until the fake clock reaches them', async () => {
      slack.setClock(() => 1_700_000_000_000);
      await expect(client.chat.scheduleMessage({ channel: ops, text: 'late', post_at: 1_699_999_999 })).rejects.toMatchObject({
        data: { error: 'time_in_past' },
      });
      const scheduled = await client.chat.scheduleMessage({ channel: ops, text: 'Post-mortem due', post_at: 1_700_000_060 });
      expect(scheduled.scheduled_message_id).toMatch(/^Q/);
      expect(slack.deliverScheduledMessages()).toEqual([]);
      slack.advanceClock(60_000);
      expect(slack.deliverScheduledMessages().map((m) => m.text)).toEqual(['Post-mortem due']);
      expect(slack.botMessages(ops).map((m) => m.text)).toEqual(['Post-mortem due']);
    });

    it('bookmarks links in channels the bot is in', async () => {
      const added = await client.bookmarks.add({ channel_id: ops, title: 'Runbook', type: 'link', link: 'https://example.com/runbook' });
      expect(added.bookmark).toMatchObject({ channel_id: ops, title: 'Runbook', link: 'https://example.com/runbook' });
      expect(slack.bookmarks(ops)).toHaveLength(1);
      await expect(client.bookmarks.add({ channel_id: ops, title: 'x', type: 'link', link: 'not a url' })).rejects.toMatchObject({
        data: { error: 'invalid_link' },
      });
    });
  });

  describe('chat.postEphemeral', () => {
    it('shows the message to one member only, never in history', async () => {
      const result = await client.chat.postEphemeral({ channel: ops, user: alice, text: 'only you' });
      expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
      expect(slack.ephemerals(alice)).toEqual([
        expect.objectContaining({ channel: ops, text: 'only you', ts: result.message_ts, source: 'chat.postEphemeral' }),
      ]);
      expect(slack.ephemerals(bob)).toEqual([]);
      expect(slack.messages(ops)).toEqual([]);
    });

    it('refuses user_not_in_channel', async () => {
      const carol = slack.addUser({ name: 'carol' }).id;
      await expect(client.chat.postEphemeral({ channel: ops, user: carol, text: 'x' })).rejects.toMatchObject({
        data: { error: 'user_not_in_channel' },
      });
    });
  });

  describe('reactions and pins', () => {
    it('adds, lists and removes reactions, refusing duplicates and missing ones', async () => {
      const message = slack.post(alice, ops, 'fixed?');
      await client.reactions.add({ channel: ops, timestamp: message.ts, name: 'eyes' });
      slack.addReaction(bob, ops, message.ts, ':eyes:');
      expect(slack.reactionsOn(ops, message.ts)).toEqual([{ name: 'eyes', users: [slack.bot.userId, bob], count: 2 }]);
      await expect(client.reactions.add({ channel: ops, timestamp: message.ts, name: 'eyes' })).rejects.toMatchObject({
        data: { error: 'already_reacted' },
      });
      const got = await client.reactions.get({ channel: ops, timestamp: message.ts });
      expect(got.message?.reactions).toEqual([{ name: 'eyes', users: [slack.bot.userId, bob], count: 2 }]);
      await client.reactions.remove({ channel: ops, timestamp: message.ts, name: 'eyes' });
      await expect(client.reactions.remove({ channel: ops, timestamp: message.ts, name: 'eyes' })).rejects.toMatchObject({
        data: { error: 'no_reaction' },
      });
      await expect(client.reactions.add({ channel: ops, timestamp: '1.000009', name: 'eyes' })).rejects.toMatchObject({
        data: { error: 'message_not_found' },
      });
    });

    it('pins and unpins, refusing already_pinned and no_pin', async () => {
      const message = slack.post(alice, ops, 'runbook: https://example.com');
      await client.pins.add({ channel: ops, timestamp: message.ts });
      expect(slack.pins(ops)).toEqual([expect.objectContaining({ ts: message.ts, created_by: slack.bot.userId })]);
      expect(slack.message(ops, message.ts)?.pinned_to).toEqual([ops]);
      await expect(client.pins.add({ channel: ops, timestamp: message.ts })).rejects.toMatchObject({ data: { error: 'already_pinned' } });
      await client.pins.remove({ channel: ops, timestamp: message.ts });
      await expect(client.pins.remove({ channel: ops, timestamp: message.ts })).rejects.toMatchObject({ data: { error: 'no_pin' } });
    });
  });
});

describe('FakeSlack conversations and users', () => {
  let slack: FakeSlack;
  let client: WebClient;
  let alice: string;

  beforeEach(async () => {
    // These tests try Slack's other rules many times over; rate limits have tests of their own.
    slack = await FakeSlack.start({ rateLimits: 'off' });
    client = webClientFor(slack);
    alice = slack.addUser({ name: 'alice', realName: 'Alice Ops', tz: 'America/Los_Angeles' }).id;
  });
  afterEach(() => slack.stop());

  it('creates channels with the bot as member and a join message, by Slack naming rules', async () => {
    const created = await client.conversations.create({ name: 'inc-42-db', is_private: true });
    expect(created.channel).toMatchObject({ name: 'inc-42-db', is_private: true, is_member: true, creator: slack.bot.userId });
    const id = created.channel?.id as string;
    expect(slack.channel(id)?.members).toEqual([slack.bot.userId]);
    expect(slack.messages(id)).toEqual([expect.objectContaining({ subtype: 'channel_join', user: slack.bot.userId })]);
    expect(slack.botMessages(id)).toEqual([]);

    const refusals: Array<[string, string]> = [
      ['Inc-42', 'invalid_name_specials'],
      ['inc 42', 'invalid_name_specials'],
      ['x'.repeat(81), 'invalid_name_maxlength'],
      ['', 'invalid_name_required'],
      ['---', 'invalid_name_punctuation'],
      ['inc-42-db', 'name_taken'],
    ];
    for (const [name, error] of refusals) {
      await expect(client.conversations.create({ name })).rejects.toMatchObject({ data: { error } });
    }
  });

  it('keeps archived channel names taken', async () => {
    slack.addChannel({ name: 'inc-1', isArchived: true });
    await expect(client.conversations.create({ name: 'inc-1' })).rejects.toMatchObject({ data: { error: 'name_taken' } });
  });

  it('invites people, refusing the bot itself, strangers and members', async () => {
    const bob = slack.addUser({ name: 'bob' }).id;
    const { channel } = await client.conversations.create({ name: 'inc-7' });
    const id = channel?.id as string;
    await client.conversations.invite({ channel: id, users: `${alice},${bob}` });
    expect(slack.channel(id)?.members).toEqual([slack.bot.userId, alice, bob]);
    expect(slack.messages(id).at(-1)).toMatchObject({ subtype: 'channel_join', user: bob, inviter: slack.bot.userId });

    await expect(client.conversations.invite({ channel: id, users: alice })).rejects.toMatchObject({ data: { error: 'already_in_channel' } });
    await expect(client.conversations.invite({ channel: id, users: 'U_NOPE' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    await expect(client.conversations.invite({ channel: id, users: slack.bot.userId })).rejects.toMatchObject({ data: { error: 'cant_invite_self' } });
    const outside = slack.addChannel({ name: 'random' }).id;
    await expect(client.conversations.invite({ channel: outside, users: alice })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
  });

  it('sets topic and purpose, renames and archives, leaving the messages Slack shows', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-8' });
    const id = channel?.id as string;
    await client.conversations.setTopic({ channel: id, topic: 'SEV1: checkout down' });
    await client.conversations.setPurpose({ channel: id, purpose: 'Incident room' });
    await client.conversations.rename({ channel: id, name: 'inc-8-resolved' });
    await client.conversations.archive({ channel: id });
    expect(slack.channel(id)).toMatchObject({
      name: 'inc-8-resolved',
      previous_names: ['inc-8'],
      is_archived: true,
      topic: { value: 'SEV1: checkout down', creator: slack.bot.userId },
      purpose: { value: 'Incident room' },
    });
    expect(slack.messages(id).map((m) => m.subtype)).toEqual(['channel_join', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive']);
    await expect(client.chat.postMessage({ channel: id, text: 'x' })).rejects.toMatchObject({ data: { error: 'is_archived' } });
    await expect(client.conversations.archive({ channel: id })).rejects.toMatchObject({ data: { error: 'already_archived' } });
  });

  it('joins public channels only', async () => {
    const pub = slack.addChannel({ name: 'announcements' }).id;
    const priv = slack.addChannel({ name: 'secret', isPrivate: true }).id;
    await client.conversations.join({ channel: pub });
    expect(slack.channel(pub)?.members).toContain(slack.bot.userId);
    await expect(client.conversations.join({ channel: pub })).resolves.toMatchObject({ warning: 'already_in_channel' });
    await expect(client.conversations.join({ channel: priv })).rejects.toMatchObject({
      data: { error: 'method_not_supported_for_channel_type' },
    });
  });

  it('lists members with a cursor and opens DMs', async () => {
    const bob = slack.addUser({ name: 'bob' }).id;
    const id = slack.addChannel({ name: 'team', members: [alice, bob, slack.bot.userId] }).id;
    const page1 = await client.conversations.members({ channel: id, limit: 2 });
    const page2 = await client.conversations.members({ channel: id, limit: 2, cursor: page1.response_metadata?.next_cursor });
    expect([...(page1.members ?? []), ...(page2.members ?? [])]).toEqual([alice, bob, slack.bot.userId]);
    expect(page2.response_metadata?.next_cursor).toBe('');

    const opened = await client.conversations.open({ users: alice });
    expect(opened.channel?.id).toMatch(/^D/);
    const again = await client.conversations.open({ users: alice });
    expect(again).toMatchObject({ already_open: true, channel: { id: opened.channel?.id } });
  });

  it('describes people with their time zone as Slack does', async () => {
    slack.setClock(() => Date.UTC(2024, 6, 1));
    const summer = slack.addUser({ name: 'sam', tz: 'America/Los_Angeles' }).id;
    const info = await client.users.info({ user: summer });
    expect(info.user).toMatchObject({
      id: summer,
      name: 'sam',
      tz: 'America/Los_Angeles',
      tz_label: 'Pacific Daylight Time',
      tz_offset: -25200,
      is_bot: false,
      deleted: false,
    });
    await expect(client.users.info({ user: 'U_NOPE' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    const list = await client.users.list({});
    expect(list.members?.map((m) => m.id)).toEqual(expect.arrayContaining([alice, summer, slack.bot.userId, 'USLACKBOT']));
  });
});
