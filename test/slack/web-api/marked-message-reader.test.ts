import type { WebClient } from '@slack/web-api';
import { FIRST_READ_DELAY_MS, MarkedMessageReader, READ_GAP_MS, type ReadVia } from '../../../src/slack/web-api/marked-message-reader';
import { ThreadParents } from '../../../src/slack/web-api/thread-parents';
import { FakeSlack } from '../../../tools/fake-slack';
import { webClientFor } from '../../../tools/harness/web-client';
import { manualTime } from '../../../tools/harness/manual-time';


describe('MarkedMessageReader', () => {
  let slack: FakeSlack;
  let client: WebClient;
  let via: ReadVia;
  let alice: string;
  let bob: string;
  let channel: string;
  let time: ReturnType<typeof manualTime>;
  let parents: ThreadParents;
  let reader: MarkedMessageReader;

  const reads = () => slack.calls.filter((c) => ['conversations.history', 'conversations.replies', 'reactions.get'].includes(c.method));
  const permalinkOf = async (ts: string) => (await client.chat.getPermalink({ channel, message_ts: ts })).permalink;

  beforeEach(async () => {
    slack = await FakeSlack.start({ rateLimits: 'off' });
    client = webClientFor(slack);
    via = { client, workspaceUrl: (await client.auth.test()).url as string };
    alice = slack.addUser({ name: 'alice' }).id;
    bob = slack.addUser({ name: 'bob' }).id;
    channel = slack.addChannel({ name: 'inc-checkout', members: [slack.bot.userId, alice, bob] }).id;
    time = manualTime();
    parents = new ThreadParents();
    reader = new MarkedMessageReader(parents, { time });
  });
  afterEach(() => slack.stop());

  it('reads the messages asked for together in one channel with one conversations.history over their span', async () => {
    const first = slack.post(bob, channel, 'DB CPU at 100%', { files: [{ name: 'cpu.png', content: 'png' }] });
    slack.post(bob, channel, 'unrelated chatter');
    const third = slack.post(alice, channel, 'Rolled back deploy 41');
    slack.addReaction(alice, channel, first.ts, 'pushpin');
    slack.addReaction(bob, channel, third.ts, 'pushpin');

    const asked = [reader.read(channel, third.ts, via), reader.read(channel, first.ts, via)];
    // A quiet channel is read almost at once, not before.
    await time.advance(FIRST_READ_DELAY_MS - 1);
    expect(reads()).toEqual([]);
    await time.advance(1);
    const [readThird, readFirst] = await Promise.all(asked);

    expect(readFirst).toMatchObject({ ts: first.ts, user: bob, text: 'DB CPU at 100%', files: [{ name: 'cpu.png' }] });
    expect(readFirst!.reactions).toEqual([{ name: 'pushpin', users: [alice], count: 1 }]);
    expect(readThird).toMatchObject({ ts: third.ts, user: alice, reactions: [{ name: 'pushpin', users: [bob], count: 1 }] });
    expect(readFirst!.permalink).toBe(await permalinkOf(first.ts));
    expect(reads().map((c) => [c.method, c.args])).toEqual([
      ['conversations.history', expect.objectContaining({ channel, oldest: first.ts, latest: third.ts, inclusive: 'true' })],
    ]);
  });

  it('waits READ_GAP after the previous read, then serves everything asked for meanwhile with one call', async () => {
    const messages = ['one', 'two', 'three', 'four'].map((text) => slack.post(bob, channel, text));
    const first = reader.read(channel, messages[0]!.ts, via);
    await time.advance(FIRST_READ_DELAY_MS);
    await first;

    const meanwhile = [reader.read(channel, messages[3]!.ts, via)];
    await time.advance(4_000);
    meanwhile.push(reader.read(channel, messages[1]!.ts, via));
    await time.advance(READ_GAP_MS - 4_000 - 1);
    expect(reads()).toHaveLength(1);
    await time.advance(1);
    expect((await Promise.all(meanwhile)).map((m) => m?.text)).toEqual(['four', 'two']);
    expect(reads()).toHaveLength(2);
    expect(reads()[1]!.args).toMatchObject({ oldest: messages[1]!.ts, latest: messages[3]!.ts });
  });

  it('serves a read asked for while another is under way by a later call, so it sees Slack as it is after it was asked', async () => {
    const message = slack.post(bob, channel, 'Paged the database team');
    const before = reader.read(channel, message.ts, via);
    await time.advance(FIRST_READ_DELAY_MS);
    // Asked once the first read has started: that read must not answer it.
    const after = reader.read(channel, message.ts, via);
    expect((await before)!.reactions).toBeUndefined();
    slack.addReaction(alice, channel, message.ts, 'pushpin');
    await time.advance(READ_GAP_MS);
    expect((await after)!.reactions).toEqual([{ name: 'pushpin', users: [alice], count: 1 }]);
    expect(reads()).toHaveLength(2);
  });

  it('reads replies with their thread when it is known, with reactions.get when it is not, and builds their permalinks', async () => {
    const parent = slack.post(bob, channel, 'Rolling back');
    const known = slack.post(alice, channel, 'Rollback at 50%', { threadTs: parent.ts });
    const known2 = slack.post(bob, channel, 'Rollback finished', { threadTs: parent.ts });
    const unknown = slack.post(alice, channel, 'Error rate falling', { threadTs: parent.ts });
    slack.addReaction(bob, channel, known2.ts, 'pushpin');
    parents.remember(channel, known.ts, parent.ts);
    parents.remember(channel, known2.ts, parent.ts);

    const asked = [known, known2, unknown].map((m) => reader.read(channel, m.ts, via));
    await time.advance(FIRST_READ_DELAY_MS);
    const [a, b, c] = await Promise.all(asked);
    expect([a?.text, b?.text, c?.text]).toEqual(['Rollback at 50%', 'Rollback finished', 'Error rate falling']);
    expect(b!.reactions).toEqual([{ name: 'pushpin', users: [bob], count: 1 }]);
    expect(a!.permalink).toBe(await permalinkOf(known.ts));
    expect(c!.permalink).toBe(await permalinkOf(unknown.ts));
    expect(a!.permalink).toContain(`?thread_ts=${parent.ts}&cid=${channel}`);
    // The unknown reply was looked for in history first, then read alone; the known ones with their thread.
    expect(reads().map((r) => r.method).sort()).toEqual(['conversations.history', 'conversations.replies', 'reactions.get']);
    expect(slack.callsTo('conversations.replies')[0]!.args).toMatchObject({ ts: parent.ts, oldest: known.ts, latest: known2.ts, inclusive: 'true' });
    // Read once, the unknown reply's thread is remembered.
    expect(parents.parentOf(channel, unknown.ts)).toBe(parent.ts);
  });

  it('answers null for a message deleted, top-level or reply', async () => {
    const parent = slack.post(bob, channel, 'Thread');
    const reply = slack.post(alice, channel, 'Reply', { threadTs: parent.ts });
    const gone = slack.post(bob, channel, 'Oops');
    parents.remember(channel, reply.ts, parent.ts);
    slack.deleteMessage(channel, gone.ts);
    slack.deleteMessage(channel, reply.ts);
    const asked = [reader.read(channel, gone.ts, via), reader.read(channel, reply.ts, via)];
    await time.advance(FIRST_READ_DELAY_MS);
    expect(await Promise.all(asked)).toEqual([null, null]);
  });

  it('pages through a span that holds more than one page', async () => {
    const first = slack.post(bob, channel, 'first');
    for (let i = 0; i < 250; i += 1) slack.post(alice, channel, `chatter ${i}`);
    const last = slack.post(bob, channel, 'last');
    const asked = [reader.read(channel, first.ts, via), reader.read(channel, last.ts, via)];
    await time.advance(FIRST_READ_DELAY_MS);
    expect((await Promise.all(asked)).map((m) => m?.text)).toEqual(['first', 'last']);
    const history = slack.callsTo('conversations.history');
    expect(history).toHaveLength(2);
    expect(history[1]!.args.cursor).toEqual(expect.any(String));
  });

  it('fails only the messages a refused call kept unread', async () => {
    const parent = slack.post(bob, channel, 'Thread');
    const reply = slack.post(alice, channel, 'Reply', { threadTs: parent.ts });
    const top = slack.post(bob, channel, 'Top level');
    parents.remember(channel, reply.ts, parent.ts);
    slack.injectFault('conversations.history', { kind: 'error', error: 'internal_error' });
    const topRead = reader.read(channel, top.ts, via);
    const replyRead = reader.read(channel, reply.ts, via);
    const topFailed = expect(topRead).rejects.toMatchObject({ code: 'slack_refused' });
    await time.advance(FIRST_READ_DELAY_MS);
    await topFailed;
    expect((await replyRead)?.text).toBe('Reply');
  });
});

describe('ThreadParents', () => {
  it('remembers replies, not top-level messages, and forgets the oldest past its bound', () => {
    const parents = new ThreadParents(2);
    parents.remember('C1', '1.000001', undefined);
    parents.remember('C1', '1.000002', '1.000002');
    parents.remember('C1', '1.000003', '1.000001');
    parents.remember('C2', '1.000003', '1.000002');
    parents.remember('C1', '1.000004', '1.000001');
    expect(parents.parentOf('C1', '1.000001')).toBeUndefined();
    expect(parents.parentOf('C1', '1.000002')).toBeUndefined();
    expect(parents.parentOf('C1', '1.000003')).toBeUndefined();
    expect(parents.parentOf('C2', '1.000003')).toBe('1.000002');
    expect(parents.parentOf('C1', '1.000004')).toBe('1.000001');
  });
});
