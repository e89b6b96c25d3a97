import { epochToDate, isGoZeroTime, parseRfc3339 } from '../../../src/alerts/sources/parse-time';

describe('parseRfc3339', () => {
  it('reads UTC and offset instants, with any number of fraction digits', () => {
    expect(parseRfc3339('2023-02-06T13:08:45Z')).toEqual(new Date('2023-02-06T13:08:45.000Z'));
    expect(parseRfc3339('2018-08-03T09:52:26.739266876+02:00')).toEqual(new Date('2018-08-03T07:52:26.739Z'));
    expect(parseRfc3339('2021-10-12t09:51:03.1-05:30')).toEqual(new Date('2021-10-12T15:21:03.100Z'));
    expect(parseRfc3339('2024-02-29T00:00:00z')).toEqual(new Date('2024-02-29T00:00:00Z'));
  });

  it('refuses other shapes and impossible dates instead of rolling them over', () => {
    for (const text of [
      '',
      'yesterday',
      '2023-02-06',
      '2023-02-06T13:08:45',
      '2023-02-06 13:08:45Z',
      '2023-02-06T13:08Z',
      '2023-2-6T13:08:45Z',
      '2023-02-29T00:00:00Z',
      '2023-04-31T00:00:00Z',
      '2023-13-01T00:00:00Z',
      '2023-02-06T24:00:00Z',
      '2023-02-06T13:60:00Z',
      '2023-02-06T13:08:60Z',
      '2023-02-06T13:08:45+24:00',
      '2023-02-06T13:08:45+0200',
      ' 2023-02-06T13:08:45Z',
    ]) {
      expect([text, parseRfc3339(text)]).toEqual([text, null]);
    }
  });
});

describe('isGoZeroTime', () => {
  it('recognises Go’s zero time.Time as JSON, and nothing else', () => {
    expect(isGoZeroTime('0001-01-01T00:00:00Z')).toBe(true);
    expect(isGoZeroTime('0001-01-01T00:00:00.000Z')).toBe(true);
    expect(isGoZeroTime('0001-01-01T00:00:01Z')).toBe(false);
    expect(isGoZeroTime('2001-01-01T00:00:00Z')).toBe(false);
  });
});

describe('epochToDate', () => {
  it('tells milliseconds, microseconds and nanoseconds apart by size', () => {
    const instant = new Date('2015-01-05T10:03:11.104Z');
    expect(epochToDate(1420452191104)).toEqual(instant);
    expect(epochToDate(1420452191104123)).toEqual(instant);
    expect(epochToDate(1420452191104002000)).toEqual(instant);
  });

  it('refuses what is not a time', () => {
    expect(epochToDate(0)).toBeNull();
    expect(epochToDate(-1)).toBeNull();
    expect(epochToDate(Number.NaN)).toBeNull();
    expect(epochToDate(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
