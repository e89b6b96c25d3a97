import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { FakeSlack } from '../../tools/fake-slack';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { waitFor } from '../../tools/harness/wait-for';
import { silentLogger } from '../../tools/harness/web-client';

const SECRET = 'bolt-harness-signing-secret';

/**
 * The harness against a real Bolt app (not the product's): Bolt starts against the fake, accepts
 * the driver's signatures, and a command → modal → submission → message round trip shows up in
 * the fake as a person would see it.
 */
describe('FakeSlack and SlackDriver with a Bolt app', () => {
  let slack: FakeSlack;
  let app: App;
  let driver: SlackDriver;

  beforeAll(async () => {
    slack = await FakeSlack.start({ scopes: ['commands', 'chat:write'] });
    app = new App({
      token: slack.botToken,
      signingSecret: SECRET,
      logger: silentLogger,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/incident', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'declare',
          private_metadata: body.channel_id,
          title: { type: 'plain_text', text: 'Declare incident' },
          submit: { type: 'plain_text', text: 'Declare' },
          blocks: [{ type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'value' } }],
        },
      });
    });
    app.view('declare', async ({ ack, view, client }) => {
      const title = view.state.values.title?.value?.value ?? '';
      if (title.length < 5) {
        await ack({ response_action: 'errors', errors: { title: 'Say a little more' } });
        return;
      }
      await ack();
      await client.chat.postMessage({ channel: view.private_metadata, text: `:rotating_light: ${title}` });
    });
    const server = (await app.start(0)) as Server;
    driver = new SlackDriver({ appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, signingSecret: SECRET, slack });
  });
  afterAll(async () => {
    await app.stop();
    await slack.stop();
  });

  it('runs a command → modal → submission → message round trip', async () => {
    const alice = slack.addUser({ name: 'alice' }).id;
    const ops = slack.addChannel({ name: 'ops', members: [alice, slack.bot.userId] }).id;

    expect((await driver.command({ user: alice, channel: ops })).status).toBe(200);
    const [modal] = await waitFor(() => (slack.views(alice).length === 1 ? slack.views(alice) : undefined));

    await driver.submitView({ user: alice, viewId: modal!.id, fields: { title: 'db' } });
    expect(slack.viewErrors(modal!.id)).toEqual({ title: 'Say a little more' });

    await driver.submitView({ user: alice, viewId: modal!.id, fields: { title: 'Checkout is down' } });
    expect(slack.views(alice)).toEqual([]);
    const [message] = await waitFor(() => (slack.botMessages(ops).length > 0 ? slack.botMessages(ops) : undefined));
    expect(message?.text).toBe(':rotating_light: Checkout is down');
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    expect(slack.problems).toEqual([]);
  });

  it('is refused by Bolt when unsigned or signed with another secret', async () => {
    expect((await driver.unsignedPost('command=%2Fincident', 'application/x-www-form-urlencoded')).status).toBe(401);
    const other = new SlackDriver({ appUrl: driver.appUrl, signingSecret: 'not-the-secret', slack });
    expect((await other.signedPost('command=%2Fincident', 'application/x-www-form-urlencoded')).status).toBe(401);
  });
});
