import { fromStoredInstant, toStoredInstant } from '../db/instant';
import type { ActionItemRow } from './action-items.repository';
import type { VerificationState } from './verification-state';

/** The columns that hold an item's verification state (see verification-state.ts). */
export type VerificationColumns = Pick<ActionItemRow, 'verification' | 'verify_at' | 'verify_asks' | 'verified_by' | 'verified_at'>;

type StoredCheck = Pick<ActionItemRow, 'status' | 'verification' | 'verify_at' | 'verify_asks' | 'verified_by' | 'verified_at'>;

export function toVerificationState(row: StoredCheck): VerificationState {
  const asks = row.verify_asks;
  const at = row.verify_at ? fromStoredInstant(row.verify_at) : null;
  if (row.status !== 'done') return { kind: 'none' };
  switch (row.verification) {
    case 'not_needed':
      return { kind: 'not_needed' };
    case 'scheduled':
      return { kind: 'scheduled', at, asks };
    case 'asked':
      // Asked rows always record when; an older row without is taken as asked when it was done.
      return { kind: 'asked', at: at ?? new Date(0), asks, answeredBy: row.verified_by };
    case 'verified':
      return { kind: 'verified', by: row.verified_by ?? '', at: row.verified_at ? fromStoredInstant(row.verified_at) : new Date(0), asks };
    case 'unconfirmed':
      return { kind: 'unconfirmed', asks };
    default:
      // Done before checks existed: nothing is asked about it.
      return { kind: 'none' };
  }
}

/**
 * The columns for a state. `verified_by` holds who verified, or, while asked, whose "not
 * effective" answer is being applied.
 */
export function verificationColumns(state: VerificationState): VerificationColumns {
  const none = { verify_at: null, verified_by: null, verified_at: null };
  switch (state.kind) {
    case 'none':
      return { verification: null, ...none, verify_asks: 0 };
    case 'not_needed':
      return { verification: 'not_needed', ...none, verify_asks: 0 };
    case 'scheduled':
      return { verification: 'scheduled', ...none, verify_at: state.at ? toStoredInstant(state.at) : null, verify_asks: state.asks };
    case 'asked':
      return { verification: 'asked', ...none, verify_at: toStoredInstant(state.at), verify_asks: state.asks, verified_by: state.answeredBy };
    case 'verified':
      return { verification: 'verified', verify_at: null, verify_asks: state.asks, verified_by: state.by, verified_at: toStoredInstant(state.at) };
    case 'unconfirmed':
      return { verification: 'unconfirmed', ...none, verify_asks: state.asks };
  }
}

/** The columns a transition changed, and only those. */
export function changedVerificationColumns(before: VerificationState, after: VerificationState): Partial<VerificationColumns> {
  const from = verificationColumns(before);
  const to = verificationColumns(after);
  return Object.fromEntries(
    (Object.keys(to) as Array<keyof VerificationColumns>).filter((key) => from[key] !== to[key]).map((key) => [key, to[key]]),
  ) as Partial<VerificationColumns>;
}
