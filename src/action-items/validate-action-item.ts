import { isCalendarDay } from '../zoned-time';
import { ACTION_DESCRIPTION_MAX, ACTION_ITEM_TYPES, type ActionItemType } from './action-item';
import { VERIFY_AFTER_DAYS_MAX } from './verification-state';

export interface ActionItemInput {
  description: string;
  ownerId: string | null;
  dueDate: string | null;
  type: ActionItemType | null;
  ticketUrl: string | null;
  /**
   * Days after done before asking whether it works: null for the configured default, 0 for "no
   * check needed". Left out (a form from before it was asked), an edit keeps what the item has.
   */
  verifyAfterDays?: number | null;
}

export type ActionItemField = keyof ActionItemInput;

/**
 * What is wrong with an action item, field by field. `today` is the calendar day (`yyyy-MM-dd`)
 * of the person adding it, so "not in the past" means their today, wherever they are. An edited
 * item may keep the due date it has (`keptDueDate`) even once that is past: only a new date must
 * not be.
 */
export function validateActionItem(
  input: ActionItemInput,
  today: string,
  keptDueDate: string | null = null,
): Partial<Record<ActionItemField, string>> {
  const errors: Partial<Record<ActionItemField, string>> = {};
  const description = input.description.trim();
  if (!description) errors.description = 'Say what will be done, e.g. "Add an alert on checkout error rate above 2%".';
  else if (description.length > ACTION_DESCRIPTION_MAX) {
    errors.description = `Keep it to ${ACTION_DESCRIPTION_MAX} characters (it has ${description.length}); link a ticket for details.`;
  }
  if (!input.ownerId) errors.ownerId = 'Every action item needs one owner.';
  if (!input.dueDate || !isCalendarDay(input.dueDate)) errors.dueDate = 'Pick a due date.';
  else if (input.dueDate < today && input.dueDate !== keptDueDate) errors.dueDate = 'The due date is in the past. Pick today or later.';
  else if (input.dueDate > yearsAfter(today, DUE_YEARS_MAX) && input.dueDate !== keptDueDate) {
    errors.dueDate = `Pick a due date within the next ${DUE_YEARS_MAX} years.`;
  }
  if (!input.type || !(ACTION_ITEM_TYPES as readonly string[]).includes(input.type)) errors.type = 'Pick a type.';
  if (input.ticketUrl && !isWebUrl(input.ticketUrl)) errors.ticketUrl = 'Enter a full link starting with https:// or http:// (or leave it empty).';
  else if (input.ticketUrl && input.ticketUrl.trim().length > TICKET_URL_MAX) errors.ticketUrl = `Keep the link under ${TICKET_URL_MAX} characters.`;
  const days = input.verifyAfterDays;
  if (days !== undefined && days !== null && !(Number.isInteger(days) && days >= 0 && days <= VERIFY_AFTER_DAYS_MAX)) {
    errors.verifyAfterDays = `Pick when to check it works: up to ${VERIFY_AFTER_DAYS_MAX} days after it is done, or no check.`;
  }
  return errors;
}

export const TICKET_URL_MAX = 500;

/** A due date further off than this is a typo or a way of never being reminded. */
export const DUE_YEARS_MAX = 10;

/** The same calendar day `years` later, as `yyyy-MM-dd` (compared as text, like every due date). */
function yearsAfter(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
}

/** The link as stored and shown: normalised, so `<`, `>` and spaces are percent-encoded. */
export function normaliseUrl(text: string): string {
  return new URL(text.trim()).href;
}

export function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname) && !/\s/.test(text.trim());
  } catch {
    return false;
  }
}
