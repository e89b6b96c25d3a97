import { SlackRateLimiter } from '../../../src/slack/rate-limits/slack-rate-limiter';
import type { WorkPriority } from '../../../src/work-priority';
import { manualTime } from '../../../tools/harness/manual-time';


/** Asks for `n` turns and records, in order, which were granted (by label). */
function ask(limiter: SlackRateLimiter, granted: string[], method: string, priority: WorkPriority, labels: string[], channel?: string) {
  for (const label of labels) void limiter.acquire(method, channel, priority).then(() => granted.push(label));
}

describe('SlackRateLimiter', () => {
  it("grants a Tier 3 method's burst at once, then one call every 1.2 s (50 a minute)", async () => {
    const time = manualTime();
    const limiter = new SlackRateLimiter({ time });
    const granted: string[] = [];
    ask(limiter, granted, 'reactions.add', 'interactive', ['a', 'b', 'c', 'd', 'e']);
    await time.advance(0);
    expect(granted).toEqual(['a', 'b', 'c']);
    await time.advance(1199);
    expect(granted).toHaveLength(3);
    await time.advance(1);
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
    await time.advance(1200);
    expect(granted).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('leaves the last token of a bucket to people: background work waits for two', async () => {
    const time = manualTime();
    const limiter = new SlackRateLimiter({ time });
    const granted: string[] = [];
    ask(limiter, granted, 'chat.update', 'background', ['b1', 'b2', 'b3']);
    await time.advance(0);
    expect(granted).toEqual(['b1', 'b2']);
    ask(limiter, granted, 'chat.update', 'interactive', ['person']);
    await time.advance(0);
    expect(granted).toEqual(['b1', 'b2', 'person']);
  });

  it('serves a person waiting in line before background work that came earlier', async () => {
    const time = manualTime();
    const limiter = new SlackRateLimiter({ time });
    const granted: string[] = [];
    ask(limiter, granted, 'views.publish', 'background', Array.from({ length: 12 }, (_, i) => `home${i}`));
    await time.advance(0);
    const early = granted.length;
    ask(limiter, granted, 'views.publish', 'interactive', ['person']);
    await time.advance(0);
    await time.advance(600);
    // Tier 4 refills one call every 600 ms: the next one goes to the person.
    expect(granted.slice(early)).toEqual(['person']);
  });

  it('paces chat.postMessage a second apart per channel, each channel on its own', async () => {
    const time = manualTime();
    const limiter = new SlackRateLimiter({ time });
    const granted: string[] = [];
    ask(limiter, granted, 'chat.postMessage', 'background', ['c1-1', 'c1-2'], 'C1');
    ask(limiter, granted, 'chat.postMessage', 'background', ['c2-1'], 'C2');
    await time.advance(0);
    expect(granted).toEqual(['c1-1', 'c2-1']);
    await time.advance(1000);
    expect(granted).toEqual(['c1-1', 'c2-1', 'c1-2']);
  });

  it("waits out Slack's Retry-After before anything more goes out on that method", async () => {
    const time = manualTime();
    const limiter = new SlackRateLimiter({ time });
    limiter.penalize('users.info', undefined, 5000);
    const granted: string[] = [];
    ask(limiter, granted, 'users.info', 'interactive', ['after']);
    await time.advance(4999);
    expect(granted).toEqual([]);
    await time.advance(601);
    expect(granted).toEqual(['after']);
  });

  it('keeps to its share of the budget when other processes share the workspace', async () => {
    const time = manualTime();
    let live = 2;
    const limiter = new SlackRateLimiter({ time, share: () => 1 / live });
    const granted: string[] = [];
    ask(limiter, granted, 'conversations.history', 'interactive', ['a', 'b', 'c', 'd']);
    await time.advance(0);
    // Half of Tier 3: a burst of one, then 25 a minute (2.4 s apart).
    expect(granted).toEqual(['a']);
    await time.advance(2400);
    expect(granted).toEqual(['a', 'b']);
    // The other process stopped: the whole budget (one every 1.2 s) from the next turn on.
    live = 1;
    await time.advance(2400);
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
  });

  it('says how long a background call would wait, growing with the line', async () => {
    const time = manualTime();
    const limiter = new SlackRateLimiter({ time });
    expect(limiter.expectedWaitMs('reactions.add')).toBe(0);
    ask(limiter, [], 'reactions.add', 'background', Array.from({ length: 10 }, (_, i) => String(i)));
    await time.advance(0);
    // Two went at once; eight wait, and a new one needs a ninth token plus the one left for people.
    expect(limiter.expectedWaitMs('reactions.add')).toBeCloseTo(10 * 1200 - 1 * 1200, -1);
    expect(limiter.queued).toBe(8);
  });

  it('scales every budget for tests that are not about rate limits', async () => {
    const time = manualTime();
    const limiter = new SlackRateLimiter({ time, scale: 100 });
    const granted: string[] = [];
    ask(limiter, granted, 'pins.add', 'background', Array.from({ length: 100 }, (_, i) => String(i)));
    await time.advance(0);
    // Background work leaves one for people, as at any scale.
    expect(granted).toHaveLength(99);
  });
});
