import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { GitError } from '../../src/git/git-error';
import { createLogger, type Logger } from '../../src/logger';
import { gitSync } from '../../tools/harness/git-server';

/** The author every test commits as, to check it on the remote. */
export const AUTHOR = { name: 'Incident Bot', email: 'incident-bot@example.test' };

/** A fresh folder under the system's temporary folder; `cleanUp()` removes all of them. */
export function tempDirs() {
  const made: string[] = [];
  return {
    make(prefix = 'git-test-'): string {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanUp(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A logger at debug level whose every line is kept, to prove what never reaches a log. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', pretty: false }, stream), lines };
}

/**
 * Someone else's clone: commits `files` on `branch` on top of whatever the remote has, and pushes
 * them, as a teammate would. Returns the new commit.
 */
export function pushAsSomeoneElse(
  scratch: string,
  url: string,
  branch: string,
  files: Record<string, string>,
  message: string,
  env: NodeJS.ProcessEnv = {},
): string {
  const dir = mkdtempSync(path.join(scratch, 'other-'));
  gitSync(['clone', '--quiet', url, dir], scratch, env);
  try {
    gitSync(['checkout', '--quiet', '-B', branch, `origin/${branch}`], dir);
  } catch {
    // An empty repository, or a branch not made yet: start it.
    gitSync(['checkout', '--quiet', '--orphan', branch], dir);
  }
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  gitSync(['add', '--all'], dir);
  gitSync(['commit', '--quiet', '-m', message], dir, { GIT_AUTHOR_NAME: 'Teammate', GIT_AUTHOR_EMAIL: 'teammate@example.test' });
  gitSync(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], dir, env);
  return gitSync(['rev-parse', 'HEAD'], dir).trim();
}

/**
 * A teammate's empty commit on `branch`, written straight into the bare repository: the cheapest
 * way to move a branch, for tests that move it many times.
 */
export function advanceBranch(bareDir: string, branch: string, message: string): string {
  const head = gitSync(['rev-parse', `refs/heads/${branch}`], bareDir).trim();
  const commit = gitSync(['commit-tree', `${head}^{tree}`, '-p', head, '-m', message], bareDir, {
    GIT_AUTHOR_NAME: 'Teammate',
    GIT_AUTHOR_EMAIL: 'teammate@example.test',
  }).trim();
  gitSync(['update-ref', `refs/heads/${branch}`, commit, head], bareDir);
  return commit;
}

/** One commit of a bare repository's branch, newest first. */
export interface LoggedCommit {
  commit: string;
  parents: string[];
  author: string;
  committer: string;
  subject: string;
  body: string;
}

export function historyOf(bareDir: string, branch: string): LoggedCommit[] {
  const out = gitSync(['log', '--format=%H%x1f%P%x1f%an <%ae>%x1f%cn <%ce>%x1f%s%x1f%b%x1e', branch], bareDir);
  return out
    .split('\x1e')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((record) => {
      const [commit = '', parents = '', author = '', committer = '', subject = '', body = ''] = record.split('\x1f');
      return { commit, parents: parents.split(' ').filter(Boolean), author, committer, subject, body: body.trim() };
    });
}

/** A file's content on a bare repository's branch. */
export function fileOn(bareDir: string, branch: string, file: string): string {
  return gitSync(['show', `${branch}:${file}`], bareDir);
}

export function readConfig(workDir: string): string {
  return readFileSync(path.join(workDir, '.git', 'config'), 'utf8');
}

/** The GitError `promise` rejects with; fails the test if it resolves or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<GitError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GitError) return error;
    throw error;
  }
  throw new Error('expected a GitError');
}
