import type { PacerTime } from './channel-pacer';

/** The wall clock, for waits that tests and the benchmark replace with time of their own. */
export const realTime: PacerTime = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
