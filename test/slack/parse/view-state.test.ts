import { type ViewValues, dateOf, dateTimeOf, lineOf, textOf, timeOf } from '../../../src/slack/parse/view-state';

const text = (value: string): ViewValues => ({ f: { f: { type: 'plain_text_input', value } } });
const date = (selected_date: string): ViewValues => ({ f: { f: { type: 'datepicker', selected_date } } });
const time = (selected_time: string): ViewValues => ({ f: { f: { type: 'timepicker', selected_time } } });
const dateTime = (selected_date_time: number): ViewValues => ({ f: { f: { type: 'datetimepicker', selected_date_time } } });

describe('textOf: a multi-line input', () => {
  it('is normalised and trimmed', () => {
    expect(textOf(text('  We rolled back.\r\nErrors\u0000 stopped.\rDone \u202Etext  '), 'f')).toBe('We rolled back.\nErrors stopped.\nDone \u202Etext');
  });

  it('is null when nothing but control characters was typed', () => {
    expect(textOf(text('\u0000\u0007 \r\n'), 'f')).toBeNull();
  });
});

describe('lineOf: a one-line input', () => {
  it('is normalised as one line and trimmed, keeping a line break for the rules to refuse', () => {
    expect(lineOf(text('\u200B Checkout\u0000 \u202Edown\u202C\nSecond line '), 'f')).toBe('Checkout down\nSecond line');
  });
});

describe('dateOf', () => {
  it.each(['2026-02-28', '2028-02-29', '2000-01-01'])('reads %s', (day) => expect(dateOf(date(day), 'f')).toBe(day));

  it.each(['9999-99-99', '2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '2026-01-01T00:00', ''])(
    'reads %j as no date',
    (day) => expect(dateOf(date(day), 'f')).toBeNull(),
  );
});

describe('timeOf', () => {
  it('reads a time of day', () => expect(timeOf(time('23:59'), 'f')).toBe('23:59'));
  it.each(['24:00', '10:60', '9:00', 'noon'])('reads %j as no time', (t) => expect(timeOf(time(t), 'f')).toBeNull());
});

describe('dateTimeOf', () => {
  it('reads seconds since the epoch as an instant', () => {
    expect(dateTimeOf(dateTime(1_780_000_000), 'f')).toEqual(new Date(1_780_000_000_000));
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1e20])('reads %j as no instant', (seconds) => {
    expect(dateTimeOf(dateTime(seconds), 'f')).toBeNull();
  });
});
