import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeSlack } from '../../tools/fake-slack';
import { ROOT, grantedBotScopes } from '../../tools/fake-slack/manifest';
import { freePort } from '../../tools/harness/free-port';
import { botEnv } from '../../tools/harness/spawn-bot';
import { BOT_TOKEN, tempDatabasePath } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;

describe('npm start', () => {
  it('starts the built bot without compiling anything', async () => {
    const main = path.join(ROOT, 'dist', 'src', 'main.js');
    const builtAt = fs.statSync(main).mtimeMs;
    const slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN });
    const port = await freePort();
    const databasePath = tempDatabasePath();
    const child = spawn(npm, ['start', '--silent'], {
      cwd: ROOT,
      env: botEnv(slack, port, `sqlite:${databasePath}`, { LOG_PRETTY: '0' }),
      detached: true,
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status === 200, {
        timeoutMs: 15_000,
        intervalMs: 50,
      });
      expect(fs.statSync(main).mtimeMs).toBe(builtAt);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      await slack.stop();
      fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
    }
  });

  it('names a missing build plainly instead of failing with a stack', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unbuilt-'));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    fs.mkdirSync(path.join(dir, 'tools'));
    fs.copyFileSync(path.join(ROOT, 'tools', 'require-build.js'), path.join(dir, 'tools', 'require-build.js'));
    const child = spawn(npm, ['start', '--silent'], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    const stderr: string[] = [];
    child.stderr.on('data', (d) => stderr.push(String(d)));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr.join('')).toContain('dist/ is missing: run `npm run build`');
    expect(stderr.join('')).not.toMatch(/\n\s+at /);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is built on install, and the demo and benchmarks never delete a dist/ that may be running', () => {
    expect(scripts.prepare).toBeDefined();
    expect(scripts.start).not.toMatch(/tsc|build/);
    for (const name of ['demo', 'bench', 'migrate']) expect(scripts[name]).not.toMatch(/rm -rf|rimraf/);
  });
});
