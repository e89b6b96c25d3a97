import { Writable } from 'node:stream';
import type { WebClient } from '@slack/web-api';
import pino from 'pino';
import { AppError } from '../../../src/errors';
import { FailureReply, formErrors, showFailure } from '../../../src/slack/errors/failure-reply';
import { UNEXPECTED_PROBLEM } from '../../../src/slack/errors/explain-error';

/** A Web API client that records what the bot asked Slack to show, and can refuse a method. */
function recordingClient(refuse: string[] = []) {
  const shown: Array<{ method: string; args: Record<string, unknown> }> = [];
  const call = (method: string) => async (args: Record<string, unknown>) => {
    if (refuse.includes(method)) throw Object.assign(new Error('refused'), { code: 'slack_webapi_platform_error', data: { error: 'not_in_channel' } });
    shown.push({ method, args });
    return { ok: true };
  };
  const client = {
    views: { update: call('views.update') },
    chat: { postEphemeral: call('chat.postEphemeral'), postMessage: call('chat.postMessage') },
  } as unknown as WebClient;
  return { client, shown };
}

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _e, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

describe('the one error path', () => {
  const refused = new AppError('not_a_member', "only members of the incident's channel can change it.");

  it('shows an expected refusal in the modal the listener named, with its words capitalised', async () => {
    const { client, shown } = recordingClient();
    const { logger, lines } = capturingLogger();
    const reply = new FailureReply().inModal('V1', (problem) => ({ type: 'modal', title: { type: 'plain_text', text: 'Not saved' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: problem } }] }));
    await showFailure({ client, logger, userId: 'U1', reply, request: { view: 'postmortem' } }, refused);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.method).toBe('views.update');
    expect(JSON.stringify(shown[0]!.args)).toContain("Only members of the incident's channel can change it.");
    expect(lines.find((l) => l.msg === 'request refused')).toMatchObject({ level: 40, code: 'not_a_member', view: 'postmortem', user: 'U1' });
  });

  it('answers through the response URL when there is one and the listener named no channel', async () => {
    const { client, shown } = recordingClient();
    const { logger } = capturingLogger();
    const said: string[] = [];
    await showFailure(
      { client, logger, userId: 'U1', reply: new FailureReply(), respond: async (text) => void said.push(text), request: { command: '/incident' } },
      refused,
    );
    expect(said).toEqual([":warning: Only members of the incident's channel can change it."]);
    expect(shown).toEqual([]);
  });

  it("tells the person privately in the incident's channel, or in a DM when they are not in it", async () => {
    const inChannel = recordingClient();
    const { logger } = capturingLogger();
    await showFailure({ client: inChannel.client, logger, userId: 'U1', reply: new FailureReply().inChannel('C1'), request: {} }, refused);
    expect(inChannel.shown.map((s) => [s.method, s.args.channel])).toEqual([['chat.postEphemeral', 'C1']]);

    const notInChannel = recordingClient(['chat.postEphemeral']);
    await showFailure({ client: notInChannel.client, logger, userId: 'U1', reply: new FailureReply().inChannel('C1'), request: {} }, refused);
    expect(notInChannel.shown.map((s) => [s.method, s.args.channel])).toEqual([['chat.postMessage', 'U1']]);
  });

  it('logs an unexpected failure in full at error and tells the person nothing internal', async () => {
    const { client, shown } = recordingClient();
    const { logger, lines } = capturingLogger();
    await showFailure({ client, logger, userId: 'U1', reply: new FailureReply(), request: { action: 'item_done' } }, new Error('relation "x" does not exist'));
    expect(shown.map((s) => s.args.text)).toEqual([`:warning: ${UNEXPECTED_PROBLEM}`]);
    const logged = lines.find((l) => l.msg === 'request failed')!;
    expect(logged).toMatchObject({ level: 50, action: 'item_done' });
    expect(JSON.stringify(logged.err)).toContain('relation');
  });

  it('falls back to a private message when the modal cannot be updated (closed meanwhile)', async () => {
    const { client, shown } = recordingClient(['views.update']);
    const { logger } = capturingLogger();
    const reply = new FailureReply().inModal('V1', () => ({ type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] }));
    await showFailure({ client, logger, userId: 'U1', reply, request: {} }, refused);
    expect(shown.map((s) => s.method)).toEqual(['chat.postMessage']);
  });

});

describe('a failure on a form still waiting for its acknowledgement', () => {
  const blocks = { noticed: 'account_noticed', did: 'account_did' };

  it('goes under the fields it is about, so what was typed stays', () => {
    const error = new AppError('invalid_input', 'the account needs a change.', { fields: { did: 'Keep this under 3000 characters.', other: 'Not on this form.' } });
    expect(formErrors(new FailureReply().onForm(blocks, 'account_noticed'), error)).toEqual({ account_did: 'Keep this under 3000 characters.' });
  });

  it('goes under the block for the rest when it is about no field, explained as anywhere else', () => {
    const closed = new AppError('accounts_closed', 'its post-mortem is published, so accounts can no longer be written or changed.');
    expect(formErrors(new FailureReply().onForm(blocks, 'account_noticed'), closed)).toEqual({
      account_noticed: 'Its post-mortem is published, so accounts can no longer be written or changed.',
    });
    expect(formErrors(new FailureReply().onForm(blocks, 'account_noticed'), new Error('boom'))).toEqual({ account_noticed: UNEXPECTED_PROBLEM });
  });

  it('is not for the form when the listener named none', () => {
    expect(formErrors(new FailureReply(), new AppError('invalid_input', 'x', { fields: { noticed: 'y' } }))).toBeNull();
  });
});
