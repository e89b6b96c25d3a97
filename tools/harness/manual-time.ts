import type { PacerTime } from '../../src/slack/web-api/channel-pacer';

export interface ManualTime extends PacerTime {
  /** Moves time forward by `ms`, waking each sleeper at its moment, in order, and lets what it starts run. */
  advance(ms: number): Promise<void>;
}

/** Time that moves only when the test moves it; sleepers wake when their moment has come. */
export function manualTime(start = 0): ManualTime {
  let t = start;
  let timers: Array<{ at: number; wake: () => void }> = [];
  const settle = async () => {
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    now: () => t,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: t + ms, wake })),
    async advance(ms) {
      const end = t + ms;
      // Step through each timer due on the way, so that what it starts sees the right time.
      for (;;) {
        await settle();
        const next = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        t = Math.max(t, next.at);
        timers = timers.filter((x) => x !== next);
        next.wake();
      }
      t = end;
      await settle();
    },
  };
}
