import pino from 'pino';
import type { ActionItem, ReminderKind } from '../../src/action-items/action-item';
import { addActionItem, editActionItem } from '../../src/action-items/action-item-service';
import { findActionItem } from '../../src/action-items/action-items.repository';
import { markDone, snooze } from '../../src/action-items/change-item-status';
import type { ReminderPort } from '../../src/action-items/reminder-port';
import { sendDueReminders } from '../../src/action-items/send-due-reminders';
import { AppError } from '../../src/errors';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

const policy = { hour: 9, defaultTimeZone: 'UTC', overdueEveryWorkingDays: 1, escalateAfter: 2, pollSeconds: 60 };

/** A chat that records what it was asked to send; `failNext` makes the next DM fail after it was delivered. */
function recordingPort() {
  const sent: Array<{ kind: ReminderKind; key: string }> = [];
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
    async remindOwner(_item: ActionItem, _incident: unknown, kind: ReminderKind, key: string) {
      if (port.gone) throw new AppError('owner_unreachable', 'gone');
      sent.push({ kind, key });
      await port.whileSending?.();
      if (port.failAfterDelivery) {
        port.failAfterDelivery = false;
        throw new AppError('slack_unavailable', 'timed out after Slack posted');
      }
    },
    reminderWasSent: async (_channel: string, key: string) => sent.some((s) => s.key === key),
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
      port.whileSending = () => snooze(deps, itemId, 'U2', 7, policy);
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
