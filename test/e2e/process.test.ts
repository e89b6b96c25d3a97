import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FakeSlack } from '../../tools/fake-slack';
import { freePort } from '../../tools/harness/free-port';
import { ROOT, grantedBotScopes } from '../../tools/fake-slack/manifest';
import { SlackDriver } from '../../tools/fake-slack/slack-driver';
import { BOT_TOKEN, SIGNING_SECRET, tempDatabasePath } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';

/** What `npm start` runs once built (the test run's global setup builds it). */
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function run(env: NodeJS.ProcessEnv, cwd = ROOT): Run {
  const child = spawn(process.execPath, [MAIN], { cwd, env: { PATH: process.env.PATH, ...env } });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (d) => stdout.push(String(d)));
  child.stderr?.on('data', (d) => stderr.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exited };
}


describe('the bot as a process', () => {
  it('with no configuration prints one clear message naming each variable and exits non-zero', async () => {
    const emptyDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'no-env-'));
    const { stdout, stderr, exited } = run({}, emptyDir);
    expect(await exited).toBe(1);
    const message = stderr.join('');
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET');
    expect(message).not.toMatch(/\n\s+at /);
    expect(stdout.join('')).toBe('');
  });

  it('serves Slack and /healthz, refuses unsigned requests, and exits 0 on SIGTERM', async () => {
    const slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN });
    const port = await freePort();
    const databasePath = tempDatabasePath();
    const bot = run({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DATABASE_URL: `sqlite:${databasePath}`,
    });
    try {
      const health = await waitFor(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        return response.status === 200 ? response : undefined;
      }, { timeoutMs: 15_000, intervalMs: 100 });
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(fs.existsSync(databasePath)).toBe(true);

      const alice = slack.addUser({ name: 'alice' }).id;
      const general = slack.addChannel({ name: 'general', members: [alice] }).id;
      const driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET, slack });
      const help = await driver.command({ user: alice, channel: general, text: 'help' });
      expect(help.status).toBe(200);
      expect(JSON.stringify(help.body)).toContain('/incident help');

      expect((await driver.unsignedPost('command=%2Fincident&text=help', 'application/x-www-form-urlencoded')).status).toBe(401);

      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      const lines = bot.stdout.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['incident bot is ready', 'incident bot stopped']));
      expect(bot.stdout.join('')).not.toContain(BOT_TOKEN);
    } finally {
      bot.child.kill('SIGKILL');
      await slack.stop();
      fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
    }
  });
});
