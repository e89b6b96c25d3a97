import { ChannelPacer, type PacerTime } from '../../../src/slack/web-api/channel-pacer';

/** A clock that moves only when someone sleeps on it: each sleep is recorded, then time jumps. */
function fakeTime(start = 0): PacerTime & { t: number; sleeps: number[] } {
  const time = {
    t: start,
    sleeps: [] as number[],
    now: () => time.t,
    async sleep(ms: number) {
      time.sleeps.push(ms);
      time.t += ms;
    },
  };
  return time;
}

describe('ChannelPacer', () => {
  it('lets the first post through at once and spaces the next ones a second apart in the same channel', async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer(1000, time);
    const postedAt: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await pacer.turn('C1');
      postedAt.push(time.t);
    }
    expect(postedAt).toEqual([0, 1000, 2000, 3000]);
    expect(time.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('paces each channel on its own', async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer(1000, time);
    await pacer.turn('C1');
    await pacer.turn('C2');
    await pacer.turn('C3');
    expect(time.sleeps).toEqual([]);
  });

  it('does not wait when the channel was quiet long enough, and waits only the rest of the second otherwise', async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer(1000, time);
    await pacer.turn('C1');
    time.t += 1500;
    await pacer.turn('C1');
    time.t += 400;
    await pacer.turn('C1');
    expect(time.sleeps).toEqual([600]);
  });

  it('queues two publishes in one channel one slot after another, in the order they asked', async () => {
    const time: PacerTime & { t: number } = { t: 0, now: () => time.t, sleep: () => Promise.resolve() };
    const waits: number[] = [];
    time.sleep = async (ms) => void waits.push(ms);
    const pacer = new ChannelPacer(1000, time);
    await Promise.all([pacer.turn('C1'), pacer.turn('C1'), pacer.turn('C1')]);
    expect(waits).toEqual([1000, 2000]);
  });

  it('posts at once with no interval', async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer(0, time);
    for (let i = 0; i < 5; i += 1) await pacer.turn('C1');
    expect(time.sleeps).toEqual([]);
  });
});
