import { escapeMrkdwn } from '../../src/mrkdwn/escape';

describe('escapeMrkdwn', () => {
  it('neutralises mentions, broadcasts and disguised links', () => {
    expect(escapeMrkdwn('<!channel> see <https://evil|bank> & <@U123>')).toBe(
      '&lt;!channel&gt; see &lt;https://evil|bank&gt; &amp; &lt;@U123&gt;',
    );
  });

  it('escapes an ampersand once, so already-escaped text still reads literally', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });

  it('leaves ordinary formatting alone', () => {
    expect(escapeMrkdwn('*bold* _it_ `code` 🔥 שלום')).toBe('*bold* _it_ `code` 🔥 שלום');
  });
});
