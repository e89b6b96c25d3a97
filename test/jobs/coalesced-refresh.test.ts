import { CoalescedRefresh, type RefreshTime } from '../../src/jobs/coalesced-refresh';
import { currentPriority, runWithPriority } from '../../src/work-priority';

const GAP = 10_000;

/** Time that moves only when the test moves it; sleepers wake when their moment is reached. */
function manualTime(): RefreshTime & { advance(ms: number): Promise<void>; sleeping(): number } {
  let now = 0;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    async advance(ms) {
      now += ms;
      for (const sleeper of sleepers.filter((s) => s.at <= now)) {
        sleepers.splice(sleepers.indexOf(sleeper), 1);
        sleeper.wake();
      }
      await settle();
    },
    sleeping: () => sleepers.length,
  };
}

/** Lets every promise that can settle now settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A card that shows what the incident is when an update starts; each update finishes when the test says. */
function card() {
  const state = { severity: 'SEV3', shown: [] as string[], running: 0, finish: [] as Array<(error?: Error) => void> };
  const update = () => {
    state.shown.push(state.severity);
    state.running += 1;
    return new Promise<void>((resolve, reject) => {
      state.finish.push((error) => {
        state.running -= 1;
        if (error) reject(error);
        else resolve();
      });
    });
  };
  return { state, update, finishNext: (error?: Error) => state.finish.shift()!(error) };
}

/** Which of the promises have settled, and how. */
function watch(promise: Promise<void>) {
  const seen: { outcome?: 'done' | Error } = {};
  promise.then(
    () => (seen.outcome = 'done'),
    (error: Error) => (seen.outcome = error),
  );
  return seen;
}

describe('CoalescedRefresh', () => {
  it('updates at once after a quiet spell', async () => {
    const time = manualTime();
    const refreshes = new CoalescedRefresh(GAP, time);
    const { state, update, finishNext } = card();

    const first = watch(refreshes.refresh('INC-1', update));
    expect(state.shown).toEqual(['SEV3']);
    finishNext();
    await settle();
    expect(first.outcome).toBe('done');

    // Once the gap has passed, the next change is shown at once again.
    await time.advance(GAP);
    state.severity = 'SEV2';
    const later = watch(refreshes.refresh('INC-1', update));
    expect(state.shown).toEqual(['SEV3', 'SEV2']);
    finishNext();
    await settle();
    expect(later.outcome).toBe('done');
  });

  it('joins the changes arriving during an update and in the gap after it into one update showing the last state', async () => {
    const time = manualTime();
    const refreshes = new CoalescedRefresh(GAP, time);
    const { state, update, finishNext } = card();

    const leading = watch(refreshes.refresh('INC-1', update));
    state.severity = 'SEV2';
    const duringUpdate = watch(refreshes.refresh('INC-1', update));
    finishNext();
    await settle();
    expect(leading.outcome).toBe('done');
    // The update under way may have read the state before SEV2: it does not count for it.
    expect(duringUpdate.outcome).toBeUndefined();

    await time.advance(GAP / 2);
    state.severity = 'SEV1';
    const inGap = watch(refreshes.refresh('INC-1', update));
    state.severity = 'SEV4';
    const alsoInGap = watch(refreshes.refresh('INC-1', update));
    expect(state.shown).toEqual(['SEV3']);

    await time.advance(GAP / 2 - 1);
    expect(state.shown).toEqual(['SEV3']);
    await time.advance(1);
    expect(state.shown).toEqual(['SEV3', 'SEV4']);
    expect([duringUpdate.outcome, inGap.outcome, alsoInGap.outcome]).toEqual([undefined, undefined, undefined]);
    finishNext();
    await settle();
    expect([duringUpdate.outcome, inGap.outcome, alsoInGap.outcome]).toEqual(['done', 'done', 'done']);
    expect(state.running).toBe(0);
  });

  it('makes a change arriving while the trailing update runs wait for the next one', async () => {
    const time = manualTime();
    const refreshes = new CoalescedRefresh(GAP, time);
    const { state, update, finishNext } = card();

    void refreshes.refresh('INC-1', update);
    finishNext();
    await settle();
    const trailing = watch(refreshes.refresh('INC-1', update));
    await time.advance(GAP);
    expect(state.shown).toHaveLength(2);

    state.severity = 'SEV1';
    const next = watch(refreshes.refresh('INC-1', update));
    finishNext();
    await settle();
    expect(trailing.outcome).toBe('done');
    expect(next.outcome).toBeUndefined();
    expect(time.sleeping()).toBe(1);

    await time.advance(GAP);
    expect(state.shown.at(-1)).toBe('SEV1');
    finishNext();
    await settle();
    expect(next.outcome).toBe('done');
  });

  it('gives a failed update’s error to everyone who waited on it, and to nobody else', async () => {
    const time = manualTime();
    const refreshes = new CoalescedRefresh(GAP, time);
    const { update, finishNext } = card();

    const leading = watch(refreshes.refresh('INC-1', update));
    const joined = [watch(refreshes.refresh('INC-1', update)), watch(refreshes.refresh('INC-1', update))];
    finishNext();
    await settle();
    await time.advance(GAP);
    expect(leading.outcome).toBe('done');

    const refused = new Error('Slack refused the request (msg_too_long).');
    finishNext(refused);
    await settle();
    expect(joined.map((j) => j.outcome)).toEqual([refused, refused]);

    // A failure starts the gap too; the update after it is tried afresh.
    const retry = watch(refreshes.refresh('INC-1', update));
    await time.advance(GAP);
    finishNext();
    await settle();
    expect(retry.outcome).toBe('done');
  });

  it('keeps each incident on its own', async () => {
    const time = manualTime();
    const refreshes = new CoalescedRefresh(GAP, time);
    const one = card();
    const two = card();

    void refreshes.refresh('INC-1', one.update);
    const waiting = watch(refreshes.refresh('INC-1', one.update));
    const other = watch(refreshes.refresh('INC-2', two.update));
    expect(two.state.shown).toEqual(['SEV3']);
    two.finishNext();
    await settle();
    expect(other.outcome).toBe('done');
    expect(waiting.outcome).toBeUndefined();

    one.finishNext();
    await settle();
    await time.advance(GAP);
    one.finishNext();
    await settle();
    expect(waiting.outcome).toBe('done');
    expect(one.state.shown).toHaveLength(2);
  });

  it('runs a shared update at the priority of a person waiting on it, even when background work asked first', async () => {
    const time = manualTime();
    const refreshes = new CoalescedRefresh(GAP, time);
    const priorities: string[] = [];
    const update = async () => void priorities.push(currentPriority());

    await runWithPriority('background', () => refreshes.refresh('INC-1', update));
    const background = runWithPriority('background', () => refreshes.refresh('INC-1', update));
    const person = runWithPriority('interactive', () => refreshes.refresh('INC-1', update));
    await time.advance(GAP);
    await Promise.all([background, person]);
    expect(priorities).toEqual(['background', 'interactive']);
  });
});
