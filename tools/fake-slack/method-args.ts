import { SlackApiError } from './slack-api-error';

/**
 * Typed access to a call's arguments. Form bodies carry every value as a string and JSON bodies
 * carry real booleans and numbers; Slack accepts both, so the accessors do too.
 */
export class MethodArgs {
  constructor(readonly raw: Record<string, unknown>) {}

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== '';
  }

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) throw SlackApiError.invalidArguments([`missing required field: ${name}`]);
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }

  boolean(name: string, fallback = false): boolean {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return fallback;
    if (typeof value === 'boolean') return value;
    return value === 'true' || value === '1' || value === 1;
  }

  integer(name: string, fallback: number): number {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n)) throw SlackApiError.invalidArguments([`${name} must be a number`]);
    return Math.trunc(n);
  }

  /** Comma-separated lists (`users=U1,U2`) or JSON arrays. */
  list(name: string): string[] {
    const value = this.raw[name];
    if (Array.isArray(value)) return value.map(String).filter(Boolean);
    const text = this.optionalString(name);
    if (text === undefined) return [];
    return text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  value(name: string): unknown {
    return this.raw[name];
  }
}
