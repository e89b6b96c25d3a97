import { performance } from 'node:perf_hooks';
import type { Clock } from '../../src/clock';
import type { PacerTime } from '../../src/slack/web-api/channel-pacer';

/**
 * Time that runs `speed` times faster than the wall clock, so that ten minutes of a busy incident
 * play out in a fraction of that. Given alike to the fake Slack (its rate limits, trigger_id
 * expiry, message timestamps), the bot's clock and everything in the bot that waits (the rate
 * limiter, post pacing, gathering reads), so all of them agree on how long things took.
 *
 * The catch: work that takes real time (CPU, round trips) takes `speed` times longer as this time
 * sees it. Keep `speed` low enough that what should take well under Slack's deadlines still does.
 */
export interface FastTime extends PacerTime {
  /** How many of its milliseconds pass in one of the wall clock's. */
  readonly speed: number;
  /** The same time as the bot's `Clock`. */
  readonly clock: Clock;
  /** Milliseconds since the epoch, as this time has it. */
  now(): number;
  /** Resolves after `ms` of this time (`ms / speed` of the wall clock's). */
  sleep(ms: number): Promise<void>;
  /** Resolves once this time reaches `at` (ms since the epoch); at once if it has. */
  until(at: number): Promise<void>;
}

/** Time from `startAt` (ms since the epoch) onwards, `speed` times faster than the wall clock. */
export function fastTime(speed: number, startAt: number = Date.now()): FastTime {
  if (!(Number.isFinite(speed) && speed > 0)) throw new Error(`speed must be a positive number, got ${speed}`);
  const realStart = performance.now();
  const now = () => Math.floor(startAt + (performance.now() - realStart) * speed);
  // A wait never holds the process open on its own, like the limiter's own timers.
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms) / speed).unref());
  return {
    speed,
    clock: { now: () => new Date(now()) },
    now,
    sleep,
    async until(at) {
      for (let left = at - now(); left > 0; left = at - now()) await sleep(left);
    },
  };
}
