import pino from 'pino';
import { countMarkRemoval, markRemovalsOf } from '../../src/timeline/mark-removals.repository';
import { type MarkChange, syncMarkedMessage } from '../../src/timeline/sync-marked-message';
import type { ChannelMessage } from '../../src/timeline/timeline-entry';
import type { TimelineDeps } from '../../src/timeline/timeline-deps';
import type { TimelinePort } from '../../src/timeline/timeline-port';
import { timelineFor } from '../../src/timeline/timeline-queries';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

const message: ChannelMessage = {
  channelId: 'C0INC',
  ts: '1795341600.000100',
  postedAt: new Date('2026-11-22T10:00:00.000Z'),
  authorId: 'U2',
  byBot: false,
  text: 'DB CPU at 100%',
  filesNote: null,
  permalink: 'https://x.slack.com/archives/C0INC/p1795341600000100',
};

type Chat = TimelinePort & { reads: number; acks: number; withdrawals: number };

/**
 * A chat whose reads answer from a script: each read takes the next state. `duringRead` runs
 * inside a read, as something another process does while this one waits for Slack.
 */
function scriptedPort(marks: boolean[], duringRead: (read: number) => Promise<void> = async () => undefined): Chat {
  const port: Chat = {
    reads: 0,
    acks: 0,
    withdrawals: 0,
    async readMarkedMessage() {
      const marked = marks[Math.min(port.reads, marks.length - 1)] as boolean;
      port.reads += 1;
      await duringRead(port.reads);
      return { message, marked, markedBy: marked ? 'U3' : null };
    },
    async acknowledge() {
      port.acks += 1;
    },
    async withdrawAcknowledgement() {
      port.withdrawals += 1;
    },
  };
  return port;
}

describe('syncMarkedMessage', () => {
  const clock = { now: () => new Date('2026-11-22T11:00:00Z') };
  const logger = pino({ level: 'silent' });
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let incidentId: string;
  const deps = (port: TimelinePort): TimelineDeps => ({ db: db.db, clock, logger, members: { isMember: async () => true }, port });
  const sync = (port: TimelinePort, change: MarkChange, channelId = 'C0INC') => syncMarkedMessage(deps(port), channelId, message.ts, change);
  const captured = async () => (await timelineFor(db.db, incidentId)).filter((e) => e.kind === 'message');

  beforeEach(async () => {
    db = await testDatabase();
    incidentId = await seedIncident(db);
  });
  afterEach(() => db.remove());

  it('adds once, at the message time, however often it is called while marked, reading the chat once a call', async () => {
    const port = scriptedPort([true]);
    for (let i = 0; i < 3; i += 1) await sync(port, 'added');
    const timeline = await captured();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ occurredAt: message.postedAt, actorId: 'U3', authorId: 'U2' });
    expect(port.acks).toBe(1);
    // Nobody took a mark off meanwhile: no second read.
    expect(port.reads).toBe(3);
  });

  it('takes the entry back, unacknowledged, when a removal was handled while it was being added', async () => {
    // Another process handles the removal while this one reads Slack: it counts it first.
    const port = scriptedPort([true, false], async (read) => {
      if (read === 1) await countMarkRemoval(db.db, 'C0INC', message.ts, clock.now());
    });
    await sync(port, 'added');
    expect(await captured()).toEqual([]);
    expect(port.reads).toBe(2);
    expect(port.acks).toBe(0);
  });

  it('keeps the entry when the mark was taken off and put back meanwhile', async () => {
    const port = scriptedPort([true, true], async (read) => {
      if (read === 1) await countMarkRemoval(db.db, 'C0INC', message.ts, clock.now());
    });
    await sync(port, 'added');
    expect(await captured()).toHaveLength(1);
    expect(port.reads).toBe(2);
    expect(port.acks).toBe(1);
  });

  it('counts each removal, and removes the entry once nobody marks the message', async () => {
    const port = scriptedPort([true, true, false]);
    await sync(port, 'added');
    // One of two people takes their mark off: still marked, nothing changes.
    await sync(port, 'removed');
    expect(await captured()).toHaveLength(1);
    await sync(port, 'removed');
    expect(await captured()).toEqual([]);
    expect(port.withdrawals).toBe(1);
    expect(await markRemovalsOf(db.db, 'C0INC', message.ts)).toBe(2);
  });

  it('ends with no entry when the removal is handled before the add it follows', async () => {
    const port = scriptedPort([false]);
    await sync(port, 'removed');
    await sync(port, 'added');
    expect(await captured()).toEqual([]);
    expect(port.acks).toBe(0);
  });

  it('does nothing in a channel that is not an incident, and counts nothing there', async () => {
    const port = scriptedPort([true]);
    await sync(port, 'added', 'C0OTHER');
    await sync(port, 'removed', 'C0OTHER');
    expect(port.reads).toBe(0);
    expect(port.acks).toBe(0);
    expect(await markRemovalsOf(db.db, 'C0OTHER', message.ts)).toBe(0);
  });
});
