/**
 * Time for code that waits: injected so tests move it by hand and the benchmark runs it faster
 * than the wall clock. `now()` is in milliseconds; only differences between readings matter.
 */
export interface TimeSource {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The wall clock; a wait never holds the process open on its own. */
export const realTime: TimeSource = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};
