import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { GitRepository } from '../../src/git/git-repository';
import { createBareRepo, GIT_ABSENT, type GitHttpServer, gitVersion, startGitHttpServer } from '../../tools/harness/git-server';
import { advanceBranch, AUTHOR, captureLogger, historyOf, pushAsSomeoneElse, rejection, tempDirs } from './git-fixture';

/**
 * Someone else pushes between our fetch and our push, at an exact point: the HTTP server lets the
 * test act just before it answers the push's first request. Our change is written again on the new
 * head and pushed without force (the bare repositories refuse non-fast-forwards anyway), a
 * teammate's commit stays in history, and a branch that never stops moving is given up on.
 */

const version = gitVersion();
const describeWithGit = version ? describe : describe.skip;
// Jest names no test of a wholly skipped file, so say why here too.
if (!version) console.warn(`test/git/push-races.test.ts skipped: ${GIT_ABSENT}`);

const TOKEN = 'ghp_RaceTokenValue0123456789';

describeWithGit(version ? `pushes that race a teammate (${version})` : `pushes that race a teammate — skipped: ${GIT_ABSENT}`, () => {
  const dirs = tempDirs();
  let root: string;
  let server: GitHttpServer;
  let scratch: string;

  beforeAll(async () => {
    root = dirs.make('git-race-');
    server = await startGitHttpServer({ root, users: { bot: TOKEN } });
  });
  afterAll(async () => {
    await server.close();
    dirs.cleanUp();
  });
  beforeEach(() => {
    scratch = mkdtempSync(path.join(root, 'case-'));
    server.onRequest = undefined;
  });

  const workDir = () => path.join(scratch, 'work');
  const repoNamed = (name: string) => createBareRepo(root, name);

  it('puts its change on the new head when a teammate pushes between its fetch and its push', async () => {
    const bare = repoNamed('busy.git');
    const direct = `file://${bare}`;
    const seed = pushAsSomeoneElse(scratch, direct, 'main', { 'README.md': 'hi\n' }, 'Start');
    let theirs: string | undefined;
    // The push's first request asks for the refs it will update: push something else just before.
    server.onRequest = ({ query }) => {
      if (theirs === undefined && query === 'service=git-receive-pack') {
        theirs = pushAsSomeoneElse(scratch, direct, 'main', { 'notes/teammate.md': 'hello\n' }, 'Teammate note');
      }
    };
    const { logger, lines } = captureLogger();
    const repo = new GitRepository({ url: server.repoUrl('busy.git', { user: 'bot', password: TOKEN }), author: AUTHOR, workDir: workDir() }, logger);

    const outcome = await repo.commitAndPush({ files: { 'postmortems/a.md': 'A\n' }, message: 'Publish A' });

    expect(outcome.kind).toBe('pushed');
    const history = historyOf(bare, 'main');
    expect(history.map((c) => c.commit)).toEqual([outcome.commit, theirs, seed]);
    expect(history[0]?.parents).toEqual([theirs]);
    expect(lines.filter((l) => l.includes('the branch moved while we committed'))).toHaveLength(1);
  });

  it('gives up with rejected when the branch moves before every one of its pushes', async () => {
    const bare = repoNamed('busier.git');
    pushAsSomeoneElse(scratch, `file://${bare}`, 'main', { 'README.md': 'hi\n' }, 'Start');
    let moves = 0;
    server.onRequest = ({ query }) => {
      if (query === 'service=git-receive-pack') {
        moves += 1;
        advanceBranch(bare, 'main', `Teammate note ${moves}`);
      }
    };
    const repo = new GitRepository({ url: server.repoUrl('busier.git', { user: 'bot', password: TOKEN }), author: AUTHOR, workDir: workDir() });

    const error = await rejection(repo.commitAndPush({ files: { 'postmortems/a.md': 'A\n' }, message: 'Publish A' }));

    expect(error.code).toBe('rejected');
    expect(error.message).toMatch(/kept moving/);
    expect(moves).toBe(5);
    expect(historyOf(bare, 'main').map((c) => c.subject)).not.toContain('Publish A');
  });
});
