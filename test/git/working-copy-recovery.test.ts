import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitRepository } from '../../src/git/git-repository';
import type { GitTarget } from '../../src/git/git-target';
import { createBareRepo, GIT_ABSENT, gitVersion } from '../../tools/harness/git-server';
import { AUTHOR, captureLogger, historyOf, tempDirs } from './git-fixture';

/**
 * The working copy is the bot's alone and holds nothing that is not on the remote, so any damage
 * to it (a crash mid-write, a full disk, a person poking at it) is repaired by building it again.
 */

const version = gitVersion();
const describeWithGit = version ? describe : describe.skip;
// Jest names no test of a wholly skipped file, so say why here too.
if (!version) console.warn(`test/git/working-copy-recovery.test.ts skipped: ${GIT_ABSENT}`);

describeWithGit(version ? `a damaged working copy (${version})` : `a damaged working copy — skipped: ${GIT_ABSENT}`, () => {
  const dirs = tempDirs();
  let scratch: string;
  let bare: string;
  let url: string;
  let target: GitTarget;

  beforeEach(() => {
    scratch = dirs.make();
    bare = createBareRepo(scratch, 'postmortems.git');
    url = `file://${bare}`;
    target = { url, author: AUTHOR, workDir: path.join(scratch, 'data', 'postmortems-git') };
  });
  afterEach(() => dirs.cleanUp());

  it.each([
    ['HEAD deleted', (gitDir: string) => rmSync(path.join(gitDir, 'HEAD'))],
    ['garbage in the index', (gitDir: string) => writeFileSync(path.join(gitDir, 'index'), 'not an index at all')],
    ['HEAD pointing nowhere', (gitDir: string) => writeFileSync(path.join(gitDir, 'HEAD'), 'garbage\n')],
    ['.git missing', (gitDir: string) => rmSync(gitDir, { recursive: true })],
    ['a stale index lock', (gitDir: string) => writeFileSync(path.join(gitDir, 'index.lock'), '')],
  ])('recovers a working copy with %s', async (_damage, damage) => {
    const { logger, lines } = captureLogger();
    const repo = new GitRepository(target, logger);
    await repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A' });
    damage(path.join(target.workDir, '.git'));

    const next = await repo.commitAndPush({ files: { 'a.md': 'A\n', 'b.md': 'B\n' }, message: 'Publish B' });

    expect(next.kind).toBe('pushed');
    expect(historyOf(bare, 'main').map((c) => c.subject)).toEqual(['Publish B', 'Publish A']);
    expect(lines.some((l) => l.includes('"level":50'))).toBe(false);
  });

  it('rebuilds a working copy whose object store lost a commit mid-operation', async () => {
    const repo = new GitRepository(target);
    await repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A' });
    // Every object gone: status still works on the index, but the reset to the fetched head fails.
    rmSync(path.join(target.workDir, '.git', 'objects'), { recursive: true });
    mkdirSync(path.join(target.workDir, '.git', 'objects'));

    const next = await repo.commitAndPush({ files: { 'b.md': 'B\n' }, message: 'Publish B' });

    expect(next.kind).toBe('pushed');
    expect(historyOf(bare, 'main').map((c) => c.subject)).toEqual(['Publish B', 'Publish A']);
  });
});
