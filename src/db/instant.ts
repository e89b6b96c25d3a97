/**
 * Instants are stored as ISO-8601 UTC text with milliseconds (`2026-11-22T03:14:00.000Z`):
 * the same on SQLite and PostgreSQL, sortable as text, and readable in a SQL shell.
 */
export type StoredInstant = string;

export function toStoredInstant(date: Date): StoredInstant {
  if (Number.isNaN(date.getTime())) throw new RangeError('Cannot store an invalid date');
  return date.toISOString();
}

export function fromStoredInstant(value: StoredInstant): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Stored instant is not a valid date: ${value}`);
  return date;
}
