import { fromStoredInstant, toStoredInstant } from '../../src/db/instant';

describe('stored instants', () => {
  it('are UTC ISO-8601 text with milliseconds, whatever zone the date was made in', () => {
    expect(toStoredInstant(new Date('2026-03-29T02:30:00+02:00'))).toBe('2026-03-29T00:30:00.000Z');
    expect(fromStoredInstant('2026-03-29T00:30:00.000Z').getTime()).toBe(Date.UTC(2026, 2, 29, 0, 30));
  });

  it('sort as text in time order', () => {
    const a = toStoredInstant(new Date(Date.UTC(2026, 0, 1, 9)));
    const b = toStoredInstant(new Date(Date.UTC(2026, 0, 1, 10)));
    expect([b, a].sort()).toEqual([a, b]);
  });

  it('refuse invalid dates instead of storing "Invalid Date"', () => {
    expect(() => toStoredInstant(new Date('nope'))).toThrow(RangeError);
    expect(() => fromStoredInstant('nope')).toThrow(RangeError);
  });
});
