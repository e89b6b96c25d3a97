/**
 * Answers from Slack remembered by key for one process: a look-up still under way is shared by
 * everyone who asks meanwhile, a failed one is forgotten at once (the next asks Slack again), and
 * beyond `kept` keys the least recently used is dropped. Whether a remembered answer still serves
 * is the caller's rule: its age, or what it was an answer to.
 */
export class RecentPromises<V, About = undefined> {
  private readonly entries = new Map<string, { value: Promise<V>; about: About; at: number }>();

  constructor(
    private readonly kept: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * The answer remembered for `key` when `serves(about it was for, its age in ms)` says it still
   * does; otherwise `ask()`'s, remembered as about `about`.
   */
  get(key: string, about: About, serves: (known: About, ageMs: number) => boolean, ask: () => Promise<V>): Promise<V> {
    const known = this.entries.get(key);
    this.entries.delete(key);
    if (known && serves(known.about, this.now() - known.at)) {
      // Used again: it is kept longest.
      this.entries.set(key, known);
      return known.value;
    }
    const entry = { value: ask(), about, at: this.now() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > this.kept) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry.value;
  }

  /** Forgets every answer. */
  clear(): void {
    this.entries.clear();
  }
}
