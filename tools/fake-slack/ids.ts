import { randomBytes } from 'node:crypto';

/**
 * Slack-looking identifiers. They are deterministic (a counter per prefix) so a failing test
 * prints the same ids on every run; only secrets such as trigger ids carry randomness.
 */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  /** e.g. next('U') → 'U00000001', next('V') → 'V00000001'. */
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n.toString(36).toUpperCase().padStart(8, '0')}`;
  }
}

/** Slack's trigger_id format, "132456.7890123.abcdef": two numbers and a hex secret. */
export function triggerId(nowMs: number, sequence: number): string {
  return `${sequence}.${Math.floor(nowMs / 1000)}.${randomBytes(16).toString('hex')}`;
}

export const TRIGGER_ID_FORMAT = /^\d+\.\d+\.[0-9a-f]+$/;

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * Message timestamps: "seconds.micros" from the fake's clock, strictly increasing even when
 * several messages land within one millisecond, because Slack uses ts as the message's identity.
 */
export class MessageClock {
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  nextTs(): string {
    const micros = Math.max(this.lastMicros + 1, Math.floor(this.now()) * 1000);
    this.lastMicros = micros;
    return formatTs(micros);
  }
}

export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros % 1_000_000;
  return `${seconds}.${String(fraction).padStart(6, '0')}`;
}

/** Compares two Slack timestamps numerically (string comparison breaks across digit counts). */
export function compareTs(a: string, b: string): number {
  return tsMicros(a) - tsMicros(b);
}

export function tsMicros(ts: string): number {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

export const TS_FORMAT = /^\d+(\.\d+)?$/;
