import type { Logger } from '../logger';

/**
 * Runs `work` every `everyMs`, never overlapping itself. `stop()` cancels the timer and waits for
 * a run in progress, so shutdown never closes the database under a job.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
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
    this.running ??= this.work()
      .catch((err: unknown) => this.logger.error({ err, job: this.name }, 'job failed; it will run again'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
