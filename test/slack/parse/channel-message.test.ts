import { toChannelMessage } from '../../../src/slack/parse/channel-message';

describe('toChannelMessage', () => {
  it('normalises the text as anything typed: no NUL or control characters, every line break a \\n', () => {
    const message = toChannelMessage('C1', { ts: '1780000000.000100', user: 'U1', text: 'DB\u0000 down\r\nsee <@U2>\u0007\rnow' });
    expect(message.text).toBe('DB down\nsee <@U2>\nnow');
  });

  it('normalises file names in its files note', () => {
    const message = toChannelMessage('C1', { ts: '1780000000.000100', user: 'U1', files: [{ name: 'cpu\u0000\u202E.png' }] });
    expect(message.filesNote).toBe('1 file: cpu.png');
  });
});
