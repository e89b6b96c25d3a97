import type { ActionArgs } from '../route-by-id';

/** The value a button or a menu option carried (an incident, entry or item id), '' when none. */
export function buttonValue(args: ActionArgs): string {
  const action = args.action as { value?: string; selected_option?: { value?: string } };
  return action.value ?? action.selected_option?.value ?? '';
}

/**
 * A snooze button's value: the item, and the day it names (`<item id>:<yyyy-MM-dd>`), or null
 * for a button rendered before snooze buttons named their day (the item id alone).
 */
export function snoozeValue(args: ActionArgs): { itemId: string; day: string | null } {
  const value = buttonValue(args);
  const named = /^(.+):(\d{4}-\d{2}-\d{2})$/.exec(value);
  return named ? { itemId: named[1]!, day: named[2]! } : { itemId: value, day: null };
}
