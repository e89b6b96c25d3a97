import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitRepository } from '../../src/git/git-repository';
import type { GitTarget } from '../../src/git/git-target';
import { createBareRepo, GIT_ABSENT, gitSync, gitVersion } from '../../tools/harness/git-server';
import { AUTHOR, fileOn, historyOf, pushAsSomeoneElse, readConfig, tempDirs } from './git-fixture';

/**
 * The git side of publishing, against bare repositories reached by file:// and the real git:
 * the first push into an empty repository, later changes, nothing committed when nothing changed,
 * a teammate's commit kept, a crash between commit and push, calls that arrive together, and the
 * branch chosen when none is configured.
 */

const version = gitVersion();
const describeWithGit = version ? describe : describe.skip;
// Jest names no test of a wholly skipped file, so say why here too.
if (!version) console.warn(`test/git/git-repository.test.ts skipped: ${GIT_ABSENT}`);

describeWithGit(version ? `a git repository over file:// (${version})` : `a git repository over file:// — skipped: ${GIT_ABSENT}`, () => {
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

  it('creates the branch with the first push into an empty repository, then adds commits on top', async () => {
    const repo = new GitRepository(target);

    const first = await repo.commitAndPush({
      files: { 'postmortems/2024-05-01-db-outage.md': '# Database outage\n', 'README.md': 'Post-mortems\n' },
      message: 'Publish post-mortem: Database outage\n\nIncident #12',
    });

    expect(first.kind).toBe('pushed');
    const [created] = historyOf(bare, 'main');
    expect(created).toMatchObject({
      commit: first.commit,
      parents: [],
      author: 'Incident Bot <incident-bot@example.test>',
      committer: 'Incident Bot <incident-bot@example.test>',
      subject: 'Publish post-mortem: Database outage',
      body: 'Incident #12',
    });
    expect(fileOn(bare, 'main', 'postmortems/2024-05-01-db-outage.md')).toBe('# Database outage\n');

    const second = await repo.commitAndPush({
      files: { 'postmortems/2024-05-01-db-outage.md': '# Database outage\n\nRevised.\n' },
      message: 'Revise post-mortem: Database outage',
    });

    expect(second.kind).toBe('pushed');
    const history = historyOf(bare, 'main');
    expect(history.map((c) => c.commit)).toEqual([second.commit, first.commit]);
    expect(fileOn(bare, 'main', 'postmortems/2024-05-01-db-outage.md')).toBe('# Database outage\n\nRevised.\n');
    // Files the change does not name are left as they are.
    expect(fileOn(bare, 'main', 'README.md')).toBe('Post-mortems\n');
  });

  it('commits nothing when the branch already holds the files', async () => {
    const repo = new GitRepository(target);
    const files = { 'postmortems/a.md': 'A\n' };
    const pushed = await repo.commitAndPush({ files, message: 'Publish A' });

    const again = await repo.commitAndPush({ files, message: 'Publish A again' });

    expect(again).toEqual({ kind: 'unchanged', commit: pushed.commit });
    expect(historyOf(bare, 'main')).toHaveLength(1);
  });

  it('records the remote URL alone in the working copy, and no credentials in a commit message', async () => {
    const repo = new GitRepository(target);

    await repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A from https://bot:s3cr3t-token@example.test/x' });

    const config = readConfig(target.workDir);
    expect(config).toContain(`url = ${url}`);
    expect(config).not.toMatch(/extraheader|Authorization|s3cr3t/i);
    expect(historyOf(bare, 'main')[0]?.subject).toBe('Publish A from https://example.test/x');
  });

  it('puts its commit on top of a teammate’s push made since its last call, keeping it in history', async () => {
    const repo = new GitRepository(target);
    const ours = await repo.commitAndPush({ files: { 'postmortems/a.md': 'A\n' }, message: 'Publish A' });
    const theirs = pushAsSomeoneElse(scratch, url, 'main', { 'notes/teammate.md': 'hello\n' }, 'Teammate note');

    const next = await repo.commitAndPush({ files: { 'postmortems/b.md': 'B\n' }, message: 'Publish B' });

    expect(next.kind).toBe('pushed');
    const history = historyOf(bare, 'main');
    expect(history.map((c) => c.commit)).toEqual([next.commit, theirs, ours.commit]);
    expect(history[0]?.parents).toEqual([theirs]);
    expect(history[1]?.author).toBe('Teammate <teammate@example.test>');
    expect(fileOn(bare, 'main', 'notes/teammate.md')).toBe('hello\n');
  });

  it('pushes a commit made before a crash, or finds the remote already has it', async () => {
    const repo = new GitRepository(target);
    await repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A' });
    // A crash after committing and before pushing leaves a local commit the remote never saw.
    writeFileSync(path.join(target.workDir, 'b.md'), 'B\n');
    gitSync(['add', 'b.md'], target.workDir);
    gitSync(['commit', '--quiet', '-m', 'Publish B'], target.workDir);

    const retried = await repo.commitAndPush({ files: { 'b.md': 'B\n' }, message: 'Publish B' });
    const repeated = await repo.commitAndPush({ files: { 'b.md': 'B\n' }, message: 'Publish B' });

    expect(retried.kind).toBe('pushed');
    expect(repeated).toEqual({ kind: 'unchanged', commit: retried.commit });
    expect(historyOf(bare, 'main').map((c) => c.subject)).toEqual(['Publish B', 'Publish A']);
  });

  it('takes concurrent calls in turn, from one repository object or two on the same folder', async () => {
    const repo = new GitRepository(target);
    const twin = new GitRepository(target);

    const outcomes = await Promise.all([
      repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'A' }),
      twin.commitAndPush({ files: { 'b.md': 'B\n' }, message: 'B' }),
      repo.commitAndPush({ files: { 'c.md': 'C\n' }, message: 'C' }),
    ]);

    expect(outcomes.map((o) => o.kind)).toEqual(['pushed', 'pushed', 'pushed']);
    expect(historyOf(bare, 'main').map((c) => c.subject)).toEqual(['C', 'B', 'A']);
  });

  it('uses the remote’s default branch when none is configured', async () => {
    const trunkBare = createBareRepo(scratch, 'trunk.git', { initialBranch: 'trunk' });
    const trunkUrl = `file://${trunkBare}`;
    pushAsSomeoneElse(scratch, trunkUrl, 'trunk', { 'README.md': 'hi\n' }, 'Start');
    const repo = new GitRepository({ ...target, url: trunkUrl });

    await expect(repo.check()).resolves.toEqual({ branch: 'trunk' });
    const outcome = await repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A' });

    expect(historyOf(trunkBare, 'trunk')[0]?.commit).toBe(outcome.commit);
  });

  it('creates a configured branch with the first commit into an empty repository', async () => {
    const repo = new GitRepository({ ...target, branch: 'postmortems' });

    await expect(repo.check()).resolves.toEqual({ branch: 'postmortems' });
    const outcome = await repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A' });

    expect(historyOf(bare, 'postmortems')[0]?.commit).toBe(outcome.commit);
    expect(gitSync(['for-each-ref', '--format=%(refname)'], bare).trim()).toBe('refs/heads/postmortems');
  });
});
