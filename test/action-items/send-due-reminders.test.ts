import pino from 'pino';
import type { ActionItem, ReminderKind } from '../../src/action-items/action-item';
import { addActionItem, editActionItem } from '../../src/action-items/action-item-service';
import { findActionItem } from '../../src/action-items/action-items.repository';
import { markDone, snooze } from '../../src/action-items/change-item-status';
import type { ReminderMessage, ReminderPort } from '../../src/action-items/reminder-port';
import { sendDueReminders } from '../../src/action-items/send-due-reminders';
import { AppError } from '../../src/errors';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

const policy = { hour: 9, defaultTimeZone: 'UTC', overdueEveryWorkingDays: 1, escalateAfter: 2, pollSeconds: 60 };

/** A chat that records what it was asked to send; `failNext` makes the next DM fail after it was delivered. */
function recordingPort() {
  const sent: Array<{ kind: ReminderKind; key: string; ts: string; snooze: ReminderMessage['snooze'] }> = [];
  const commander: string[] = [];
  const port = {
    sent,
    commander,
    failAfterDelivery: false,
    gone: false,
    /** Runs while a DM is being sent: a person acting on the item at that moment. */
    whileSending: undefined as undefined | (() => Promise<unknown>),
    timeZoneOf: async () => 'UTC',
    dmChannelOf: async () => 'D1',
    async remindOwner(_item: ActionItem, _incident: unknown, { kind, key, snooze }: ReminderMessage) {
      if (port.gone) throw new AppError('owner_unreachable', 'gone');
      const ts = `1000.${sent.length}`;
      sent.push({ kind, key, ts, snooze });
      await port.whileSending?.();
      if (port.failAfterDelivery) {
        port.failAfterDelivery = false;
        throw new AppError('slack_unavailable', 'timed out after Slack posted');
      }
      return ts;
    },
    sentReminder: async (_channel: string, key: string) => sent.find((s) => s.key === key)?.ts,
    tellCommander: async (_item: ActionItem, _incident: unknown, why: string) => void commander.push(why),
    noteDone: async () => undefined,
    tellPreviousOwner: async () => undefined,
  };
  return port satisfies ReminderPort;
}

async function setUp(nowIso: string) {
  const db = await testDatabase();
  let now = Date.parse(nowIso);
  const clock = { now: () => new Date(now) };
  const port = recordingPort();
  const deps = { db: db.db, clock, logger: pino({ level: 'silent' }), port, policy };
  const incidentId = await seedIncident(db);
  const input = { description: 'Add an alert', ownerId: 'U2', dueDate: '2026-12-01', type: 'detect' as const, ticketUrl: null };
  const itemId = await addActionItem(deps, incidentId, input, 'U1', '2026-11-30');
  return { db, deps, port, itemId, input, at: (iso: string) => void (now = Date.parse(iso)) };
}

describe('sendDueReminders', () => {
  it('assigns, reminds on the day, follows up, and escalates to the commander once', async () => {
    const { db, deps, port, at } = await setUp('2026-11-30T10:00:00Z');
    try {
      expect(await sendDueReminders(deps)).toBe(1);
      at('2026-12-01T09:00:00Z');
      expect(await sendDueReminders(deps)).toBe(1);
      for (const day of ['02', '03', '04', '07']) {
        at(`2026-12-${day}T09:00:00Z`);
        expect(await sendDueReminders(deps)).toBe(1);
      }
      expect(port.sent.map((s) => s.kind)).toEqual(['assigned', 'due', 'overdue', 'overdue', 'overdue', 'overdue']);
      expect(port.commander).toEqual(['overdue']);
    } finally {
      await db.remove();
    }
  });

  it('does not send twice when Slack posted but the answer was lost', async () => {
    const { db, deps, port, at } = await setUp('2026-11-30T10:00:00Z');
    try {
      await sendDueReminders(deps);
      port.failAfterDelivery = true;
      at('2026-12-01T09:00:00Z');
      expect(await sendDueReminders(deps)).toBe(0);
      at('2026-12-01T09:05:00Z');
      expect(await sendDueReminders(deps)).toBe(1);
      expect(port.sent.filter((s) => s.kind === 'due')).toHaveLength(1);
    } finally {
      await db.remove();
    }
  });

  it('stops and tells the commander when the owner is gone, and sends nothing for closed items', async () => {
    const { db, deps, port, itemId, at } = await setUp('2026-11-30T10:00:00Z');
    try {
      port.gone = true;
      expect(await sendDueReminders(deps)).toBe(0);
      expect(port.commander).toEqual(['owner_unreachable']);
      at('2026-12-05T09:00:00Z');
      expect(await sendDueReminders(deps)).toBe(0);
      await expect(markDone(deps, itemId, 'U2')).resolves.toBeDefined();
      await expect(markDone(deps, itemId, 'U2')).rejects.toThrow('already done');
      await expect(markDone(deps, itemId, 'U9')).rejects.toThrow("owner or the incident commander");
    } finally {
      await db.remove();
    }
  });
});

describe('a person acting on an item while its reminder is being sent', () => {
  it('wins: a snooze meanwhile is kept, not overwritten by the record of the send', async () => {
    const { db, deps, port, itemId } = await setUp('2026-11-30T10:00:00Z');
    try {
      port.whileSending = () => snooze(deps, itemId, 'U2', { days: 7, day: null }, policy);
      expect(await sendDueReminders(deps)).toBe(1);
      const row = await findActionItem(db.db, itemId);
      // Seven days from now at 09:00, instead of the due-date reminder on 1 December.
      expect(row).toMatchObject({ next_reminder_at: '2026-12-07T09:00:00.000Z', next_reminder_kind: 'due', reminder_claimed_until: null, owner_dm_channel: null });
    } finally {
      await db.remove();
    }
  });

  it('does not disturb it when the change leaves the reminders alone', async () => {
    const { db, deps, port, itemId, input } = await setUp('2026-11-30T10:00:00Z');
    try {
      port.whileSending = () => editActionItem(deps, itemId, { ...input, description: 'Add an alert on 5xx' }, '2026-11-30');
      expect(await sendDueReminders(deps)).toBe(1);
      const row = await findActionItem(db.db, itemId);
      expect(row).toMatchObject({
        description: 'Add an alert on 5xx',
        next_reminder_at: '2026-12-01T09:00:00.000Z',
        next_reminder_kind: 'due',
        owner_dm_channel: 'D1',
        reminder_claimed_until: null,
      });
    } finally {
      await db.remove();
    }
  });
});

describe('reminders after the system clock jumps', () => {
  const nextReminder = async (db: { db: Parameters<typeof findActionItem>[0] }, itemId: string) => (await findActionItem(db.db, itemId))?.next_reminder_at;

  it('back a month: an overdue follow-up scheduled from the later time is worked out again, not skipped for a month', async () => {
    const { db, deps, port, itemId, at } = await setUp('2026-11-30T10:00:00Z');
    try {
      expect(await sendDueReminders(deps)).toBe(1);
      // The clock ran a month ahead: the follow-up after this one was set for Tuesday 5 January.
      at('2027-01-04T09:00:00Z');
      expect(await sendDueReminders(deps)).toBe(1);
      expect(await nextReminder(db, itemId)).toBe('2027-01-05T09:00:00.000Z');
      // Put right: Wednesday 2 December. The next follow-up is a working day from now.
      at('2026-12-02T09:30:00Z');
      expect(await sendDueReminders(deps)).toBe(0);
      expect(await nextReminder(db, itemId)).toBe('2026-12-03T09:00:00.000Z');
      at('2026-12-03T09:00:00Z');
      expect(await sendDueReminders(deps)).toBe(1);
      expect(port.sent.at(-1)?.kind).toBe('overdue');
    } finally {
      await db.remove();
    }
  });

  it('back a month: an item added while the clock ran ahead gets its assignment DM at once', async () => {
    const { db, deps, port, at } = await setUp('2026-11-30T10:00:00Z');
    try {
      expect(await sendDueReminders(deps)).toBe(1);
      at('2027-01-10T10:00:00Z');
      const input = { description: 'Add a canary', ownerId: 'U2', dueDate: '2027-01-20', type: 'detect' as const, ticketUrl: null };
      const later = await addActionItem(deps, 'incident-1', input, 'U1', '2027-01-10');
      at('2026-12-10T10:00:00Z');
      // The first item's catch-up reminder, and the new one's assignment DM.
      expect(await sendDueReminders(deps)).toBe(2);
      expect(port.sent.filter((s) => s.key.startsWith(later)).map((s) => s.kind)).toEqual(['assigned']);
      // The due-date reminder keeps its day: it came from the due date, not from the clock.
      expect(await nextReminder(db, later)).toBe('2027-01-20T09:00:00.000Z');
    } finally {
      await db.remove();
    }
  });

  it('leaves alone a due-date reminder far ahead because the due date is', async () => {
    const { db, deps, at } = await setUp('2026-11-30T10:00:00Z');
    try {
      const input = { description: 'Replace the load balancer', ownerId: 'U2', dueDate: '2027-06-01', type: 'prevent' as const, ticketUrl: null };
      const far = await addActionItem(deps, 'incident-1', input, 'U1', '2026-11-30');
      await sendDueReminders(deps);
      expect(await nextReminder(db, far)).toBe('2027-06-01T09:00:00.000Z');
      at('2026-12-01T10:00:00Z');
      await sendDueReminders(deps);
      expect(await nextReminder(db, far)).toBe('2027-06-01T09:00:00.000Z');
    } finally {
      await db.remove();
    }
  });

  it('forward by weeks: one catch-up reminder per item, not one per missed day', async () => {
    const { db, deps, port, itemId, at } = await setUp('2026-11-30T10:00:00Z');
    try {
      expect(await sendDueReminders(deps)).toBe(1);
      at('2027-01-06T10:00:00Z');
      expect(await sendDueReminders(deps)).toBe(1);
      expect(await sendDueReminders(deps)).toBe(0);
      expect(port.sent.map((s) => s.kind)).toEqual(['assigned', 'overdue']);
      expect(await nextReminder(db, itemId)).toBe('2027-01-07T09:00:00.000Z');
    } finally {
      await db.remove();
    }
  });
});
