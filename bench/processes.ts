import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDb } from '../src/db/create-db';
import { migrateToLatest } from '../src/db/migrate';
import { FakeSlack } from '../tools/fake-slack';
import { ROOT, grantedBotScopes } from '../tools/fake-slack/manifest';
import { type BotProcess, MAIN, spawnBot } from '../tools/harness/spawn-bot';
import { BOT_TOKEN, RATE_LIMIT_SCALE, SIGNING_SECRET } from '../tools/harness/test-bot';
import { type TestDatabase, newTestDatabase } from '../tools/harness/test-database';
import { seedIncident } from '../tools/harness/test-db';
import type { LoadResult, LoadSpec } from './load-generator';

export const BARE_APP = path.join(ROOT, 'dist', 'bench', 'bare-app.js');
const LOAD_GENERATOR = path.join(ROOT, 'dist', 'bench', 'load-generator.js');

/** A workspace with one incident whose channel has `messages` messages, and the bot's database seeded with it. */
export interface BenchWorld {
  slack: FakeSlack;
  database: TestDatabase;
  alice: string;
  incidents: Array<{ id: string; channelId: string; messageTs: string[] }>;
  close(): Promise<void>;
}

export async function benchWorld(dialect: 'sqlite' | 'postgres', incidentCount: number, messagesEach: number): Promise<BenchWorld> {
  const slack = await FakeSlack.start({ scopes: grantedBotScopes(), botToken: BOT_TOKEN, rateLimits: { scale: RATE_LIMIT_SCALE } });
  const database = await newTestDatabase(dialect);
  const alice = slack.addUser({ name: 'alice', tz: 'Europe/Paris' }).id;
  const seed = createDb(database.config);
  const incidents = [];
  try {
    await migrateToLatest(seed.db);
    for (let i = 0; i < incidentCount; i += 1) {
      const channelId = slack.addChannel({ name: `inc-20261122-bench-${i}`, members: [slack.bot.userId, alice] }).id;
      const id = await seedIncident(seed, { id: `incident-${i}`, channelId });
      const messageTs = Array.from({ length: messagesEach }, (_, m) => slack.post(alice, channelId, `Observation ${m} in incident ${i}`).ts);
      incidents.push({ id, channelId, messageTs });
    }
  } finally {
    await seed.close();
  }
  return {
    slack,
    database,
    alice,
    incidents,
    async close() {
      await slack.stop();
      await database.remove();
    },
  };
}

/** The heap limit the Docker image sets (NODE_OPTIONS in Dockerfile). */
export const IMAGE_NODE_ARGS = ['--max-old-space-size=160'];

/** The bot as the image runs it, with little logging (logging is not what is measured). */
export function startBot(world: BenchWorld, env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = IMAGE_NODE_ARGS): Promise<BotProcess> {
  return spawnBot(world.slack, world.database, { script: MAIN, env: { LOG_LEVEL: 'error', ...env }, nodeArgs });
}

export function startBareApp(world: BenchWorld): Promise<BotProcess> {
  return spawnBot(world.slack, world.database, { script: BARE_APP });
}

export async function stop(bot: BotProcess): Promise<void> {
  bot.child.kill('SIGTERM');
  await bot.exited;
}

/** Runs the load generator in a process of its own against `url`. */
export function load(world: BenchWorld, url: string, spec: Omit<LoadSpec, 'url' | 'secret' | 'fixture'>): Promise<LoadResult> {
  const incident = world.incidents[0] as BenchWorld['incidents'][number];
  const full: LoadSpec = {
    ...spec,
    url,
    secret: SIGNING_SECRET,
    fixture: {
      teamId: world.slack.teamId,
      appId: world.slack.bot.appId,
      botUserId: world.slack.bot.userId,
      userId: world.alice,
      channelId: incident.channelId,
      messageTs: incident.messageTs,
    },
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [LOAD_GENERATOR, JSON.stringify(full)], { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as LoadResult);
    });
  });
}

/** Resident memory of a process, in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
