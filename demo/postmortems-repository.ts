import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBareRepo } from '../tools/harness/git-server';
import type { TestBot } from '../tools/harness/test-bot';
import { waitFor } from '../tools/harness/wait-for';

/** A bare repository standing in for the team's post-mortems repository, and the bot's working copy beside it. */
export interface DemoRepository {
  bare: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

export function createDemoRepository(): DemoRepository {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-demo-git-'));
  const bare = createBareRepo(root, 'postmortems.git');
  return {
    bare,
    env: { POSTMORTEMS_GIT_URL: `file://${bare}`, POSTMORTEMS_GIT_WORKDIR: path.join(root, 'work') },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Resolves once every post-mortem version the bot was asked to write is in the repository. */
export async function exportsPushed(t: TestBot): Promise<void> {
  await waitFor(
    async () => {
      const waiting = await t.bot.database.db
        .selectFrom('postmortem_exports')
        .select('incident_id')
        .where((eb) => eb.or([eb('lease_until', 'is not', null), eb('pushed_version', '<', eb.ref('wanted_version'))]))
        .execute();
      return waiting.length === 0;
    },
    { timeoutMs: 15_000 },
  );
}

/** `git log --oneline` and the files, as a reader of the repository sees them; and a clone in `into`. */
export function describeRepository(repo: DemoRepository, into: string): { log: string[]; files: string[] } {
  const git = (...args: string[]) => execFileSync('git', [`--git-dir=${repo.bare}`, ...args], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  execFileSync('git', ['clone', '--quiet', repo.bare, into]);
  return { log: git('log', '--oneline', 'main'), files: git('ls-tree', '-r', '--name-only', 'main') };
}
