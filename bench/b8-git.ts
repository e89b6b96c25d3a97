import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitArchive } from '../src/git/git-archive';
import { GitRepository } from '../src/git/git-repository';
import { insertIncident } from '../src/incidents/incidents.repository';
import { EMPTY_CONTENT } from '../src/postmortems/postmortem';
import type { PostmortemDeps } from '../src/postmortems/postmortem-deps';
import { currentIndex, pushDueExports, requestExport } from '../src/postmortems/export-postmortems';
import { createLogger } from '../src/logger';
import { createBareRepo } from '../tools/harness/git-server';
import { testDatabase } from '../tools/harness/test-db';
import type { BenchResult } from './result';
import { alternate, median, round, timed } from './stats';

const POSTMORTEMS = 200;
const PUSHES = 15;
const INDEX_RUNS = 15;

/** A resolved SEV2 with a published post-mortem, stored as publishing leaves it. */
async function seedPublished(db: PostmortemDeps['db'], i: number): Promise<string> {
  const id = `incident-${i}`;
  const day = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000);
  const at = day.toISOString();
  const slug = `${at.slice(0, 10).replace(/-/g, '')}-service-${i}-errors`;
  await insertIncident(db, {
    id,
    request_key: `V-${id}`,
    title: `Service ${i} returning errors`,
    severity: i % 3 === 0 ? 'SEV1' : 'SEV2',
    status: 'postmortem_published',
    is_private: 0,
    channel_id: `C${i}`,
    channel_name: `inc-${slug}`,
    commander_id: 'U1',
    declared_by: 'U1',
    responder_ids: '',
    impact_started_at: at,
    declared_at: new Date(day.getTime() + 10 * 60_000).toISOString(),
    detected_at: new Date(day.getTime() + 5 * 60_000).toISOString(),
    mitigated_at: new Date(day.getTime() + 40 * 60_000).toISOString(),
    resolved_at: new Date(day.getTime() + 60 * 60_000).toISOString(),
    setup_completed_at: at,
    created_at: at,
    updated_at: at,
  });
  await db
    .insertInto('postmortems')
    .values({
      id: `pm-${i}`,
      incident_id: id,
      content: JSON.stringify({ ...EMPTY_CONTENT, summary: `Service ${i} ran out of connections.`, causes: { avoid: ['No limit'], detect: ['No alert'], fixFaster: [] } }),
      version: 1,
      author_ids: 'U1',
      published_at: new Date(day.getTime() + 86_400_000).toISOString(),
      published_by: 'U1',
      created_at: at,
    })
    .execute();
  return id;
}

/**
 * B8: publishing → the commit on the remote, against the floor of committing and pushing the same
 * files with plain `git` in the same run; and regenerating the index of 200 post-mortems.
 */
export async function benchGit(): Promise<BenchResult[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-git-'));
  const bare = createBareRepo(root, 'remote.git');
  const handle = await testDatabase();
  try {
    const logger = createLogger({ level: 'silent', pretty: false });
    const repository = new GitRepository({ url: `file://${bare}`, branch: 'main', author: { name: 'Bench', email: 'bench@example.com' }, workDir: path.join(root, 'work') }, logger);
    await repository.check();
    const clock = { now: () => new Date() };
    const deps = {
      db: handle.db,
      clock,
      logger,
      members: { isMember: async () => true },
      port: {
        displayNames: async () => new Map<string, string>(),
        showPostmortem: async () => [],
        shareFile: async () => undefined,
        remindCommander: async () => undefined,
        nudgeChannel: async () => undefined,
        tellArchiveFailure: async () => undefined,
      },
      incidents: {} as PostmortemDeps['incidents'],
      policy: { requiredFor: ['SEV1', 'SEV2'], dueHours: 48 },
      archive: { store: new GitArchive(repository, `file://${bare}`, 'main'), policy: { dir: 'incidents', includePrivate: false } },
    } as unknown as PostmortemDeps;
    const ids: string[] = [];
    for (let i = 0; i < POSTMORTEMS; i += 1) ids.push(await seedPublished(handle.db, i));

    let next = 0;
    // One publish: a new post-mortem version asked for, then the pass that pushes it (the bot runs it at once).
    const publishToCommit = async () => {
      const id = ids[next % ids.length] as string;
      next += 1;
      await requestExport(deps, { id, isPrivate: false }, 'U1');
      const pushed = await pushDueExports(deps);
      if (pushed !== 1) throw new Error(`expected one push, got ${pushed}`);
      return 0;
    };
    // The first commit creates the branch the floor's clone follows.
    await publishToCommit();

    // The floor: a clone of the same remote committing and pushing two changed files with plain git.
    const floorDir = path.join(root, 'floor');
    execFileSync('git', ['clone', '--quiet', bare, floorDir]);
    const floorGit = (...args: string[]) => execFileSync('git', ['-C', floorDir, '-c', 'user.name=Floor', '-c', 'user.email=floor@example.com', ...args], { stdio: 'ignore' });
    let floorRound = 0;
    const floorPush = async () => {
      floorRound += 1;
      floorGit('pull', '--quiet', '--rebase', 'origin', 'main');
      fs.mkdirSync(path.join(floorDir, 'floor'), { recursive: true });
      fs.writeFileSync(path.join(floorDir, 'floor', 'README.md'), `round ${floorRound}\n`);
      fs.writeFileSync(path.join(floorDir, 'floor', 'INDEX.md'), `index ${floorRound}\n`);
      floorGit('add', '-A');
      floorGit('commit', '--quiet', '-m', `floor ${floorRound}`);
      floorGit('push', '--quiet', 'origin', 'HEAD:main');
      return 0;
    };
    await floorPush();
    const pushes = await alternate(
      PUSHES,
      async () => (await timed(publishToCommit)).ms,
      async () => (await timed(floorPush)).ms,
    );
    const ours = median(pushes.a);
    const floor = median(pushes.b);
    const commits = Number(execFileSync('git', [`--git-dir=${bare}`, 'rev-list', '--count', 'main'], { encoding: 'utf8' }).trim());

    const indexSamples: number[] = [];
    let index = '';
    for (let i = 0; i < INDEX_RUNS; i += 1) {
      const run = await timed(() => currentIndex(deps));
      indexSamples.push(run.ms);
      index = run.value;
    }
    const indexMs = median(indexSamples);
    const listed = index.split('\n').filter((line) => line.startsWith('| 20')).length;
    return [
      {
        id: 'B8',
        what: 'publish → the commit on the remote (git, file:// remote)',
        figures: { median_ms: round(ours), floor_median_ms: round(floor), commits },
        comparison: { with: 'plain git commit + push of two files in the same run', ratio: round(ours / floor), ratioMeaning: 'times the floor' },
        target: '≤ 3× plain git',
        met: ours <= 3 * floor,
        summary: `${round(ours)} ms median of ${PUSHES} (${round(ours / floor)}× plain git commit + push, ${round(floor)} ms)`,
      },
      {
        id: 'B8',
        what: `regenerate the index of ${POSTMORTEMS} post-mortems`,
        figures: { median_ms: round(indexMs), listed, push_floor_ms: round(floor) },
        comparison: { with: 'one plain git push', ratio: round(indexMs / floor), ratioMeaning: 'of a push' },
        target: `all ${POSTMORTEMS} listed; ≤ 0.5× a push`,
        met: listed === POSTMORTEMS && indexMs <= 0.5 * floor,
        summary: `${round(indexMs)} ms median of ${INDEX_RUNS}, ${listed} listed (${round(indexMs / floor)}× one plain push)`,
      },
    ];
  } finally {
    await handle.remove();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
