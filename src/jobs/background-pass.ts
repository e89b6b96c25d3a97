import type { Logger } from '../logger';
import { runWithPriority } from '../work-priority';

/**
 * Runs work stored in the database (alert notifications, post-mortems to push) in the background,
 * one pass at a time, as soon as there is some: a kick while a pass runs asks for one more pass
 * after it, so a burst costs a few passes, not one each. The periodic job stays the safety net
 * for what a dead process left. `drained()` resolves when no pass is running (shutdown waits).
 */
export class BackgroundPass {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    // Work a click kicked off is still background work: the person is not waiting on it.
    this.running = runWithPriority('background', () => this.loop()).finally(() => {
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
        this.logger.error({ err, pass: this.name }, 'a background pass failed; the periodic job retries');
      }
    } while (this.again);
  }
}
