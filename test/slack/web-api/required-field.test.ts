import { requiredField } from '../../../src/slack/web-api/required-field';

describe('requiredField', () => {
  it('passes a present field through', () => {
    expect(requiredField('1700000000.000100', 'chat.postMessage', 'message ts')).toBe('1700000000.000100');
  });

  it.each([undefined, null, ''])('reports Slack failing when the field is %p', (missing) => {
    expect(() => requiredField(missing, 'conversations.open', 'channel id')).toThrow(
      expect.objectContaining({ code: 'slack_refused', message: expect.stringContaining('conversations.open had no channel id') }),
    );
  });
});
