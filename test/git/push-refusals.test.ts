import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitRepository } from '../../src/git/git-repository';
import type { GitTarget } from '../../src/git/git-target';
import { createBareRepo, GIT_ABSENT, gitSync, gitVersion, installHook } from '../../tools/harness/git-server';
import { AUTHOR, captureLogger, historyOf, pushAsSomeoneElse, rejection, tempDirs } from './git-fixture';

/**
 * What commitAndPush will not do, or cannot: a push the remote's hook refuses (not retried; the
 * caller retries later), and a change that would write outside the repository's files.
 */

const version = gitVersion();
const describeWithGit = version ? describe : describe.skip;
// Jest names no test of a wholly skipped file, so say why here too.
if (!version) console.warn(`test/git/push-refusals.test.ts skipped: ${GIT_ABSENT}`);

describeWithGit(version ? `pushes and changes that are refused (${version})` : `pushes and changes that are refused — skipped: ${GIT_ABSENT}`, () => {
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

  it('throws rejected when a hook refuses the push, without retrying it, and succeeds on a later call', async () => {
    const counter = path.join(scratch, 'pushes');
    writeFileSync(counter, '0');
    // Refuses the first push it sees, as a branch protection switched on for a while would.
    installHook(
      bare,
      'pre-receive',
      `n=$(cat '${counter}'); n=$((n+1)); echo $n > '${counter}'\nif [ $n -le 1 ]; then echo "publishing is paused" >&2; exit 1; fi`,
    );
    const { logger, lines } = captureLogger();
    const repo = new GitRepository(target, logger);
    const change = { files: { 'postmortems/a.md': 'A\n' }, message: 'Publish A' };

    const error = await rejection(repo.commitAndPush(change));

    expect(error.code).toBe('rejected');
    expect(error.message).toMatch(/pre-receive hook declined/);
    expect(error.message).not.toContain('\n');
    expect(readFileSync(counter, 'utf8').trim()).toBe('1');
    expect(lines.join('\n')).not.toMatch(/"level":50/);

    const later = await repo.commitAndPush(change);

    expect(later.kind).toBe('pushed');
    expect(historyOf(bare, 'main').map((c) => c.commit)).toEqual([later.commit]);
  });

  it.each([
    ['a parent folder', { '../escape.md': 'x' }],
    ['git’s own folder', { '.git/config': 'x' }],
    ['git’s own folder in another case', { 'docs/.GIT/hooks/post-commit': 'x' }],
    ['an absolute path', { '/etc/passwd': 'x' }],
    ['no file at all', {}],
  ])('refuses a change that writes to %s', async (_where, files) => {
    const repo = new GitRepository(target);

    const error = await rejection(repo.commitAndPush({ files, message: 'bad' }));

    expect(error.code).toBe('invalid_change');
    expect(existsSync(path.join(scratch, 'escape.md'))).toBe(false);
    expect(gitSync(['for-each-ref'], bare)).toBe('');
  });

  it('refuses to write through a symbolic link committed to the repository', async () => {
    const outside = path.join(scratch, 'outside');
    mkdirSync(outside);
    pushAsSomeoneElse(scratch, url, 'main', { 'README.md': 'hi\n' }, 'Start');
    const linker = path.join(scratch, 'linker');
    gitSync(['clone', '--quiet', url, linker], scratch);
    symlinkSync(outside, path.join(linker, 'postmortems'));
    gitSync(['add', 'postmortems'], linker);
    gitSync(['commit', '--quiet', '-m', 'Link'], linker);
    gitSync(['push', '--quiet', 'origin', 'HEAD:main'], linker);
    const repo = new GitRepository(target);

    const error = await rejection(repo.commitAndPush({ files: { 'postmortems/a.md': 'A\n' }, message: 'Publish A' }));

    expect(error.code).toBe('invalid_change');
    expect(error.message).toContain('"postmortems" is a symbolic link');
    expect(existsSync(path.join(outside, 'a.md'))).toBe(false);
  });
});
