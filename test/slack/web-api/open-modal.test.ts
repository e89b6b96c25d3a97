import type { ModalView } from '@slack/types';
import { FakeSlack } from '../../../tools/fake-slack';
import { webClientFor } from '../../../tools/harness/web-client';
import { FailureReply } from '../../../src/slack/errors/failure-reply';
import { CONTENT_WAIT_MS, openModalInTime } from '../../../src/slack/web-api/open-modal';
import type { PacerTime } from '../../../src/slack/web-api/channel-pacer';

const form: ModalView = { type: 'modal', callback_id: 'form', title: { type: 'plain_text', text: 'Post-mortem' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'The form' } }] };

/** Sleeping on this time ends when the test says so. */
function heldTime(): PacerTime & { release(): void } {
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { now: () => Date.now(), sleep: () => held, release: () => release() };
}

describe('openModalInTime', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await FakeSlack.start();
  });
  afterEach(() => slack.stop());

  const texts = (userId: string) => slack.views(userId).map((v) => JSON.stringify(v.blocks));

  it('opens the form itself when it is ready in time: one call', async () => {
    const user = slack.addUser({ name: 'ana' }).id;
    const trigger = slack.issueTriggerId(user);
    await openModalInTime(webClientFor(slack), trigger, { title: 'Post-mortem', time: heldTime(), reply: new FailureReply() }, async () => form);
    expect(texts(user)).toEqual([expect.stringContaining('The form')]);
    expect(slack.calls.map((c) => c.method)).toEqual(['views.open']);
  });

  it(`opens a placeholder within the trigger when the form takes longer than ${CONTENT_WAIT_MS} ms, then shows the form in it`, async () => {
    const user = slack.addUser({ name: 'ana' }).id;
    const trigger = slack.issueTriggerId(user);
    const time = heldTime();
    let finish: (view: ModalView) => void = () => undefined;
    const slow = new Promise<ModalView>((resolve) => (finish = resolve));
    const opening = openModalInTime(webClientFor(slack), trigger, { title: 'Post-mortem', time, reply: new FailureReply() }, () => slow);
    time.release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(texts(user)).toEqual([expect.stringContaining('Getting it ready')]);
    finish(form);
    await opening;
    expect(texts(user)).toEqual([expect.stringContaining('The form')]);
    expect(slack.calls.map((c) => c.method)).toEqual(['views.open', 'views.update']);
  });

  it('names the placeholder as the place to explain a failure that came after it', async () => {
    const user = slack.addUser({ name: 'ana' }).id;
    const trigger = slack.issueTriggerId(user);
    const time = heldTime();
    const reply = new FailureReply();
    let fail: (error: Error) => void = () => undefined;
    const slow = new Promise<ModalView>((_resolve, reject) => (fail = reject));
    const opening = openModalInTime(webClientFor(slack), trigger, { title: 'Post-mortem', time, reply }, () => slow);
    time.release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    fail(new Error('the channel could not be read'));
    await expect(opening).rejects.toThrow('the channel could not be read');
    const shown = await reply.modalView!.render('Slack did not answer in time.');
    expect(reply.modalView!.viewId).toBe(slack.views(user)[0]!.id);
    expect(JSON.stringify(shown)).toContain('Slack did not answer in time.');
  });
});
