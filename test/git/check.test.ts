import path from 'node:path';
import { GitRepository } from '../../src/git/git-repository';
import type { GitTarget } from '../../src/git/git-target';
import { createBareRepo, GIT_ABSENT, gitSync, gitVersion, installHook } from '../../tools/harness/git-server';
import { AUTHOR, historyOf, pushAsSomeoneElse, rejection, tempDirs } from './git-fixture';

/**
 * check() before the bot takes requests: a good remote passes untouched, a missing repository or
 * branch fails with not_found, and what a dry run cannot see is named. (Credentials, reachability
 * and read-only remotes are checked over HTTP in git-over-http.test.ts.)
 */

const version = gitVersion();
const describeWithGit = version ? describe : describe.skip;
// Jest names no test of a wholly skipped file, so say why here too.
if (!version) console.warn(`test/git/check.test.ts skipped: ${GIT_ABSENT}`);

describeWithGit(version ? `the start-up check over file:// (${version})` : `the start-up check over file:// — skipped: ${GIT_ABSENT}`, () => {
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

  it('checks a good remote, empty or not, without changing it', async () => {
    const repo = new GitRepository(target);

    await expect(repo.check()).resolves.toEqual({ branch: 'main' });
    expect(gitSync(['for-each-ref'], bare)).toBe('');

    pushAsSomeoneElse(scratch, url, 'main', { 'README.md': 'hi\n' }, 'Start');
    await expect(repo.check()).resolves.toEqual({ branch: 'main' });
    expect(historyOf(bare, 'main')).toHaveLength(1);
  });

  it('reports a missing repository, and a configured branch missing from a non-empty one, as not_found', async () => {
    const missing = await rejection(new GitRepository({ ...target, url: `file://${path.join(scratch, 'nope.git')}` }).check());
    pushAsSomeoneElse(scratch, url, 'main', { 'README.md': 'hi\n' }, 'Start');
    const noBranch = await rejection(new GitRepository({ ...target, branch: 'publish' }).check());
    const noBranchOnPush = await rejection(
      new GitRepository({ ...target, branch: 'publish' }).commitAndPush({ files: { 'a.md': 'A\n' }, message: 'A' }),
    );

    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain('nope.git');
    expect(noBranch.code).toBe('not_found');
    expect(noBranch.message).toContain('"publish" does not exist');
    expect(noBranchOnPush.code).toBe('not_found');
  });

  it('cannot see a hook that refuses every push: that shows as rejected at the first push', async () => {
    // A dry run asks the server for push access but runs no hook; a real push would change the remote.
    installHook(bare, 'pre-receive', 'echo "read-only mirror" >&2; exit 1');
    const repo = new GitRepository(target);

    await expect(repo.check()).resolves.toEqual({ branch: 'main' });
    const error = await rejection(repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A' }));

    expect(error.code).toBe('rejected');
    expect(error.message).toContain('read-only mirror');
  });
});
