import { mentionedUser, parseCommandText, typedText } from '../../../src/slack/parse/command-text';

describe('parseCommandText', () => {
  it.each([
    ['', { subcommand: '', args: '' }],
    ['   ', { subcommand: '', args: '' }],
    ['help', { subcommand: 'help', args: '' }],
    ['HELP', { subcommand: 'help', args: '' }],
    ['declare  Database is down ', { subcommand: 'declare', args: 'Database is down' }],
    ['declare line one\nline two', { subcommand: 'declare', args: 'line one\nline two' }],
  ])('%j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});

describe('typedText', () => {
  it('decodes what Slack encoded in command text, back to what the person typed', () => {
    expect(typedText('R&amp;D &lt;b&gt; is down for <@U123|bob> and <!here>')).toBe('R&D <b> is down for @bob and @here');
  });

  it('is one line of typed text, normalised: no NUL, controls, direction overrides or zero-width characters', () => {
    expect(typedText('Checkout\u0000 \u202Edown\u202C\u200B\r\nsince 10:00')).toBe('Checkout down\nsince 10:00');
  });
});

describe('mentionedUser', () => {
  it('finds the user id in an escaped mention', () => {
    expect(mentionedUser('<@U0ABC|alice>')).toBe('U0ABC');
    expect(mentionedUser('<@W0ABC>')).toBe('W0ABC');
    expect(mentionedUser('@alice')).toBeNull();
  });
});
