import { slackPermalink } from '../../../src/slack/web-api/slack-permalink';

describe('slackPermalink', () => {
  it('links a message as Slack does, and a reply within its thread', () => {
    expect(slackPermalink('https://acme.slack.com/', 'C1', '1700000000.000100')).toBe('https://acme.slack.com/archives/C1/p1700000000000100');
    expect(slackPermalink('https://acme.slack.com/', 'C1', '1700000001.000200', '1700000000.000100')).toBe(
      'https://acme.slack.com/archives/C1/p1700000001000200?thread_ts=1700000000.000100&cid=C1',
    );
  });

  it('treats a thread parent as the top-level message it is, and a workspace address without its slash alike', () => {
    expect(slackPermalink('https://acme.slack.com', 'C1', '1700000000.000100', '1700000000.000100')).toBe('https://acme.slack.com/archives/C1/p1700000000000100');
  });
});
