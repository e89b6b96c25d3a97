import type { Fault } from './types';

interface PendingFault {
  method: string;
  fault: Fault;
  remaining: number;
}

/**
 * Failures queued for the next calls to a method ('*' for any method), each used `times` times.
 * Faults are consumed in the order they were injected, so a test can script "429, then 500, then
 * fine" for one method.
 */
export class FaultInjector {
  private readonly pending: PendingFault[] = [];

  inject(method: string, fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, got ${times}`);
    this.pending.push({ method, fault, remaining: times });
  }

  take(method: string): Fault | undefined {
    const index = this.pending.findIndex((p) => p.method === method || p.method === '*');
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
