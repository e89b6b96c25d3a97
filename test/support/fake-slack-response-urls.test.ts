import type { WebClient } from '@slack/web-api';
import { FakeSlack } from '../../tools/fake-slack';
import { webClientFor } from '../../tools/harness/web-client';

async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('FakeSlack response URLs', () => {
  let slack: FakeSlack;
  let client: WebClient;
  let alice: string;
  let ops: string;

  beforeEach(async () => {
    slack = await FakeSlack.start();
    client = webClientFor(slack);
    alice = slack.addUser({ name: 'alice' }).id;
    ops = slack.addChannel({ name: 'ops', members: [alice] }).id;
  });
  afterEach(() => slack.stop());

  it('shows posts ephemerally by default and in the channel with in_channel, recording each', async () => {
    const url = slack.createResponseUrl({ userId: alice, channelId: ops });
    expect(url).toMatch(new RegExp(`^${slack.baseUrl}/response/`));
    expect(await postJson(url, { text: 'just you' })).toEqual({ status: 200, body: { ok: true } });
    await postJson(url, { text: 'everyone', response_type: 'in_channel' });
    expect(slack.ephemerals(alice, ops)).toEqual([expect.objectContaining({ text: 'just you', source: 'response_url' })]);
    // Response URLs work where the bot is not a member.
    expect(slack.messages(ops)).toEqual([expect.objectContaining({ text: 'everyone', bot_id: slack.bot.botId })]);
    expect(slack.responses(url).map((r) => r.body.text)).toEqual(['just you', 'everyone']);
  });

  it('replaces or deletes the message the interaction came from', async () => {
    slack.addMember(ops, slack.bot.userId);
    const { ts } = await client.chat.postMessage({ channel: ops, text: 'Acknowledge?' });
    const url = slack.createResponseUrl({ userId: alice, channelId: ops, messageTs: ts as string });
    await postJson(url, { replace_original: true, text: 'Acknowledged by alice' });
    expect(slack.message(ops, ts as string)?.text).toBe('Acknowledged by alice');
    await postJson(url, { delete_original: true });
    expect(slack.message(ops, ts as string)).toBeUndefined();
  });

  it('allows five posts in thirty minutes', async () => {
    const url = slack.createResponseUrl({ userId: alice, channelId: ops });
    for (let i = 0; i < 5; i++) expect((await postJson(url, { text: `#${i}` })).status).toBe(200);
    expect(await postJson(url, { text: 'sixth' })).toEqual({ status: 404, body: { ok: false, error: 'used_url' } });

    const stale = slack.createResponseUrl({ userId: alice, channelId: ops });
    slack.advanceClock(30 * 60 * 1000 + 1);
    expect(await postJson(stale, { text: 'late' })).toEqual({ status: 404, body: { ok: false, error: 'expired_url' } });
    expect(slack.responses(stale)).toEqual([expect.objectContaining({ accepted: false, error: 'expired_url' })]);
  });

  it('refuses invalid blocks', async () => {
    const url = slack.createResponseUrl({ userId: alice, channelId: ops });
    const answer = await postJson(url, { text: 'x', blocks: [{ type: 'input', label: { type: 'plain_text', text: 'l' }, element: { type: 'plain_text_input' } }] });
    expect(answer).toMatchObject({ status: 400, body: { ok: false, error: 'invalid_blocks' } });
    expect(slack.ephemerals(alice)).toEqual([]);
  });
});
