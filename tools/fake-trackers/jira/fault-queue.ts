import type { FaultSpec } from './types';

interface Pending {
  target: string;
  fault: FaultSpec;
  remaining: number;
}

/**
 * Failures queued for the next calls to an operation ('any' for every operation), each used
 * `times` times and in the order injected, so a test can script "429, then 503, then fine".
 */
export class FaultQueue {
  private readonly pending: Pending[] = [];

  inject(target: string, fault: FaultSpec): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, got ${times}`);
    this.pending.push({ target, fault, remaining: times });
  }

  take(operationId: string): FaultSpec | undefined {
    const index = this.pending.findIndex((p) => p.target === operationId || p.target === 'any');
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.pending.length = 0;
  }

  get size(): number {
    return this.pending.length;
  }
}
