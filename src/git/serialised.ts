/** The end of each key's queue; a key leaves the map once its queue drains. */
const tails = new Map<string, Promise<void>>();

/**
 * Runs `work` after every earlier call with the same `key` has settled, success or failure. Keyed
 * by working copy, so two repositories built on one folder in one process still take turns.
 */
export function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
