import type { AccountProgress } from '../accounts/account';
import { calendarDay, instantFromLocal } from '../zoned-time';

/** The review meeting as scheduled: when (an instant, with the zone it was scheduled in), who leads it, who is invited. */
export interface ReviewMeeting {
  incidentId: string;
  startsAt: Date;
  timeZone: string;
  facilitatorId: string | null;
  inviteeIds: string[];
  scheduledBy: string;
  /** The one invitation in the incident channel, once posted. */
  invitationTs: string | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  /** When it was last scheduled. */
  updatedAt: Date;
}

/** Where the draft stands, as the invitation and the facilitator's reminder say: accounts in, sections still to write, blameless notes open. */
export interface DraftState {
  accounts: AccountProgress;
  missing: string[];
  notesOpen: number;
}

/** The facilitator is reminded at least this long before the meeting, when there is still time. */
const LEAD_MS = 60 * 60_000;

/**
 * When the facilitator is reminded: at `hour` on the meeting's day in their zone, or an hour
 * before the meeting if that is earlier (a meeting at 09:10 with reminders at 09:00 is reminded
 * at 08:10); never before `now` (a meeting later today is reminded at once).
 */
export function facilitatorReminderAt(startsAt: Date, timeZone: string, hour: number, now: Date): Date {
  const day = calendarDay(startsAt, timeZone);
  const lead = startsAt.getTime() - LEAD_MS;
  const atHour = instantFromLocal(day, `${String(hour).padStart(2, '0')}:00`, timeZone)?.getTime() ?? lead;
  return new Date(Math.max(Math.min(atHour, lead), now.getTime()));
}
