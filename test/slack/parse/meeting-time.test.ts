import { readMeetingClock, readMeetingDate, readMeetingTime } from '../../../src/slack/parse/meeting-time';

// A Wednesday.
const today = '2026-12-02';

describe('readMeetingTime: `/incident review <date> <time>`', () => {
  it.each([
    ['2026-12-08 14:00', { date: '2026-12-08', time: '14:00' }],
    ['today 9:30', { date: '2026-12-02', time: '09:30' }],
    ['tomorrow 2pm', { date: '2026-12-03', time: '14:00' }],
    ['friday 2:30pm', { date: '2026-12-04', time: '14:30' }],
    ['Fri 12am', { date: '2026-12-04', time: '00:00' }],
    ['monday 12pm', { date: '2026-12-07', time: '12:00' }],
    ['wednesday 10:00', { date: '2026-12-09', time: '10:00' }],
    ['next tuesday at 2 pm', { date: '2026-12-08', time: '14:00' }],
    ['14:00 2026-12-08', { date: '2026-12-08', time: '14:00' }],
    ['  tomorrow   11:15 a.m. ', { date: '2026-12-03', time: '11:15' }],
  ])('reads %j', (text, when) => {
    expect(readMeetingTime(text, today)).toEqual({ ok: true, when });
  });

  it('crosses months and years', () => {
    expect(readMeetingTime('tomorrow 9:00', '2026-12-31')).toEqual({ ok: true, when: { date: '2027-01-01', time: '09:00' } });
    expect(readMeetingTime('monday 9:00', '2027-02-27')).toEqual({ ok: true, when: { date: '2027-03-01', time: '09:00' } });
  });

  it.each(['', 'tomorrow', '14:00', 'tomorrow 2pm please', '2026-12-08 14:00 15:00'])('asks for a date and a time in %j', (text) => {
    const reading = readMeetingTime(text, today);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toContain('`/incident review 2026-12-08 14:00`');
  });

  it('names the word it could not read as a date', () => {
    const reading = readMeetingTime('someday 14:00', today);
    expect(reading).toEqual({ ok: false, problem: expect.stringContaining('"someday" is not a date I know') });
  });

  it('names the word it could not read as a time, escaped', () => {
    const reading = readMeetingTime('tomorrow <lunch>', today);
    expect(reading).toEqual({ ok: false, problem: expect.stringContaining('"&lt;lunch&gt;" is not a time I know') });
  });
});

describe('readMeetingDate', () => {
  it.each([
    ['2026-02-30', null],
    ['2026-13-01', null],
    ['2028-02-29', '2028-02-29'],
    ['sunday', '2026-12-06'],
    ['thurs', '2026-12-03'],
    ['Today', today],
    ['yesterday', null],
  ])('%s → %s', (word, day) => expect(readMeetingDate(word, today)).toBe(day));
});

describe('readMeetingClock', () => {
  it.each([
    ['14:00', '14:00'],
    ['9:30', '09:30'],
    ['0:05', '00:05'],
    ['2pm', '14:00'],
    ['2:30PM', '14:30'],
    ['12am', '00:00'],
    ['12:15pm', '12:15'],
    ['11 p.m.', '23:00'],
    ['24:00', null],
    ['10:60', null],
    ['13pm', null],
    ['0am', null],
    ['14', null],
    ['noon', null],
  ])('%s → %s', (word, time) => expect(readMeetingClock(word)).toBe(time));
});
