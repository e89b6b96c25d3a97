/** A message's `ts` ("1700000000.123456") is its posting time in seconds: as a Date, to the millisecond. */
export function slackTsToDate(ts: string): Date {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return new Date(Number(seconds) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3)));
}
