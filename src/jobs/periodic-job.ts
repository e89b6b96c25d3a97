import type { Logger } from '../logger';
import { runWithPriority } from '../work-priority';

/**
 * Runs `work` every `everyMs`, never overlapping itself. `stop()` cancels the timer and waits for
 * a run in progress, so shutdown never closes the database under a job.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = 0;
  private finished = 0;
  private waiters: Array<{ run: number; resolve: () => void }> = [];

  constructor(
    readonly name: string,
    private readonly everyMs: number,
    private readonly work: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  /** Runs now unless a run is already in progress. */
  runOnce(): Promise<void> {
    if (!this.running) {
      this.started += 1;
      this.running = runWithPriority('background', () => this.work())
        .catch((err: unknown) => this.logger.error({ err, job: this.name }, 'job failed; it will run again'))
        .finally(() => {
          this.running = undefined;
          this.finished += 1;
          const done = this.waiters.filter((w) => w.run <= this.finished);
          this.waiters = this.waiters.filter((w) => w.run > this.finished);
          for (const w of done) w.resolve();
        });
    }
    return this.running;
  }

  /**
   * Resolves once a run that starts after this call has finished, failed or not: by then the job
   * has acted on everything that was due when it was called.
   */
  nextRun(): Promise<void> {
    const run = this.started + 1;
    return new Promise((resolve) => this.waiters.push({ run, resolve }));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
