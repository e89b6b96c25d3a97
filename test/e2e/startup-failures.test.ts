import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { FakeSlack } from '../../tools/fake-slack';
import { ROOT, grantedBotScopes } from '../../tools/fake-slack/manifest';
import { freePort } from '../../tools/harness/free-port';
import { BOT_TOKEN, SIGNING_SECRET, tempDatabasePath } from '../../tools/harness/test-bot';

const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

/** Starts the built bot and collects what it says until it exits on its own. */
async function startExpectingFailure(env: NodeJS.ProcessEnv): Promise<{ code: number | null; fatal: string; output: string }> {
  const databasePath = tempDatabasePath();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, SLACK_SIGNING_SECRET: SIGNING_SECRET, DATABASE_URL: `sqlite:${databasePath}`, LOG_PRETTY: '0', ...env },
  });
  const output: string[] = [];
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
  const lines = output.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string });
  return { code, fatal: lines.find((l) => l.level === 60)?.msg ?? '', output: output.join('') };
}

describe('a start that fails', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN });
  });
  afterEach(() => slack.stop());

  it('names a rejected bot token as SLACK_BOT_TOKEN and exits non-zero', async () => {
    const port = await freePort();
    const run = await startExpectingFailure({ SLACK_BOT_TOKEN: 'xoxb-0-0-revoked', SLACK_API_URL: slack.apiUrl, PORT: String(port) });
    expect(run.code).toBe(1);
    expect(run.fatal).toContain('Slack rejected SLACK_BOT_TOKEN (invalid_auth)');
    expect(run.output).not.toContain('xoxb-0-0-revoked');
  });

  it('says which address could not be reached', async () => {
    const closed = await freePort();
    const run = await startExpectingFailure({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: `http://127.0.0.1:${closed}/api/`, PORT: String(await freePort()) });
    expect(run.code).toBe(1);
    expect(run.fatal).toContain(`could not reach Slack at http://127.0.0.1:${closed}/api/ (ECONNREFUSED)`);
  });

  it('names a port already in use', async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, resolve));
    try {
      const run = await startExpectingFailure({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl, PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.fatal).toContain(`port ${port} is already in use`);
    } finally {
      taken.close();
    }
  });

  it('names a database it cannot open, without its password', async () => {
    const closed = await freePort();
    const run = await startExpectingFailure({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      DATABASE_URL: `postgres://bot:hunter2@127.0.0.1:${closed}/incidents`,
    });
    expect(run.code).toBe(1);
    expect(run.fatal).toContain(`could not open the database at postgres://bot:***@127.0.0.1:${closed}/incidents`);
    expect(run.output).not.toContain('hunter2');
  });
});
