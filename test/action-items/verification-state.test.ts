import {
  type VerificationState,
  MAX_ASKS,
  afterDaysChanged,
  answeredNotEffective,
  answeredUnsure,
  answeredVerified,
  askKey,
  asked,
  canAnswer,
  checkOnceDone,
  nobodyToAsk,
  notEffectiveTaken,
  planned,
} from '../../src/action-items/verification-state';
import { changedVerificationColumns, toVerificationState, verificationColumns } from '../../src/action-items/verification-state-mapper';
import { notEffectiveNote, notEffectiveProblems } from '../../src/action-items/answer-verification';
import { validateActionItem } from '../../src/action-items/validate-action-item';

const instant = (iso: string) => new Date(iso);
/** An owner in Auckland (09:00 there in December is 20:00 UTC the day before: NZDT, UTC+13). */
const auckland = { timeZone: 'Pacific/Auckland', hour: 9 };

/** Done at 13:00 on 1 December in Auckland, checked 30 days later: 31 December, 09:00 there. */
function plannedCheck(): VerificationState {
  return planned(checkOnceDone(null), instant('2026-12-01T00:00:00Z'), 30, auckland);
}

describe('verification state', () => {
  it('starts unplanned when an item is done, or not at all when no check is needed', () => {
    expect(checkOnceDone(null)).toEqual({ kind: 'scheduled', at: null, asks: 0 });
    expect(checkOnceDone(14)).toEqual({ kind: 'scheduled', at: null, asks: 0 });
    expect(checkOnceDone(0)).toEqual({ kind: 'not_needed' });
  });

  it('is asked at the hour on the day so many days after the day it was done, in the owner’s zone', () => {
    expect(plannedCheck()).toEqual({ kind: 'scheduled', at: instant('2026-12-30T20:00:00Z'), asks: 0 });
    // Done late on 1 December in Los Angeles (already 2 December in UTC): counted from the 1st there.
    expect(planned(checkOnceDone(7), instant('2026-12-02T06:00:00Z'), 7, { timeZone: 'America/Los_Angeles', hour: 9 })).toEqual({
      kind: 'scheduled',
      at: instant('2026-12-08T17:00:00Z'),
      asks: 0,
    });
  });

  it('plans only a check not planned yet', () => {
    const once = plannedCheck();
    expect(planned(once, instant('2027-01-01T00:00:00Z'), 30, auckland)).toBe(once);
    const none = checkOnceDone(0);
    expect(planned(none, instant('2026-12-01T00:00:00Z'), 30, auckland)).toBe(none);
  });

  it('counts each ask, and is verified by whoever answers first', () => {
    const question = asked(plannedCheck(), instant('2026-12-30T20:00:05Z'));
    expect(question).toEqual({ kind: 'asked', at: instant('2026-12-30T20:00:05Z'), asks: 1, answeredBy: null });
    expect(canAnswer(question, 'U1')).toBe(true);
    const verified = answeredVerified(question, 'U1', instant('2026-12-31T01:00:00Z'));
    expect(verified).toEqual({ kind: 'verified', by: 'U1', at: instant('2026-12-31T01:00:00Z'), asks: 1 });
    expect(canAnswer(verified, 'U1')).toBe(false);
    expect(answeredVerified(verified, 'U2', instant('2026-12-31T02:00:00Z'))).toBe(verified);
  });

  it('asks again fourteen days after "not sure yet", at most three times, then stays unconfirmed', () => {
    let state = plannedCheck();
    const answers: VerificationState[] = [];
    for (let ask = 1; ask <= MAX_ASKS; ask += 1) {
      state = asked(state, state.kind === 'scheduled' && state.at ? state.at : instant('2000-01-01T00:00:00Z'));
      // Answered the next day at noon, Auckland time.
      const answeredAt = new Date((state as { at: Date }).at.getTime() + 27 * 3_600_000);
      state = answeredUnsure(state, answeredAt, auckland);
      answers.push(state);
    }
    expect(answers[0]).toEqual({ kind: 'scheduled', at: instant('2027-01-14T20:00:00Z'), asks: 1 });
    expect(answers[1]).toEqual({ kind: 'scheduled', at: instant('2027-01-29T20:00:00Z'), asks: 2 });
    expect(answers[2]).toEqual({ kind: 'unconfirmed', asks: 3 });
    expect(asked(answers[2]!, instant('2027-03-01T00:00:00Z'))).toBe(answers[2]);
  });

  it('lets one "not effective" answer win over any other, and the same person apply it again', () => {
    const question = asked(plannedCheck(), instant('2026-12-30T20:00:00Z'));
    const taken = notEffectiveTaken(question, 'U1');
    expect(taken).toMatchObject({ kind: 'asked', answeredBy: 'U1' });
    expect(canAnswer(taken, 'U1')).toBe(true);
    expect(canAnswer(taken, 'U2')).toBe(false);
    expect(notEffectiveTaken(taken, 'U1')).toBe(taken);
    expect(notEffectiveTaken(taken, 'U2')).toBe(taken);
    expect(answeredVerified(taken, 'U2', instant('2026-12-31T00:00:00Z'))).toBe(taken);
    expect(answeredUnsure(taken, instant('2026-12-31T00:00:00Z'), auckland)).toBe(taken);
    expect(answeredNotEffective(taken)).toEqual({ kind: 'none' });
    expect(answeredNotEffective(question)).toBe(question);
  });

  it('ends unconfirmed when nobody can be asked', () => {
    expect(nobodyToAsk(plannedCheck())).toEqual({ kind: 'unconfirmed', asks: 0 });
  });

  it('works a check not asked yet out again when the wait is changed, and leaves one under way alone', () => {
    expect(afterDaysChanged(plannedCheck(), 0)).toEqual({ kind: 'not_needed' });
    expect(afterDaysChanged(plannedCheck(), 60)).toEqual({ kind: 'scheduled', at: null, asks: 0 });
    expect(afterDaysChanged({ kind: 'not_needed' }, null)).toEqual({ kind: 'scheduled', at: null, asks: 0 });
    const question = asked(plannedCheck(), instant('2026-12-30T20:00:00Z'));
    expect(afterDaysChanged(question, 0)).toBe(question);
    const none: VerificationState = { kind: 'none' };
    expect(afterDaysChanged(none, 7)).toBe(none);
  });

  it('names each ask of each check apart', () => {
    const done = instant('2026-12-01T00:00:00Z');
    expect(askKey('i1', done, 1)).not.toBe(askKey('i1', done, 2));
    expect(askKey('i1', done, 1)).not.toBe(askKey('i1', instant('2027-02-01T00:00:00Z'), 1));
  });
});

describe('verification columns', () => {
  const row = { status: 'done', verification: 'asked', verify_at: '2026-12-30T20:00:00.000Z', verify_asks: 1, verified_by: null, verified_at: null };

  it('reads and writes the same state', () => {
    const state = toVerificationState(row);
    expect(state).toEqual({ kind: 'asked', at: instant('2026-12-30T20:00:00Z'), asks: 1, answeredBy: null });
    expect(verificationColumns(state)).toEqual({ verification: 'asked', verify_at: '2026-12-30T20:00:00.000Z', verify_asks: 1, verified_by: null, verified_at: null });
  });

  it('has no check for an item that is not done, or was done before checks existed', () => {
    expect(toVerificationState({ ...row, status: 'open' })).toEqual({ kind: 'none' });
    expect(toVerificationState({ ...row, verification: null })).toEqual({ kind: 'none' });
  });

  it('writes only what a transition changed', () => {
    const before = toVerificationState(row);
    const after = answeredVerified(before, 'U1', instant('2026-12-31T00:00:00Z'));
    expect(changedVerificationColumns(before, after)).toEqual({
      verification: 'verified',
      verify_at: null,
      verified_by: 'U1',
      verified_at: '2026-12-31T00:00:00.000Z',
    });
    expect(changedVerificationColumns(before, before)).toEqual({});
  });
});

describe('the answers people give', () => {
  it('needs why it is not working, what to do instead, and a due date from today on', () => {
    const answer = { why: 'The storm came back', instead: 'Jittered backoff', dueDate: '2027-01-20' };
    expect(notEffectiveProblems(answer, '2027-01-06')).toEqual({});
    expect(Object.keys(notEffectiveProblems({ why: ' ', instead: '', dueDate: '2027-01-05' }, '2027-01-06')).sort()).toEqual(['dueDate', 'instead', 'why']);
    expect(notEffectiveProblems({ ...answer, dueDate: null }, '2027-01-06').dueDate).toBe('Pick a new due date.');
    expect(notEffectiveProblems({ ...answer, dueDate: '2040-01-01' }, '2027-01-06').dueDate).toContain('within the next');
    expect(notEffectiveProblems({ ...answer, why: 'x'.repeat(1001) }, '2027-01-06').why).toContain('1000 characters');
    expect(notEffectiveNote({ why: ' The storm came back ', instead: 'Jittered backoff ' })).toBe('Not effective: The storm came back — Instead: Jittered backoff');
  });

  it('takes a wait before the check of 0 (no check) to 365 days, or the default', () => {
    const input = { description: 'Add an alert', ownerId: 'U1', dueDate: '2026-12-01', type: 'detect' as const, ticketUrl: null };
    for (const days of [null, 0, 7, 365, undefined]) expect(validateActionItem({ ...input, verifyAfterDays: days }, '2026-12-01')).toEqual({});
    for (const days of [-1, 366, 1.5, Number.NaN]) expect(validateActionItem({ ...input, verifyAfterDays: days }, '2026-12-01').verifyAfterDays).toBeDefined();
  });
});
