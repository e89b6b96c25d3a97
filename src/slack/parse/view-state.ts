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

/** Trimmed text, or null when empty. */
export function textOf(values: ViewValues, field: string): string | null {
  const text = read(values, field)?.value?.trim();
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

/** A datepicker's answer, `yyyy-MM-dd`. */
export function dateOf(values: ViewValues, field: string): string | null {
  return read(values, field)?.selected_date ?? null;
}

/** A timepicker's answer, `HH:mm` on the person's wall clock. */
export function timeOf(values: ViewValues, field: string): string | null {
  return read(values, field)?.selected_time ?? null;
}

/** A datetimepicker's answer (seconds since the epoch, an instant) as a Date. */
export function dateTimeOf(values: ViewValues, field: string): Date | null {
  const seconds = read(values, field)?.selected_date_time;
  return typeof seconds === 'number' ? new Date(seconds * 1000) : null;
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
