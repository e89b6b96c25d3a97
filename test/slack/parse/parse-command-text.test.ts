import { parseCommandText } from '../../../src/slack/parse/parse-command-text';

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
