import { createHmac } from 'node:crypto';
import { FakeGitHub } from '../../tools/fake-trackers/github';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';

const TOKEN = 'ghp_endpointTestToken0000000000000001';
const SECRET = 'endpoint-webhook-secret-0123456789';
const REPO = 'acme/incidents';

/** The tracker webhooks are served on the bot's HTTP port in both modes, and refuse what is not signed. */
describe.each(['http', 'socket'] as const)('tracker webhook endpoints in %s mode', (mode) => {
  let github: FakeGitHub;
  let t: TestBot;
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${t.bot.port}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', connection: 'close', ...headers } });
  const signed = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  beforeAll(async () => {
    github = await FakeGitHub.start({
      users: [{ login: 'incident-bot' }],
      repositories: [{ fullName: REPO, collaborators: ['incident-bot'] }],
      tokens: [{ token: TOKEN, login: 'incident-bot', repositories: [REPO] }],
    });
    t = await startTestBot({
      mode,
      env: { TRACKER: 'github', GITHUB_TOKEN: TOKEN, GITHUB_REPO: REPO, GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await github?.stop();
  });

  it('answers a signed ping, and refuses a forged or unsigned delivery with 401 and no detail', async () => {
    const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const ok = await post('/trackers/github', ping, { 'x-github-event': 'ping', 'x-hub-signature-256': signed(ping) });
    expect(ok.status).toBe(202);
    const forged = await post('/trackers/github', ping, { 'x-github-event': 'ping', 'x-hub-signature-256': signed(ping, 'not-the-secret-0123456789') });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe('{}');
    const unsigned = await post('/trackers/github', ping, { 'x-github-event': 'ping' });
    expect(unsigned.status).toBe(401);
    expect(t.logs.filter((line) => line.msg === 'tracker webhook refused')).toHaveLength(2);
  });

  it('answers 404 for the tracker it does not use', async () => {
    const response = await post('/trackers/jira', '{}', {});
    expect(response.status).toBe(404);
  });
});
