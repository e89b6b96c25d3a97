import { createHash } from 'node:crypto';
import { stripControlCharacters } from './bounded-text';

/** Hex digits of the digest kept in a shortened key: 64 bits, plenty to keep keys apart. */
const DIGEST_LENGTH = 16;

/**
 * An identifier from a source (a group key, a fingerprint), bounded without losing identity. An
 * over-long key is not refused (that would drop a real alert) nor simply cut (two keys sharing a
 * prefix would merge): it keeps its start, readable in logs, and ends in a digest of the whole.
 */
export function boundedKey(value: string, max: number): string {
  const key = stripControlCharacters(value);
  if (key.length <= max) return key;
  const digest = createHash('sha256').update(key).digest('hex').slice(0, DIGEST_LENGTH);
  return `${key.slice(0, max - DIGEST_LENGTH - 1)}~${digest}`;
}
