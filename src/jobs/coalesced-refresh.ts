import { type TimeSource, realTime } from '../time-source';
import { type WorkPriority, currentPriority, runWithPriority } from '../work-priority';

/** Time as the refresh sees it: injected so tests move it by hand and the benchmark runs it fast. */
export type RefreshTime = TimeSource;

/** Beyond this many keys remembered, those quiet for longer than the gap are dropped. */
const KEYS_KEPT = 1_000;

interface Trailing {
  /** The latest request's work: it has the freshest dependencies; each run reads the state anew anyway. */
  run: () => Promise<void>;
  /** Someone waiting is a person: the shared update runs at their priority, not behind background work. */
  priority: WorkPriority;
  done: Promise<void>;
}

interface Lane {
  /** Settles when the update running now has finished; null when none runs. */
  running: Promise<void> | null;
  /** The one update that every request arriving now joins. */
  trailing: Trailing | null;
  /** Until then a request joins a trailing update instead of running at once. */
  quietAt: number;
}

/**
 * Shares one refresh among requests for the same key that arrive together. The first request
 * after a quiet spell runs at once; requests arriving while it runs, or within `gapMs` after it
 * finished, all join one trailing run that starts when the gap has passed. A request never joins
 * a run already under way: that run may have read the state before the request's change.
 *
 * `run` must read the state it shows when it starts. Each request's promise settles when a run
 * that started after the request has finished, with that run's error if it failed: everyone
 * sharing a run gets its error. Keys are independent of each other. One per process.
 */
export class CoalescedRefresh {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly gapMs: number,
    private readonly time: RefreshTime = realTime,
  ) {}

  refresh(key: string, run: () => Promise<void>): Promise<void> {
    let lane = this.lanes.get(key);
    if (!lane) {
      if (this.lanes.size >= KEYS_KEPT) this.forgetQuiet();
      lane = { running: null, trailing: null, quietAt: -Infinity };
      this.lanes.set(key, lane);
    }
    const trailing = lane.trailing;
    if (trailing) {
      trailing.run = run;
      if (currentPriority() === 'interactive') trailing.priority = 'interactive';
      return trailing.done;
    }
    if (!lane.running && this.time.now() >= lane.quietAt) return this.start(lane, run);
    return this.queue(lane, run);
  }

  private start(lane: Lane, run: () => Promise<void>): Promise<void> {
    const done = (async () => {
      try {
        await run();
      } finally {
        lane.quietAt = this.time.now() + this.gapMs;
        lane.running = null;
      }
    })();
    lane.running = done.catch(() => undefined);
    return done;
  }

  private queue(lane: Lane, run: () => Promise<void>): Promise<void> {
    const trailing: Trailing = { run, priority: currentPriority(), done: Promise.resolve() };
    trailing.done = (async () => {
      await lane.running;
      const wait = lane.quietAt - this.time.now();
      if (wait > 0) await this.time.sleep(wait);
      // From here on, a new request waits for this run to finish and then joins the next one.
      lane.trailing = null;
      return runWithPriority(trailing.priority, () => this.start(lane, trailing.run));
    })();
    lane.trailing = trailing;
    return trailing.done;
  }

  private forgetQuiet(): void {
    const now = this.time.now();
    for (const [key, lane] of this.lanes) if (!lane.running && !lane.trailing && lane.quietAt <= now) this.lanes.delete(key);
  }
}
