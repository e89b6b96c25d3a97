import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { GitRepository } from '../../src/git/git-repository';
import { freePort } from '../../tools/harness/free-port';
import { createBareRepo, GIT_ABSENT, type GitHttpServer, gitVersion, startGitHttpServer } from '../../tools/harness/git-server';
import { AUTHOR, captureLogger, historyOf, pushAsSomeoneElse, readConfig, rejection, tempDirs } from './git-fixture';

/**
 * The bot's side of a real smart-HTTP server (`git http-backend` behind basic auth): a token in
 * the URL opens the door and is found nowhere afterwards, and each way a remote can say no comes
 * back as its own code.
 */

const version = gitVersion();
const describeWithGit = version ? describe : describe.skip;
// Jest names no test of a wholly skipped file, so say why here too.
if (!version) console.warn(`test/git/git-over-http.test.ts skipped: ${GIT_ABSENT}`);

const TOKEN = 'ghp_S3cretTokenValue0123456789';
const WRONG_TOKEN = 'ghp_WrongTokenValue9876543210';
const base64 = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

/** Every file under `dir`, as text: the whole working copy, git's own folder included. */
function allText(dir: string): string {
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .map((p) => (statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'latin1')))
    .join('\n');
}

describeWithGit(version ? `a git repository over smart HTTP (${version})` : `a git repository over smart HTTP — skipped: ${GIT_ABSENT}`, () => {
  const dirs = tempDirs();
  let root: string;
  let server: GitHttpServer;
  let scratch: string;

  beforeAll(async () => {
    root = dirs.make('git-http-');
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
  const repoNamed = (name: string, options?: { receivePack?: boolean }) => {
    createBareRepo(root, name, options);
    return path.join(root, name);
  };

  it('pushes with the token in the URL, which reaches neither the logs nor the working copy', async () => {
    const bare = repoNamed('team.git');
    const { logger, lines } = captureLogger();
    const repo = new GitRepository({ url: server.repoUrl('team.git', { user: 'bot', password: TOKEN }), author: AUTHOR, workDir: workDir() }, logger);

    await expect(repo.check()).resolves.toEqual({ branch: 'main' });
    const outcome = await repo.commitAndPush({ files: { 'postmortems/a.md': 'A\n' }, message: 'Publish A' });

    expect(outcome.kind).toBe('pushed');
    expect(historyOf(bare, 'main')[0]?.commit).toBe(outcome.commit);
    expect(server.requests.some((r) => r.user === 'bot' && r.url.endsWith('/git-receive-pack') && r.status === 200)).toBe(true);
    expect(readConfig(workDir())).toContain(`url = ${server.origin}/team.git`);
    const everywhere = [allText(workDir()), ...lines].join('\n');
    expect(everywhere).not.toContain(TOKEN);
    expect(everywhere).not.toContain(base64('bot', TOKEN));
    expect(lines.some((l) => l.includes('"msg":"git command"'))).toBe(true);
  });

  it('reports a wrong token as auth, in one line without the token', async () => {
    repoNamed('private.git');
    const { logger, lines } = captureLogger();
    const repo = new GitRepository({ url: server.repoUrl('private.git', { user: 'bot', password: WRONG_TOKEN }), author: AUTHOR, workDir: workDir() }, logger);

    const checked = await rejection(repo.check());
    const pushed = await rejection(repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A' }));

    for (const error of [checked, pushed]) {
      expect(error.code).toBe('auth');
      expect(error.message).not.toMatch(/\n/);
      expect(error.message).toContain(`${server.origin}/private.git`);
    }
    const everywhere = [checked.message, pushed.message, allText(workDir()), ...lines].join('\n');
    expect(everywhere).not.toContain(WRONG_TOKEN);
    expect(everywhere).not.toContain(base64('bot', WRONG_TOKEN));
  });

  it('reports no credentials at all as auth', async () => {
    repoNamed('anonymous.git');
    const repo = new GitRepository({ url: server.repoUrl('anonymous.git'), author: AUTHOR, workDir: workDir() });

    await expect(rejection(repo.check())).resolves.toMatchObject({ code: 'auth' });
  });

  it('reports a missing repository as not_found', async () => {
    const repo = new GitRepository({ url: server.repoUrl('missing.git', { user: 'bot', password: TOKEN }), author: AUTHOR, workDir: workDir() });

    const error = await rejection(repo.check());

    expect(error.code).toBe('not_found');
    expect(error.message).not.toContain(TOKEN);
  });

  it('reports a remote that serves reads but refuses pushes as not_writable', async () => {
    const bare = repoNamed('readonly.git', { receivePack: false });
    pushAsSomeoneElse(scratch, `file://${bare}`, 'main', { 'README.md': 'hi\n' }, 'Start');
    const repo = new GitRepository({ url: server.repoUrl('readonly.git', { user: 'bot', password: TOKEN }), author: AUTHOR, workDir: workDir() });

    const checked = await rejection(repo.check());
    const pushed = await rejection(repo.commitAndPush({ files: { 'a.md': 'A\n' }, message: 'Publish A' }));

    expect(checked.code).toBe('not_writable');
    expect(pushed.code).toBe('not_writable');
    expect(historyOf(bare, 'main')).toHaveLength(1);
  });

  it('reports a server that does not answer as unreachable', async () => {
    const port = await freePort();
    const repo = new GitRepository({ url: `http://bot:${TOKEN}@127.0.0.1:${port}/team.git`, author: AUTHOR, workDir: workDir() });

    const error = await rejection(repo.check());

    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`http://127.0.0.1:${port}/team.git`);
    expect(error.message).not.toContain(TOKEN);
  });

  it('gives up on a server that accepts the connection and never answers, as unreachable', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const repo = new GitRepository({
      url: `http://bot:${TOKEN}@127.0.0.1:${port}/team.git`,
      author: AUTHOR,
      workDir: workDir(),
      commandTimeoutMs: 500,
    });

    try {
      const error = await rejection(repo.check());

      expect(error.code).toBe('unreachable');
      expect(error.message).toMatch(/no answer within 0.5 s$/);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
