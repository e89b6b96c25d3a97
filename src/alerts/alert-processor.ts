import type { Logger } from '../logger';

/**
 * Runs the handling of stored notifications in the background, one pass at a time: a kick while
 * a pass runs asks for one more pass after it, so a burst of notifications costs a few passes,
 * not one each. `drained()` resolves when no pass is running (shutdown waits for it).
 */
export class AlertProcessor {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly pass: () => Promise<number>,
    private readonly logger: Logger,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  async drained(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (err) {
        this.logger.error({ err }, 'handling alert notifications failed; the background job retries');
      }
    } while (this.again);
  }
}
