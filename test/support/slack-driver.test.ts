import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FakeSlack } from '../../tools/fake-slack';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { webClientFor } from '../../tools/harness/web-client';

const SECRET = 'driver-test-signing-secret';

interface Received {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Verified here with node:crypto alone, independently of the driver's signing code. */
  signatureValid: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
}

interface Answer {
  status?: number;
  body?: unknown;
  delayMs?: number;
}

/** A stand-in app: records what Slack (the driver) sends and answers as told. */
class RecordingApp {
  readonly received: Received[] = [];
  private readonly answers: Answer[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, rawBody, signatureValid: verify(req.headers, rawBody), payload: decode(req.headers, rawBody) });
        const answer = this.answers.shift() ?? {};
        setTimeout(() => {
          if (answer.body === undefined) {
            res.writeHead(answer.status ?? 200);
            res.end();
          } else if (typeof answer.body === 'string') {
            res.writeHead(answer.status ?? 200);
            res.end(answer.body);
          } else {
            res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(answer.body));
          }
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answerNext(answer: Answer): void {
    this.answers.push(answer);
  }

  get last(): Received {
    const last = this.received[this.received.length - 1];
    if (!last) throw new Error('nothing received');
    return last;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function verify(headers: IncomingHttpHeaders, rawBody: string): boolean {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function decode(headers: IncomingHttpHeaders, rawBody: string): unknown {
  if (headers['content-type']?.startsWith('application/json')) return JSON.parse(rawBody);
  const form = Object.fromEntries(new URLSearchParams(rawBody));
  return form.payload ? JSON.parse(form.payload) : form;
}

function referenceExample(event: string): Record<string, unknown> {
  const file = path.resolve(__dirname, '../../tools/fake-slack/reference/events', `${event}.json`);
  return JSON.parse(readFileSync(file, 'utf8')).example;
}

const sortedKeys = (value: object): string[] => Object.keys(value).sort();

describe('SlackDriver', () => {
  let slack: FakeSlack;
  let app: RecordingApp;
  let driver: SlackDriver;
  let alice: string;
  let ops: string;

  beforeEach(async () => {
    slack = await FakeSlack.start();
    app = new RecordingApp();
    driver = new SlackDriver({ appUrl: await app.start(), signingSecret: SECRET, slack });
    alice = slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
    ops = slack.addChannel({ name: 'ops', members: [alice, slack.bot.userId] }).id;
  });
  afterEach(async () => {
    await app.stop();
    await slack.stop();
  });

  describe('signing', () => {
    it('signs every request the way Slack does, to POST /slack/events', async () => {
      await driver.command({ user: alice, channel: ops, text: 'help' });
      await driver.event({ type: 'app_home_opened', user: alice });
      expect(app.received).toHaveLength(2);
      for (const request of app.received) {
        expect(request.signatureValid).toBe(true);
        expect(Number(request.headers['x-slack-request-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
      }
    });

    it('sends a chosen timestamp or signature, and can leave the signature out', async () => {
      const old = Math.floor(Date.now() / 1000) - 600;
      await driver.signedPost('a=1', 'application/x-www-form-urlencoded', { timestampSeconds: old });
      expect(app.last.headers['x-slack-request-timestamp']).toBe(String(old));
      expect(app.last.signatureValid).toBe(false);
      await driver.signedPost('a=1', 'application/x-www-form-urlencoded', { signature: 'v0=forged' });
      expect(app.last.headers['x-slack-signature']).toBe('v0=forged');
      await driver.unsignedPost('a=1', 'application/x-www-form-urlencoded');
      expect(app.last.headers['x-slack-signature']).toBeUndefined();
      expect(app.last.headers['x-slack-request-timestamp']).toBeUndefined();
    });

    it('returns status, parsed JSON body, text and headers', async () => {
      app.answerNext({ status: 200, body: { response_type: 'ephemeral', text: 'ok' } });
      const response = await driver.command({ user: alice, channel: ops });
      expect(response).toMatchObject({ status: 200, body: { response_type: 'ephemeral', text: 'ok' }, text: '{"response_type":"ephemeral","text":"ok"}' });
      expect(response.headers['content-type']).toBe('application/json');
      app.answerNext({ status: 401 });
      expect(await driver.unsignedPost('', 'text/plain')).toMatchObject({ status: 401, body: '', text: '' });
    });
  });

  describe('slash commands', () => {
    it('posts the form fields Slack sends, with a live trigger_id and response_url', async () => {
      const response = await driver.command({ user: alice, channel: ops, text: 'declare db down' });
      expect(app.last.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(app.last.payload).toEqual({
        token: expect.any(String),
        team_id: slack.teamId,
        team_domain: 'fake',
        channel_id: ops,
        channel_name: 'ops',
        user_id: alice,
        user_name: 'alice',
        command: '/incident',
        text: 'declare db down',
        api_app_id: slack.bot.appId,
        is_enterprise_install: 'false',
        response_url: response.responseUrl,
        trigger_id: response.triggerId,
      });
      const opened = await webClientFor(slack).views.open({
        trigger_id: app.last.payload.trigger_id,
        view: { type: 'modal', title: { type: 'plain_text', text: 'Declare' }, blocks: [] },
      });
      expect(slack.views(alice).map((v) => v.id)).toEqual([opened.view?.id]);
    });

    it('names DMs and private channels the way Slack does', async () => {
      await driver.command({ user: alice, channel: slack.openDm(alice) });
      expect(app.last.payload.channel_name).toBe('directmessage');
      const secret = slack.addChannel({ name: 'secret', isPrivate: true, members: [alice] }).id;
      await driver.command({ user: alice, channel: secret });
      expect(app.last.payload.channel_name).toBe('privategroup');
    });

    it("shows the app's immediate answer to the person, or to the channel when in_channel", async () => {
      app.answerNext({ body: 'plain text answer' });
      await driver.command({ user: alice, channel: ops });
      app.answerNext({ body: { response_type: 'in_channel', text: 'Incident declared' } });
      await driver.command({ user: alice, channel: ops });
      app.answerNext({});
      await driver.command({ user: alice, channel: ops });
      expect(slack.ephemerals(alice, ops).map((e) => [e.text, e.source])).toEqual([['plain text answer', 'command_response']]);
      expect(slack.messages(ops).map((m) => m.text)).toEqual(['Incident declared']);
    });

    it('reports a slow or failed acknowledgement as something the person would notice', async () => {
      const impatient = new SlackDriver({ appUrl: driver.appUrl, signingSecret: SECRET, slack, ackDeadlineMs: 50 });
      app.answerNext({ delayMs: 120 });
      await impatient.command({ user: alice, channel: ops, text: 'slow' });
      app.answerNext({ status: 500 });
      await driver.command({ user: alice, channel: ops, text: 'broken' });
      expect(slack.problems).toEqual([
        expect.stringMatching(/^\/incident slow: acknowledged after \d+ ms; Slack gives up after 50 ms$/),
        '/incident broken: the app answered HTTP 500; Slack shows an error',
      ]);
    });
  });

  describe('events', () => {
    it("wraps an event in Slack's envelope", async () => {
      const delivery = await driver.event({ type: 'app_home_opened', user: alice, tab: 'home' });
      expect(app.last.headers['content-type']).toBe('application/json');
      expect(app.last.payload).toEqual({
        token: expect.any(String),
        team_id: slack.teamId,
        context_team_id: slack.teamId,
        context_enterprise_id: null,
        api_app_id: slack.bot.appId,
        event: { type: 'app_home_opened', user: alice, tab: 'home' },
        type: 'event_callback',
        event_id: delivery.eventId,
        event_time: expect.any(Number),
        authorizations: [{ enterprise_id: null, team_id: slack.teamId, user_id: slack.bot.userId, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
        event_context: expect.stringMatching(/^4-/),
      });
      expect(delivery.eventId).toMatch(/^Ev[A-Z0-9]{10}$/);
    });

    it('redelivers with the same event_id and the retry headers', async () => {
      const first = await driver.event({ type: 'app_home_opened', user: alice });
      expect(app.last.headers['x-slack-retry-num']).toBeUndefined();
      await driver.event(first.envelope.event, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
      expect(app.last.payload.event_id).toBe(first.eventId);
      expect(app.last.headers['x-slack-retry-num']).toBe('1');
      expect(app.last.headers['x-slack-retry-reason']).toBe('http_timeout');
    });

    it('adds a reaction in the fake, then sends reaction_added shaped like Slack’s example', async () => {
      const message = slack.post(alice, ops, 'deploy rolled back');
      await driver.reactionAdded(alice, ops, message.ts, 'white_check_mark');
      expect(slack.reactionsOn(ops, message.ts)).toEqual([{ name: 'white_check_mark', users: [alice], count: 1 }]);
      const event = app.last.payload.event;
      expect(sortedKeys(event)).toEqual(sortedKeys(referenceExample('reaction_added')));
      expect(event).toMatchObject({ type: 'reaction_added', user: alice, reaction: 'white_check_mark', item_user: alice, item: { type: 'message', channel: ops, ts: message.ts } });

      await driver.reactionRemoved(alice, ops, message.ts, 'white_check_mark');
      expect(slack.reactionsOn(ops, message.ts)).toEqual([]);
      expect(sortedKeys(app.last.payload.event)).toEqual(sortedKeys(referenceExample('reaction_removed')));
    });

    it('sends message events for posts, edits and deletions, keeping the fake in step', async () => {
      const message = slack.post(alice, ops, 'is <@U0BOT0001> up?');
      await driver.messagePosted(message);
      expect(app.last.payload.event).toMatchObject({
        type: 'message',
        channel: ops,
        user: alice,
        text: 'is <@U0BOT0001> up?',
        ts: message.ts,
        event_ts: message.ts,
        channel_type: 'channel',
        blocks: [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'is ' }, { type: 'user', user_id: 'U0BOT0001' }, { type: 'text', text: ' up?' }] }] }],
      });
      await driver.appMention(message);
      expect(app.last.payload.event).toMatchObject({ type: 'app_mention', text: message.text, ts: message.ts, channel: ops });

      await driver.messageChanged(ops, message.ts, 'is it up now?');
      expect(slack.message(ops, message.ts)?.text).toBe('is it up now?');
      expect(app.last.payload.event).toMatchObject({
        type: 'message',
        subtype: 'message_changed',
        hidden: true,
        channel: ops,
        message: { ts: message.ts, text: 'is it up now?', edited: { user: alice } },
        previous_message: { ts: message.ts, text: 'is <@U0BOT0001> up?' },
      });

      await driver.messageDeleted(ops, message.ts);
      expect(slack.message(ops, message.ts)).toBeUndefined();
      expect(app.last.payload.event).toMatchObject({ subtype: 'message_deleted', deleted_ts: message.ts, previous_message: { text: 'is it up now?' } });
    });

    it('sends app_home_opened with the DM channel and current Home view', async () => {
      await webClientFor(slack).views.publish({ user_id: alice, view: { type: 'home', blocks: [] } });
      await driver.appHomeOpened(alice);
      expect(app.last.payload.event).toMatchObject({
        type: 'app_home_opened',
        user: alice,
        channel: slack.openDm(alice),
        tab: 'home',
        view: { id: slack.homeView(alice)?.id, type: 'home' },
      });
    });

    it('adds a member with the join message, then sends member_joined_channel', async () => {
      const bob = slack.addUser({ name: 'bob' }).id;
      await driver.memberJoinedChannel(bob, ops, { inviter: alice });
      expect(slack.channel(ops)?.members).toContain(bob);
      expect(slack.messages(ops).at(-1)).toMatchObject({ subtype: 'channel_join', user: bob, inviter: alice });
      expect(sortedKeys(app.last.payload.event)).toEqual([...sortedKeys(referenceExample('member_joined_channel')).filter((k) => k !== 'enterprise'), 'event_ts'].sort());
    });
  });

  describe('interactions', () => {
    const incidentMessage = {
      text: 'INC-1 declared',
      blocks: [
        { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: '*INC-1*' } },
        {
          type: 'actions',
          block_id: 'controls',
          elements: [
            { type: 'button', action_id: 'ack', text: { type: 'plain_text', text: 'Acknowledge' }, value: 'INC-1' },
            {
              type: 'static_select',
              action_id: 'severity',
              placeholder: { type: 'plain_text', text: 'Severity' },
              options: [
                { text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' },
                { text: { type: 'plain_text', text: 'SEV2' }, value: 'sev2' },
              ],
            },
          ],
        },
      ],
    };

    it('sends block_actions for a button in a message, with a response_url for that message', async () => {
      const { ts } = await webClientFor(slack).chat.postMessage({ channel: ops, ...incidentMessage });
      const response = await driver.blockAction({ user: alice, actionId: 'ack', container: { type: 'message', channel: ops, ts: ts as string } });
      const payload = app.last.payload;
      expect(payload).toMatchObject({
        type: 'block_actions',
        user: { id: alice, username: 'alice', name: 'alice', team_id: slack.teamId },
        api_app_id: slack.bot.appId,
        team: { id: slack.teamId, domain: 'fake' },
        container: { type: 'message', message_ts: ts, channel_id: ops, is_ephemeral: false },
        channel: { id: ops, name: 'ops' },
        message: { ts, text: 'INC-1 declared', bot_id: slack.bot.botId },
        state: { values: {} },
        trigger_id: response.triggerId,
        response_url: response.responseUrl,
        actions: [{ type: 'button', action_id: 'ack', block_id: 'controls', value: 'INC-1', text: { type: 'plain_text', text: 'Acknowledge' }, action_ts: expect.any(String) }],
      });
      await fetch(response.responseUrl as string, { method: 'POST', body: JSON.stringify({ replace_original: true, text: 'Acknowledged' }) });
      expect(slack.message(ops, ts as string)?.text).toBe('Acknowledged');
    });

    it('sends the chosen option of a select, and refuses what is not on screen', async () => {
      const { ts } = await webClientFor(slack).chat.postMessage({ channel: ops, ...incidentMessage });
      const container = { type: 'message' as const, channel: ops, ts: ts as string };
      await driver.blockAction({ user: alice, actionId: 'severity', selectedOption: 'sev2', container });
      expect(app.last.payload.actions[0]).toMatchObject({ type: 'static_select', selected_option: { value: 'sev2', text: { text: 'SEV2' } } });
      await expect(driver.blockAction({ user: alice, actionId: 'severity', selectedOption: 'sev9', container })).rejects.toThrow(/no option with value "sev9"/);
      await expect(driver.blockAction({ user: alice, actionId: 'nope', container })).rejects.toThrow(/No element with action_id "nope"/);
      await expect(driver.blockAction({ user: alice, actionId: 'ack', value: 'INC-2', container })).rejects.toThrow(/carries value "INC-1"/);
    });

    describe('modals', () => {
      const declareModal = {
        type: 'modal',
        callback_id: 'declare',
        private_metadata: '{"channel":"C1"}',
        notify_on_close: true,
        title: { type: 'plain_text', text: 'Declare incident' },
        submit: { type: 'plain_text', text: 'Declare' },
        blocks: [
          { type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'value', min_length: 5 } },
          {
            type: 'input',
            block_id: 'severity',
            label: { type: 'plain_text', text: 'Severity' },
            element: {
              type: 'static_select',
              action_id: 'value',
              options: [
                { text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' },
                { text: { type: 'plain_text', text: 'SEV2' }, value: 'sev2' },
              ],
              initial_option: { text: { type: 'plain_text', text: 'SEV2' }, value: 'sev2' },
            },
          },
          { type: 'input', block_id: 'lead', optional: true, label: { type: 'plain_text', text: 'Lead' }, element: { type: 'users_select', action_id: 'value' } },
          { type: 'actions', block_id: 'more', elements: [{ type: 'checkboxes', action_id: 'flags', options: [{ text: { type: 'plain_text', text: 'Public' }, value: 'public' }] }] },
        ],
      };

      async function openDeclareModal(): Promise<string> {
        const opened = await webClientFor(slack).views.open({ trigger_id: slack.issueTriggerId(alice), view: declareModal as never });
        return opened.view?.id as string;
      }

      it('submits initial values merged with what the person entered, in Slack’s state shape', async () => {
        const viewId = await openDeclareModal();
        await driver.submitView({ user: alice, viewId, fields: { title: 'Checkout is down', lead: alice } });
        const payload = app.last.payload;
        expect(payload).toMatchObject({
          type: 'view_submission',
          user: { id: alice },
          trigger_id: expect.any(String),
          response_urls: [],
          view: { id: viewId, callback_id: 'declare', private_metadata: '{"channel":"C1"}', hash: expect.any(String), root_view_id: viewId, previous_view_id: null },
        });
        expect(payload.view.state.values).toEqual({
          title: { value: { type: 'plain_text_input', value: 'Checkout is down' } },
          severity: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'SEV2' }, value: 'sev2' } } },
          lead: { value: { type: 'users_select', selected_user: alice } },
        });
        // An empty acknowledgement closes the modal.
        expect(slack.views(alice)).toEqual([]);
      });

      it('refuses to submit what the Slack client would not', async () => {
        const viewId = await openDeclareModal();
        await expect(driver.submitView({ user: alice, viewId })).rejects.toThrow(/"Title" \(title\) is required/);
        await expect(driver.submitView({ user: alice, viewId, fields: { title: 'db' } })).rejects.toThrow(/needs at least 5 characters/);
        await expect(driver.submitView({ user: alice, viewId, fields: { nope: 'x' } })).rejects.toThrow(/no input "nope"/);
        expect(app.received).toEqual([]);
      });

      it("applies the app's response_action to the person's modal stack", async () => {
        const viewId = await openDeclareModal();
        app.answerNext({ body: { response_action: 'errors', errors: { title: 'Say what is broken' } } });
        await driver.submitView({ user: alice, viewId, fields: { title: 'Something' } });
        expect(slack.views(alice).map((v) => v.id)).toEqual([viewId]);
        expect(slack.viewErrors(viewId)).toEqual({ title: 'Say what is broken' });

        app.answerNext({ body: { response_action: 'push', view: { type: 'modal', title: { type: 'plain_text', text: 'Confirm' }, blocks: [] } } });
        await driver.submitView({ user: alice, viewId, fields: { title: 'Checkout is down' } });
        expect(slack.views(alice).map((v) => v.title?.text)).toEqual(['Declare incident', 'Confirm']);
      });

      it('keeps what the person picks in a view through block actions', async () => {
        const viewId = await openDeclareModal();
        await driver.blockAction({ user: alice, actionId: 'flags', selectedOptions: ['public'], container: { type: 'view', viewId } });
        expect(app.last.payload).toMatchObject({
          type: 'block_actions',
          container: { type: 'view', view_id: viewId },
          view: { id: viewId, state: { values: { more: { flags: { type: 'checkboxes', selected_options: [{ value: 'public' }] } } } } },
          actions: [{ type: 'checkboxes', action_id: 'flags', block_id: 'more', selected_options: [{ value: 'public' }] }],
        });
        await driver.submitView({ user: alice, viewId, fields: { title: 'Checkout is down' } });
        expect(app.last.payload.view.state.values.more).toEqual({ flags: { type: 'checkboxes', selected_options: [expect.objectContaining({ value: 'public' })] } });
      });

      it('sends view_closed only for views that asked with notify_on_close', async () => {
        const viewId = await openDeclareModal();
        const closed = await driver.closeView({ user: alice, viewId });
        expect(closed?.payload).toMatchObject({ type: 'view_closed', view: { id: viewId }, is_cleared: false });
        expect(slack.views(alice)).toEqual([]);

        const quiet = await webClientFor(slack).views.open({
          trigger_id: slack.issueTriggerId(alice),
          view: { type: 'modal', title: { type: 'plain_text', text: 'Quiet' }, blocks: [] },
        });
        const before = app.received.length;
        expect(await driver.closeView({ user: alice, viewId: quiet.view?.id as string })).toBeUndefined();
        expect(app.received).toHaveLength(before);
      });
    });

    it('acts on buttons in ephemeral messages, whose response_url replaces the ephemeral', async () => {
      await webClientFor(slack).chat.postEphemeral({ channel: ops, user: alice, ...incidentMessage });
      const [ephemeral] = slack.ephemerals(alice, ops);
      const response = await driver.blockAction({ user: alice, actionId: 'ack', container: { type: 'ephemeral', channel: ops, ts: ephemeral!.ts } });
      expect(app.last.payload.container).toEqual({ type: 'message', message_ts: ephemeral!.ts, channel_id: ops, is_ephemeral: true });
      expect(app.last.payload.message).toBeUndefined();
      await fetch(response.responseUrl as string, { method: 'POST', body: JSON.stringify({ replace_original: true, text: 'Thanks' }) });
      expect(slack.ephemerals(alice, ops).map((e) => e.text)).toEqual(['Thanks']);
    });

    it('sends message shortcuts with the message, trigger_id and response_url', async () => {
      const message = slack.post(alice, ops, 'customers report 500s');
      const response = await driver.messageShortcut({ user: alice, channel: ops, messageTs: message.ts, callbackId: 'add_to_timeline' });
      expect(app.last.payload).toMatchObject({
        type: 'message_action',
        callback_id: 'add_to_timeline',
        trigger_id: response.triggerId,
        response_url: response.responseUrl,
        message_ts: message.ts,
        channel: { id: ops, name: 'ops' },
        user: { id: alice },
        message: { ts: message.ts, text: 'customers report 500s', user: alice },
      });
    });
  });
});
