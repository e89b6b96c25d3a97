import { fromStoredInstant, toStoredInstant } from '../db/instant';
import { REMINDER_KINDS, type ReminderKind } from './action-item';
import type { ActionItemRow, ReminderColumns } from './action-items.repository';
import { type ReminderState, isScheduled } from './reminder-state';

export function toReminderState(row: ActionItemRow): ReminderState {
  const facts = {
    overdueSent: row.overdue_reminders_sent,
    failures: row.reminder_failures,
    ownerTimeZone: row.owner_time_zone,
    ownerDmChannel: row.owner_dm_channel,
  };
  if (row.status !== 'open') return { ...facts, kind: 'closed', at: null };
  // An open item with no reminder coming is one whose owner could not be reached.
  if (row.next_reminder_at === null) return { ...facts, kind: 'owner_unreachable', at: null };
  return { ...facts, kind: storedKind(row.next_reminder_kind), at: fromStoredInstant(row.next_reminder_at) };
}

export function reminderColumns(state: ReminderState): ReminderColumns {
  return {
    next_reminder_at: isScheduled(state) ? toStoredInstant(state.at) : null,
    next_reminder_kind: isScheduled(state) ? state.kind : null,
    overdue_reminders_sent: state.overdueSent,
    reminder_failures: state.failures,
    owner_time_zone: state.ownerTimeZone,
    owner_dm_channel: state.ownerDmChannel,
  };
}

/**
 * The columns a transition changed, and only those: a write made from a row read a moment ago
 * then leaves alone what it did not mean to change. When and which reminder come next are one
 * thing, written together.
 */
export function changedReminderColumns(before: ReminderState, after: ReminderState): Partial<ReminderColumns> {
  const from = reminderColumns(before);
  const to = reminderColumns(after);
  const nextMoved = from.next_reminder_at !== to.next_reminder_at || from.next_reminder_kind !== to.next_reminder_kind;
  return {
    ...(nextMoved ? { next_reminder_at: to.next_reminder_at, next_reminder_kind: to.next_reminder_kind } : {}),
    ...(from.overdue_reminders_sent !== to.overdue_reminders_sent ? { overdue_reminders_sent: to.overdue_reminders_sent } : {}),
    ...(from.reminder_failures !== to.reminder_failures ? { reminder_failures: to.reminder_failures } : {}),
    ...(from.owner_time_zone !== to.owner_time_zone ? { owner_time_zone: to.owner_time_zone } : {}),
    ...(from.owner_dm_channel !== to.owner_dm_channel ? { owner_dm_channel: to.owner_dm_channel } : {}),
  };
}

/**
 * What a person's change (an edit, a snooze, closing the item) writes to the reminder columns.
 * When the transition applied, any poller's claim is released as well, so a reminder being sent
 * meanwhile is not recorded over the new schedule (see `finishReminder`). Nothing when the
 * transition left the state as it was.
 */
export function reminderUpdate(before: ReminderState, after: ReminderState): Partial<ReminderColumns> & { reminder_claimed_until?: null } {
  return after === before ? {} : { ...changedReminderColumns(before, after), reminder_claimed_until: null };
}

function storedKind(kind: string | null): ReminderKind {
  const known = REMINDER_KINDS.find((k) => k === kind);
  if (!known) throw new RangeError(`Stored reminder kind is not one we know: ${String(kind)}`);
  return known;
}
