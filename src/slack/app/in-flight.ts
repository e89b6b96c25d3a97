import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Counts requests whose listeners are still running, so shutdown can wait for them: a
 * declared incident or a captured timeline entry must not be cut off half-way by a deploy.
 */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    this.count += 1;
    try {
      await next();
    } finally {
      this.count -= 1;
      if (this.count === 0) this.waiters.splice(0).forEach((resolve) => resolve());
    }
  };

  get size(): number {
    return this.count;
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`, returning whether it drained. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
