import pino from 'pino';
import type { ActionItem, ReminderKind } from '../../src/action-items/action-item';
import { addActionItem } from '../../src/action-items/action-item-service';
import { markDone } from '../../src/action-items/change-item-status';
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
    timeZoneOf: async () => 'UTC',
    dmChannelOf: async () => 'D1',
    async remindOwner(_item: ActionItem, _incident: unknown, kind: ReminderKind, key: string) {
      if (port.gone) throw new AppError('owner_unreachable', 'gone');
      sent.push({ kind, key });
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
  return { db, deps, port, itemId, at: (iso: string) => void (now = Date.parse(iso)) };
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
