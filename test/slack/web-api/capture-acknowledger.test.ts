import pino from 'pino';
import type { WebClient } from '@slack/web-api';
import { ACK_WAIT_BOUND_MS, CaptureAcknowledger, type CaptureToAcknowledge, NOTE_GATHER_MS } from '../../../src/slack/web-api/capture-acknowledger';
import { slackTsToDate } from '../../../src/slack/parse/slack-ts';
import { FakeSlack } from '../../../tools/fake-slack';
import type { FakeMessage } from '../../../tools/fake-slack/types';
import { webClientFor } from '../../../tools/harness/web-client';
import { manualTime } from '../../../tools/harness/manual-time';


describe('CaptureAcknowledger', () => {
  let slack: FakeSlack;
  let client: WebClient;
  let bob: string;
  let channel: string;
  let card: FakeMessage;
  let time: ReturnType<typeof manualTime>;
  /** How long reactions.add would make a call wait, as the limiter would say. */
  let reactionWaitMs: number;
  let acks: CaptureAcknowledger;

  const memoed = (ts: string) => slack.reactionsOn(channel, ts).some((r) => r.name === 'memo' && r.users.includes(slack.bot.userId));
  const notes = () => slack.replies(channel, card.ts).filter((m) => m.ts !== card.ts);
  const capture = (message: FakeMessage, cardTs: string | null = card.ts): CaptureToAcknowledge => ({
    channelId: channel,
    ts: message.ts,
    text: message.text,
    authorId: message.user ?? null,
    postedAt: slackTsToDate(message.ts),
    permalink: `https://fake.slack.com/archives/${channel}/p${message.ts.replace('.', '')}`,
    cardTs,
  });

  beforeEach(async () => {
    slack = await FakeSlack.start({ rateLimits: 'off' });
    client = webClientFor(slack);
    bob = slack.addUser({ name: 'bob' }).id;
    channel = slack.addChannel({ name: 'inc-checkout', members: [slack.bot.userId, bob] }).id;
    const posted = await client.chat.postMessage({ channel, text: 'Incident card' });
    card = slack.message(channel, posted.ts as string)!;
    time = manualTime();
    reactionWaitMs = 0;
    acks = new CaptureAcknowledger({ expectedWaitMs: () => reactionWaitMs }, { logger: pino({ level: 'silent' }), time });
  });
  afterEach(() => slack.stop());

  it('reacts with :memo: while the reaction budget can serve it soon', async () => {
    const message = slack.post(bob, channel, 'DB CPU at 100%');
    reactionWaitMs = ACK_WAIT_BOUND_MS;
    await acks.acknowledge(client, capture(message));
    expect(memoed(message.ts)).toBe(true);
    expect(notes()).toEqual([]);
  });

  it('acknowledges a burst with one note in the card’s thread once reactions would wait too long', async () => {
    const messages = ['Error rate 20%', 'Rolled back 41', 'Error rate 2%'].map((text) => slack.post(bob, channel, text));
    reactionWaitMs = ACK_WAIT_BOUND_MS + 1;
    let done = 0;
    const acknowledged = messages.map((m) => acks.acknowledge(client, capture(m)).then(() => (done += 1)));
    await time.advance(NOTE_GATHER_MS - 1);
    expect(done).toBe(0);
    await time.advance(1);
    await Promise.all(acknowledged);
    expect(notes()).toHaveLength(1);
    const [note] = notes();
    expect(note!.text).toContain(':memo: 3 messages added to the timeline');
    for (const m of messages) expect(note!.text).toContain(`<https://fake.slack.com/archives/${channel}/p${m.ts.replace('.', '')}|view>`);
    expect(messages.some((m) => memoed(m.ts))).toBe(false);
    expect(slack.callsTo('reactions.add')).toEqual([]);
  });

  it('reacts even so where the incident has no card to note under', async () => {
    const message = slack.post(bob, channel, 'No card here');
    reactionWaitMs = ACK_WAIT_BOUND_MS * 2;
    await acks.acknowledge(client, capture(message, null));
    expect(memoed(message.ts)).toBe(true);
  });

  it('leaves out of the note a capture withdrawn before it is posted, and touches no reaction for it', async () => {
    const kept = slack.post(bob, channel, 'Kept');
    const withdrawn = slack.post(bob, channel, 'Withdrawn');
    reactionWaitMs = ACK_WAIT_BOUND_MS + 1;
    const acknowledged = [acks.acknowledge(client, capture(kept)), acks.acknowledge(client, capture(withdrawn))];
    await acks.withdraw(client, channel, withdrawn.ts);
    await time.advance(NOTE_GATHER_MS);
    await Promise.all(acknowledged);
    expect(notes()).toHaveLength(1);
    expect(notes()[0]!.text).toContain(':memo: 1 message added to the timeline');
    expect(notes()[0]!.text).not.toContain(withdrawn.ts.replace('.', ''));
    expect(slack.callsTo('reactions.remove')).toEqual([]);
  });

  it('takes a reaction withdrawn while it was being added off once it lands', async () => {
    const message = slack.post(bob, channel, 'Maybe relevant');
    slack.injectFault('reactions.add', { kind: 'slow', delayMs: 200 });
    const acknowledged = acks.acknowledge(client, capture(message));
    await acks.withdraw(client, channel, message.ts);
    await acknowledged;
    expect(memoed(message.ts)).toBe(false);
    expect(slack.callsTo('reactions.remove')).toHaveLength(1);
  });
});
