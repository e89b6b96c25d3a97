import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FakeSlack } from '../../tools/fake-slack';
import { ROOT, grantedBotScopes } from '../../tools/fake-slack/manifest';
import { freePort } from '../../tools/harness/free-port';
import { botEnv } from '../../tools/harness/spawn-bot';
import { BOT_TOKEN, tempDatabasePath } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';

const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
/** util-linux's `script` runs a command with its output on a pseudo-terminal, as a person's shell does. */
const hasScript = spawnSync('script', ['--version']).status === 0;
const withTerminal = hasScript ? it : it.skip;
if (!hasScript) console.warn('`script` (util-linux) is not installed: the terminal log test is skipped');

describe('logs on a terminal', () => {
  withTerminal('are readable lines, not JSON, when stdout is a terminal', async () => {
    const slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN });
    const port = await freePort();
    const databasePath = tempDatabasePath();
    const output: string[] = [];
    const child = spawn('script', ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(MAIN)}`, '/dev/null'], {
      cwd: ROOT,
      env: botEnv(slack, port, `sqlite:${databasePath}`),
    });
    child.stdout.on('data', (d) => output.push(String(d)));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const ready = await waitFor(() => output.join('').split(/\r?\n/).find((l) => l.includes('incident bot is ready')), { timeoutMs: 15_000 });
      expect(ready).toMatch(/INFO/);
      expect(() => JSON.parse(ready.replace(/\x1b\[[0-9;]*m/g, '').trim())).toThrow();
    } finally {
      child.kill('SIGTERM');
      await exited;
      await slack.stop();
      fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
    }
  });
});
