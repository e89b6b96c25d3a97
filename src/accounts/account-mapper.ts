import { fromStoredInstant } from '../db/instant';
import { type Account, type AccountAnswers, type AccountState, EMPTY_ANSWERS } from './account';
import type { AccountRow } from './accounts.repository';

export function parseAnswers(json: string | null): AccountAnswers {
  return json ? { ...EMPTY_ANSWERS, ...(JSON.parse(json) as Partial<AccountAnswers>) } : EMPTY_ANSWERS;
}

const instant = (value: string | null) => (value ? fromStoredInstant(value) : null);

export function toAccount(row: AccountRow): Account {
  return {
    incidentId: row.incident_id,
    userId: row.user_id,
    state: row.state as AccountState,
    answers: parseAnswers(row.answers),
    anonymous: Boolean(row.anonymous),
    timeZone: row.time_zone,
    dm: row.dm_channel && row.dm_ts ? { channelId: row.dm_channel, ts: row.dm_ts } : null,
    askedAt: instant(row.asked_at),
    answeredAt: instant(row.answered_at),
    remindedAt: instant(row.reminded_at),
    revision: row.revision,
    updatedAt: fromStoredInstant(row.updated_at),
  };
}
