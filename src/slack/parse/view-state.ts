import { isCalendarDay } from '../../zoned-time';
import { normaliseTypedLine, normaliseTypedText } from './normalise-text';

/** A view's `state.values`, keyed by block id then action id; our inputs use one id for both. */
export type ViewValues = Record<string, Record<string, ViewValue>>;

export interface ViewValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
  selected_user?: string | null;
  selected_users?: string[];
  selected_date_time?: number | null;
  selected_date?: string | null;
  selected_time?: string | null;
}

const read = (values: ViewValues, field: string): ViewValue | undefined => values[field]?.[field];

/** A multi-line input's text, normalised (see `normaliseTypedText`) and trimmed, or null when empty. */
export function textOf(values: ViewValues, field: string): string | null {
  const text = normaliseTypedText(read(values, field)?.value ?? '').trim();
  return text ? text : null;
}

/**
 * A one-line input's text, normalised (see `normaliseTypedLine`) and trimmed, or null when empty.
 * A line break is kept for the rules to refuse: Slack's one-line inputs do not send one, a forged
 * or replayed submission can.
 */
export function lineOf(values: ViewValues, field: string): string | null {
  const text = normaliseTypedLine(read(values, field)?.value ?? '').trim();
  return text ? text : null;
}

export function selectedOf(values: ViewValues, field: string): string | null {
  return read(values, field)?.selected_option?.value ?? null;
}

export function usersOf(values: ViewValues, field: string): string[] {
  return read(values, field)?.selected_users ?? [];
}

export function userOf(values: ViewValues, field: string): string | null {
  return read(values, field)?.selected_user ?? null;
}

export function checkedOf(values: ViewValues, field: string): string[] {
  return (read(values, field)?.selected_options ?? []).map((o) => o.value);
}

/** A datepicker's answer, `yyyy-MM-dd`; null when there is none or it is not a day on the calendar. */
export function dateOf(values: ViewValues, field: string): string | null {
  const date = read(values, field)?.selected_date;
  return typeof date === 'string' && isCalendarDay(date) ? date : null;
}

/** A timepicker's answer, `HH:mm` on the person's wall clock; null when there is none or it is not a time of day. */
export function timeOf(values: ViewValues, field: string): string | null {
  const time = read(values, field)?.selected_time;
  return typeof time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? time : null;
}

/**
 * A datetimepicker's answer (seconds since the epoch, an instant) as a Date; null when there is
 * none or it is no instant at all. Whether the instant is a sensible one is for the rules to say.
 */
export function dateTimeOf(values: ViewValues, field: string): Date | null {
  const seconds = read(values, field)?.selected_date_time;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Reads JSON `private_metadata`, tolerating an empty or foreign value. */
export function metadataOf<T extends object>(privateMetadata: string | undefined): Partial<T> {
  try {
    const parsed = JSON.parse(privateMetadata || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Partial<T>) : {};
  } catch {
    return {};
  }
}
