import {
  type ReminderState,
  type ScheduledReminder,
  assigned,
  closed,
  ownerUnreachable,
  reassigned,
  redated,
  reminderKey,
  reminderSent,
  reminderToShow,
  rescheduled,
  sendFailed,
  snoozed,
} from '../../src/action-items/reminder-state';

const policy = { hour: 9, defaultTimeZone: 'UTC', overdueEveryWorkingDays: 3, escalateAfter: 2 };
const instant = (iso: string) => new Date(iso);
/** Due Thursday 3 December 2026, owner in Los Angeles (09:00 there is 17:00 UTC). */
const context = (nowIso: string) => ({ dueDate: '2026-12-03', now: instant(nowIso), timeZone: 'America/Los_Angeles', policy });
const sent = (state: ScheduledReminder, nowIso: string, foundSent = false) =>
  reminderSent(state, { ...context(nowIso), dmChannel: 'D1', foundSent });

/** An item whose owner had the assignment DM and the due-date reminder, and one overdue follow-up. */
function overdueOnce(): ScheduledReminder {
  const afterAssignment = sent(assigned(instant('2026-11-30T10:00:00Z')), '2026-11-30T10:00:00Z').state;
  const afterDue = sent(afterAssignment, '2026-12-03T17:00:00Z').state;
  return sent(afterDue, '2026-12-08T17:00:00Z').state;
}

describe('reminder state', () => {
  it('goes assigned → due → overdue, every three working days in the owner’s zone, and escalates once', () => {
    const start = assigned(instant('2026-11-30T10:00:00Z'));
    expect(start).toEqual({ kind: 'assigned', at: instant('2026-11-30T10:00:00Z'), overdueSent: 0, failures: 0, ownerTimeZone: null, ownerDmChannel: null });

    const afterAssignment = sent(start, '2026-11-30T10:00:00Z');
    expect(afterAssignment.state).toMatchObject({ kind: 'due', at: instant('2026-12-03T17:00:00Z'), ownerTimeZone: 'America/Los_Angeles', ownerDmChannel: 'D1' });

    // Thursday → Friday, Monday, Tuesday.
    const afterDue = sent(afterAssignment.state, '2026-12-03T17:00:00Z');
    expect(afterDue.state).toMatchObject({ kind: 'overdue', at: instant('2026-12-08T17:00:00Z'), overdueSent: 0 });
    expect(afterDue.escalate).toBe(false);

    const firstOverdue = sent(afterDue.state, '2026-12-08T17:00:00Z');
    expect(firstOverdue.state).toMatchObject({ kind: 'overdue', at: instant('2026-12-11T17:00:00Z'), overdueSent: 1 });
    expect(firstOverdue.escalate).toBe(false);

    const secondOverdue = sent(firstOverdue.state, '2026-12-11T17:00:00Z');
    expect(secondOverdue.state.overdueSent).toBe(2);
    expect(secondOverdue.escalate).toBe(true);
    expect(sent(secondOverdue.state, '2026-12-16T17:00:00Z').escalate).toBe(false);
  });

  it('sends the due-date reminder at once when an item is assigned after its hour has passed', () => {
    const late = sent(assigned(instant('2026-12-03T20:00:00Z')), '2026-12-03T20:00:00Z');
    expect(late.state).toMatchObject({ kind: 'due', at: instant('2026-12-03T20:00:00Z') });
  });

  it('does not tell the commander again for an overdue reminder only found sent after an interruption', () => {
    expect(sent(overdueOnce(), '2026-12-11T17:00:00Z', true)).toMatchObject({ escalate: false, state: { overdueSent: 2 } });
  });

  it('retries a failed send with a growing back-off, under the same key, and forgets the failures once sent', () => {
    const due = sent(assigned(instant('2026-11-30T10:00:00Z')), '2026-11-30T10:00:00Z').state;
    const once = sendFailed(due, instant('2026-12-03T17:00:00Z'));
    const twice = sendFailed(once, instant('2026-12-03T17:01:00Z'));
    expect(once).toMatchObject({ kind: 'due', failures: 1, at: instant('2026-12-03T17:01:00Z') });
    expect(twice).toMatchObject({ kind: 'due', failures: 2, at: instant('2026-12-03T17:03:00Z') });
    expect(reminderKey('item-1', twice, '2026-12-03')).toBe(reminderKey('item-1', due, '2026-12-03'));
    expect(sent(twice, '2026-12-03T17:03:00Z').state.failures).toBe(0);
  });

  it('names each reminder by its kind, count of overdue ones and due date', () => {
    const state = overdueOnce();
    expect(reminderKey('item-1', state, '2026-12-03')).toBe('item-1:overdue:1:2026-12-03');
    expect(reminderKey('item-1', { ...state, kind: 'due', overdueSent: 0 }, '2026-12-10')).toBe('item-1:due:0:2026-12-10');
  });

  it('shows a due-date reminder that comes late as overdue, by the owner’s calendar', () => {
    const due: ScheduledReminder = { ...assigned(instant('2026-11-30T10:00:00Z')), kind: 'due' };
    // 07:00 UTC on 4 December is still 3 December in Los Angeles.
    expect(reminderToShow(due, context('2026-12-04T07:00:00Z'))).toBe('due');
    expect(reminderToShow(due, context('2026-12-04T08:00:00Z'))).toBe('overdue');
    expect(reminderToShow(assigned(instant('2026-12-10T00:00:00Z')), context('2026-12-10T00:00:00Z'))).toBe('assigned');
  });

  it('starts a new owner again from the assignment DM, forgetting the old owner’s zone, DM and counts', () => {
    const moved = reassigned({ ...overdueOnce(), failures: 2 }, instant('2026-12-09T12:00:00Z'));
    expect(moved).toEqual(assigned(instant('2026-12-09T12:00:00Z')));
    const unreachable = ownerUnreachable(overdueOnce());
    expect(reassigned(unreachable, instant('2026-12-09T12:00:00Z'))).toEqual(assigned(instant('2026-12-09T12:00:00Z')));
  });

  it('works the schedule out again when the due date moves, keeping the owner’s zone and DM', () => {
    const now = instant('2026-12-09T12:00:00Z');
    const moved = redated({ ...overdueOnce(), failures: 1 }, now);
    expect(moved).toMatchObject({ kind: 'reschedule', at: now, overdueSent: 0, failures: 1, ownerTimeZone: 'America/Los_Angeles', ownerDmChannel: 'D1' });
    // Not yet told of the item: the assignment DM still goes first.
    expect(redated(assigned(instant('2026-12-09T11:00:00Z')), now)).toMatchObject({ kind: 'assigned', at: now });
    // An owner who could not be reached is tried again for the new date.
    expect(redated(ownerUnreachable(overdueOnce()), now)).toMatchObject({ kind: 'reschedule', at: now });

    const newDay = rescheduled(moved as ScheduledReminder, { ...context('2026-12-09T12:00:00Z'), dueDate: '2026-12-18' });
    expect(newDay).toMatchObject({ kind: 'due', at: instant('2026-12-18T17:00:00Z'), overdueSent: 0, ownerTimeZone: 'America/Los_Angeles' });
    const alreadyPast = rescheduled(moved as ScheduledReminder, { ...context('2026-12-09T18:00:00Z'), dueDate: '2026-12-09' });
    expect(alreadyPast).toMatchObject({ kind: 'due', at: instant('2026-12-09T18:00:00Z') });
  });

  it('snoozes from the reminder that was coming, to the reminder hour that day in the owner’s zone', () => {
    const due = sent(assigned(instant('2026-11-30T10:00:00Z')), '2026-11-30T10:00:00Z').state;
    // The due-date reminder was coming on 3 December: a week later, still a due-date reminder.
    expect(snoozed(due, 7, instant('2026-12-01T10:00:00Z'), policy)).toMatchObject({ kind: 'due', at: instant('2026-12-10T17:00:00Z') });
    // Overdue, its follow-up coming on the 11th: a day later, and still overdue.
    expect(snoozed(overdueOnce(), 1, instant('2026-12-09T10:00:00Z'), policy)).toMatchObject({ kind: 'overdue', at: instant('2026-12-12T17:00:00Z'), overdueSent: 1 });
    // A reminder already past is put off from now.
    expect(snoozed(due, 1, instant('2026-12-05T10:00:00Z'), policy)).toMatchObject({ at: instant('2026-12-06T17:00:00Z') });
  });

  it('snoozes in the default zone while the owner’s is not known yet, and skips a pending assignment DM', () => {
    const fresh = assigned(instant('2026-11-30T10:00:00Z'));
    expect(snoozed(fresh, 1, instant('2026-11-30T10:00:00Z'), policy)).toMatchObject({ kind: 'due', at: instant('2026-12-01T09:00:00Z') });
    expect(snoozed(fresh, 1, instant('2026-11-30T10:00:00Z'), { hour: 9, defaultTimeZone: 'Pacific/Auckland' })).toMatchObject({
      at: instant('2026-11-30T20:00:00Z'),
    });
  });

  it('stops when the item is closed or its owner cannot be reached, keeping what was counted', () => {
    const state = overdueOnce();
    expect(closed(state)).toEqual({ ...state, kind: 'closed', at: null });
    expect(ownerUnreachable(state)).toEqual({ ...state, kind: 'owner_unreachable', at: null });
  });

  it('leaves a closed item closed whatever else happens to it', () => {
    const done: ReminderState = closed(overdueOnce());
    const now = instant('2026-12-20T00:00:00Z');
    expect(reassigned(done, now)).toBe(done);
    expect(redated(done, now)).toBe(done);
  });
});
