import type { WebClient } from '@slack/web-api';
import { FakeSlack } from '../../tools/fake-slack';
import { webClientFor } from '../../tools/harness/web-client';

function modal(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: 'Save' },
    blocks: [
      {
        type: 'input',
        block_id: 'title',
        label: { type: 'plain_text', text: 'Title' },
        element: { type: 'plain_text_input', action_id: 'value' },
      },
    ],
    ...extra,
  };
}

describe('FakeSlack views', () => {
  let slack: FakeSlack;
  let client: WebClient;
  let alice: string;

  beforeEach(async () => {
    slack = await FakeSlack.start();
    client = webClientFor(slack);
    alice = slack.addUser({ name: 'alice' }).id;
  });
  afterEach(() => slack.stop());

  it("opens a modal for the trigger's user, as Slack returns it", async () => {
    const opened = await client.views.open({ trigger_id: slack.issueTriggerId(alice), view: modal('Declare') as never });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      type: 'modal',
      hash: expect.stringMatching(/^\d+\.\d+$/),
      state: { values: {} },
      private_metadata: '',
      callback_id: '',
      previous_view_id: null,
      app_id: slack.bot.appId,
      bot_id: slack.bot.botId,
    });
    expect(opened.view?.root_view_id).toBe(opened.view?.id);
    expect(slack.views(alice).map((v) => v.id)).toEqual([opened.view?.id]);
  });

  it('refuses unknown, reused and expired trigger ids', async () => {
    await expect(client.views.open({ trigger_id: '123.456.abc', view: modal('A') as never })).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
    const trigger = slack.issueTriggerId(alice);
    await client.views.open({ trigger_id: trigger, view: modal('A') as never });
    await expect(client.views.open({ trigger_id: trigger, view: modal('A') as never })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
    const late = slack.issueTriggerId(alice);
    slack.advanceClock(3001);
    await expect(client.views.open({ trigger_id: late, view: modal('A') as never })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
  });

  it('stacks at most three views', async () => {
    const root = await client.views.open({ trigger_id: slack.issueTriggerId(alice), view: modal('One') as never });
    const second = await client.views.push({ trigger_id: slack.issueTriggerId(alice), view: modal('Two') as never });
    await client.views.push({ trigger_id: slack.issueTriggerId(alice), view: modal('Three') as never });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await expect(client.views.push({ trigger_id: slack.issueTriggerId(alice), view: modal('Four') as never })).rejects.toMatchObject({
      data: { error: 'push_limit_reached' },
    });
    expect(slack.views(alice).map((v) => v.title?.text)).toEqual(['One', 'Two', 'Three']);
  });

  it('updates in place by view_id or external_id, refusing a stale hash', async () => {
    const opened = await client.views.open({
      trigger_id: slack.issueTriggerId(alice),
      view: modal('Draft', { external_id: 'incident-1' }) as never,
    });
    const id = opened.view?.id as string;
    const updated = await client.views.update({ view_id: id, hash: opened.view?.hash, view: modal('Saved') as never });
    expect(updated.view).toMatchObject({ id, title: { text: 'Saved' } });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    await expect(client.views.update({ view_id: id, hash: opened.view?.hash, view: modal('Again') as never })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    await client.views.update({ view_id: id, view: modal('By id', { external_id: 'incident-1' }) as never });
    await expect(client.views.update({ external_id: 'incident-1', view: modal('By external id') as never })).resolves.toMatchObject({ ok: true });
    expect(slack.view(id)?.title?.text).toBe('By external id');
    await expect(client.views.update({ view_id: 'V_GONE', view: modal('x') as never })).rejects.toMatchObject({ data: { error: 'not_found' } });
  });

  it('refuses views Slack would refuse, naming the problem', async () => {
    const longTitle = modal('A title that is far too long for Slack');
    await expect(client.views.open({ trigger_id: slack.issueTriggerId(alice), view: longTitle as never })).rejects.toMatchObject({
      data: {
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] view.title.text: must be at most 24 characters (got 38)'] },
      },
    });
    const noSubmit = { ...modal('x'), submit: undefined };
    await expect(client.views.open({ trigger_id: slack.issueTriggerId(alice), view: noSubmit as never })).rejects.toMatchObject({
      data: { response_metadata: { messages: ['[ERROR] view.submit: is required when the view contains input blocks'] } },
    });
    const metadata = modal('x', { private_metadata: 'm'.repeat(3001) });
    await expect(client.views.open({ trigger_id: slack.issueTriggerId(alice), view: metadata as never })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
  });

  it('publishes the Home tab per user, with hash checks', async () => {
    const home = { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi' } }] };
    const first = await client.views.publish({ user_id: alice, view: home as never });
    expect(slack.homeView(alice)).toMatchObject({ id: first.view?.id, type: 'home' });
    const second = await client.views.publish({ user_id: alice, view: home as never, hash: first.view?.hash });
    expect(second.view?.id).toBe(first.view?.id);
    await expect(client.views.publish({ user_id: alice, view: home as never, hash: first.view?.hash })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    await expect(client.views.publish({ user_id: alice, view: modal('x') as never })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
  });

  describe('answers to a view_submission', () => {
    async function openTwo(): Promise<[string, string]> {
      const root = await client.views.open({ trigger_id: slack.issueTriggerId(alice), view: modal('One') as never });
      const top = await client.views.push({ trigger_id: slack.issueTriggerId(alice), view: modal('Two') as never });
      return [root.view?.id as string, top.view?.id as string];
    }

    it('an empty answer closes the submitted view, uncovering the previous one', async () => {
      const [root, top] = await openTwo();
      slack.applyViewResponse(alice, top, '');
      expect(slack.views(alice).map((v) => v.id)).toEqual([root]);
      expect(slack.view(top)).toBeUndefined();
    });

    it('update, push and clear do what they say', async () => {
      const [root, top] = await openTwo();
      slack.applyViewResponse(alice, top, { response_action: 'update', view: modal('Two, updated') });
      expect(slack.views(alice).map((v) => [v.id, v.title?.text])).toEqual([
        [root, 'One'],
        [top, 'Two, updated'],
      ]);
      slack.applyViewResponse(alice, top, { response_action: 'push', view: modal('Three') });
      expect(slack.views(alice)).toHaveLength(3);
      slack.applyViewResponse(alice, root, { response_action: 'clear' });
      expect(slack.views(alice)).toEqual([]);
      expect(slack.problems).toEqual([]);
    });

    it('errors keep the view open and are recorded per block', async () => {
      const [, top] = await openTwo();
      slack.applyViewResponse(alice, top, { response_action: 'errors', errors: { title: 'Too vague' } });
      expect(slack.views(alice)).toHaveLength(2);
      expect(slack.viewErrors(top)).toEqual({ title: 'Too vague' });
    });

    it('answers Slack would reject leave the views alone and are reported as problems', async () => {
      const [, top] = await openTwo();
      slack.applyViewResponse(alice, top, { response_action: 'errors', errors: { nope: 'x' } });
      slack.applyViewResponse(alice, top, { response_action: 'update', view: modal('This title is much too long') });
      expect(slack.views(alice)).toHaveLength(2);
      expect(slack.problems).toEqual([
        expect.stringContaining('errors name blocks that are not input blocks of the view: nope'),
        expect.stringContaining('view.title.text: must be at most 24 characters'),
      ]);
    });
  });
});
