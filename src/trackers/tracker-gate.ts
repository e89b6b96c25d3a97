/**
 * A tracker's rate limit, shared by every sync of one process: once GitHub or Jira says "not
 * before", nothing is sent until then (each item waits for its own retry as well).
 */
export class TrackerGate {
  private until = 0;

  pause(ms: number, now: number): void {
    this.until = Math.max(this.until, now + ms);
  }

  /** Milliseconds left before calls may go out again; 0 when they may. */
  waitMs(now: number): number {
    return Math.max(0, this.until - now);
  }
}
