import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { FakeSlack } from '../fake-slack';
import { freePort } from './free-port';
import { ROOT } from '../fake-slack/manifest';
import { BOT_TOKEN, RATE_LIMIT_SCALE, SIGNING_SECRET } from './test-bot';
import type { TestDatabase } from './test-database';
import { waitFor } from './wait-for';

/** What `npm start` runs. */
export const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
/** The same bot with a clock that can run ahead and fast background jobs (see the file). */
export const BOT_PROCESS = path.join(ROOT, 'tools', 'harness', 'bot-process.js');

export interface BotProcess {
  child: ChildProcess;
  port: number;
  url: string;
  exited: Promise<number | null>;
  /**
   * Resolves once a run of the named background job that starts after this call has finished in
   * that process. Only for BOT_PROCESS, which answers over the IPC channel spawnBot opens.
   */
  jobRan(name: string): Promise<void>;
}

/**
 * Starts the built bot as a process of its own against the fake Slack and a test database, and
 * resolves once `/healthz` answers.
 */
/**
 * The environment of a bot started as a process against the fake Slack: nothing from the test
 * run's own environment but PATH and HOME (npm needs them), so a developer's .env never leaks in.
 */
export function botEnv(slack: FakeSlack, port: number, databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    // As generous as the fake Slack of tests that are not about rate limits.
    SLACK_RATE_LIMIT_SCALE: String(RATE_LIMIT_SCALE),
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    ...extra,
  };
}

export async function spawnBot(
  slack: FakeSlack,
  database: TestDatabase,
  options: { script?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<BotProcess> {
  const port = await freePort();
  const script = options.script ?? MAIN;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    cwd: ROOT,
    env: botEnv(slack, port, database.url, { LOG_LEVEL: 'warn', ...options.env }),
    // BOT_PROCESS answers questions about its jobs over an IPC channel; `npm start` has none.
    stdio: script === BOT_PROCESS ? ['ignore', 'ignore', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
  });
  // The channel must not keep the test process alive once the bot is gone.
  child.channel?.unref();
  let asked = 0;
  const jobRan = (name: string) =>
    new Promise<void>((resolve, reject) => {
      const id = (asked += 1);
      const answer = (message: { id?: number; error?: string }) => {
        if (message.id !== id) return;
        child.off('message', answer);
        child.off('exit', gone);
        if (message.error) reject(new Error(message.error));
        else resolve();
      };
      const gone = () => reject(new Error(`the bot exited before its ${name} job ran`));
      if (!child.send) return reject(new Error('only BOT_PROCESS answers which jobs have run'));
      child.on('message', answer);
      child.once('exit', gone);
      child.send({ jobRan: name, id });
    });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const ready = waitFor(
    async () => {
      const response = await fetch(`${url}/healthz`).catch(() => undefined);
      return response?.status === 200;
    },
    { timeoutMs: 20_000, intervalMs: 50 },
  );
  const died = exited.then((code) => Promise.reject(new Error(`the bot exited with ${code} before it was ready`)));
  // Once ready, a later exit (the test killing it) is nobody's error here.
  died.catch(() => undefined);
  await Promise.race([ready, died]);
  return { child, port, url, exited, jobRan };
}
