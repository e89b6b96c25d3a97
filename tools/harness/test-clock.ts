/** A clock a test moves by hand, for the bot (and the fake Slack) to share: reminders and checks are about time passing. */
export function testClock(startIso: string) {
  let now = Date.parse(startIso);
  return {
    clock: { now: () => new Date(now) },
    set(iso: string) {
      now = Date.parse(iso);
    },
    advance(ms: number) {
      now += ms;
    },
  };
}
