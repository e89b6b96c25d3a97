import type { ActionItemRow } from '../../src/action-items/action-items.repository';
import { type ScheduledReminder, assigned, closed, reminderSent, snoozed } from '../../src/action-items/reminder-state';
import { changedReminderColumns, reminderColumns, reminderUpdate, toReminderState } from '../../src/action-items/reminder-state-mapper';

const at = '2026-11-22T10:00:00.000Z';

function row(overrides: Partial<ActionItemRow>): ActionItemRow {
  return {
    id: 'item-1',
    incident_id: 'incident-1',
    description: 'Add an alert',
    owner_id: 'U2',
    due_date: '2026-12-03',
    type: 'detect',
    ticket_url: null,
    status: 'open',
    status_reason: null,
    status_changed_by: null,
    status_changed_at: null,
    owner_time_zone: 'Pacific/Auckland',
    owner_dm_channel: 'D2',
    dm_messages: null,
    next_reminder_at: '2026-12-02T20:00:00.000Z',
    next_reminder_kind: 'due',
    overdue_reminders_sent: 1,
    reminder_failures: 2,
    reminder_claimed_until: null,
    verify_after_days: null,
    verification: null,
    verify_at: null,
    verify_asks: 0,
    verify_claimed_until: null,
    verified_by: null,
    verified_at: null,
    verification_note: null,
    verify_messages: null,
    issue_label: null,
    issue_url: null,
    created_by: 'U1',
    created_at: at,
    updated_at: at,
    ...overrides,
  };
}

describe('reminder state columns', () => {
  it('reads the coming reminder and what is known of the owner, and writes them back the same', () => {
    const stored = row({});
    const state = toReminderState(stored);
    expect(state).toEqual({
      kind: 'due',
      at: new Date('2026-12-02T20:00:00.000Z'),
      overdueSent: 1,
      failures: 2,
      ownerTimeZone: 'Pacific/Auckland',
      ownerDmChannel: 'D2',
    });
    const { next_reminder_at, next_reminder_kind, overdue_reminders_sent, reminder_failures, owner_time_zone, owner_dm_channel } = stored;
    expect(reminderColumns(state)).toEqual({ next_reminder_at, next_reminder_kind, overdue_reminders_sent, reminder_failures, owner_time_zone, owner_dm_channel });
  });

  it('tells a closed item from an open one whose owner could not be reached, and stores both without a reminder', () => {
    const done = toReminderState(row({ status: 'done', next_reminder_at: null, next_reminder_kind: null }));
    const unreachable = toReminderState(row({ next_reminder_at: null, next_reminder_kind: null }));
    expect(done.kind).toBe('closed');
    expect(unreachable.kind).toBe('owner_unreachable');
    for (const state of [done, unreachable]) expect(reminderColumns(state)).toMatchObject({ next_reminder_at: null, next_reminder_kind: null });
  });

  it('refuses a reminder time stored without a kind it knows', () => {
    expect(() => toReminderState(row({ next_reminder_kind: null }))).toThrow(RangeError);
    expect(() => toReminderState(row({ next_reminder_kind: 'weekly' }))).toThrow('weekly');
  });

  it('writes only what a transition changed, the coming reminder’s time and kind together', () => {
    const before: ScheduledReminder = { kind: 'due', at: new Date('2026-12-02T20:00:00.000Z'), overdueSent: 1, failures: 2, ownerTimeZone: 'Pacific/Auckland', ownerDmChannel: 'D2' };
    const later = snoozed(before, 1, new Date('2026-12-01T00:00:00Z'), { hour: 9, defaultTimeZone: 'UTC' });
    expect(changedReminderColumns(before, later)).toEqual({ next_reminder_at: '2026-12-03T20:00:00.000Z', next_reminder_kind: 'due' });
    const fresh = assigned(new Date('2026-11-30T10:00:00Z'));
    const sent = reminderSent(fresh, {
      dueDate: '2026-12-03',
      now: new Date('2026-11-30T10:00:00Z'),
      timeZone: 'UTC',
      policy: { hour: 9, overdueEveryWorkingDays: 3, escalateAfter: 2 },
      dmChannel: 'D9',
      foundSent: false,
    }).state;
    expect(changedReminderColumns(fresh, sent)).toEqual({
      next_reminder_at: '2026-12-03T09:00:00.000Z',
      next_reminder_kind: 'due',
      owner_time_zone: 'UTC',
      owner_dm_channel: 'D9',
    });
  });

  it('releases a poller’s claim when a person’s change applies, and writes nothing when it does not', () => {
    const before = toReminderState(row({}));
    expect(reminderUpdate(before, before)).toEqual({});
    expect(reminderUpdate(before, closed(before))).toEqual({ next_reminder_at: null, next_reminder_kind: null, reminder_claimed_until: null });
  });
});
