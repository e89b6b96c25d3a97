import { lstat, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Logger } from '../logger';
import { classifyGitFailure, failureLine, type GitStep } from './classify-git-failure';
import type { FileContent, GitChange, PushOutcome } from './git-change';
import { gitEnvironment } from './git-environment';
import { GitError, type GitErrorCode, isGitError } from './git-error';
import type { GitTarget } from './git-target';
import { remoteAccess, type RemoteAccess, scrubSecrets } from './remote-access';
import { type GitRun, runGit } from './run-git';
import { serialised } from './serialised';
import { validateChange } from './validate-change';
import { writeFiles } from './write-files';

/** Long enough for a first fetch of a sizeable repository, short enough that a hung remote is noticed. */
const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;
/**
 * Pushes a change may lose to other pushers within one call. Each loss means someone else pushed
 * in the second or so between our fetch and our push; five in a row means a busy branch, and the
 * caller's own retry (later) is the better place to wait.
 */
const MAX_PUSH_ATTEMPTS = 5;
/** The branch an empty repository's first commit creates when none is configured. */
const DEFAULT_BRANCH = 'main';

/** What each code means to the operator reading the one-line message. */
const MEANING: Record<GitErrorCode, string> = {
  unreachable: 'the remote did not answer',
  auth: 'the remote refused the credentials',
  not_found: 'no such repository (or these credentials cannot see it)',
  not_writable: 'these credentials may read but not push',
  rejected: 'the remote rejected the push',
  invalid_change: 'the change cannot be written',
  corrupt: 'the working copy is broken',
  failed: 'failed',
};

/**
 * A push that lost a race: the branch moved between our fetch and our push (`fetch first`,
 * `non-fast-forward` from the client; a ref lock that failed on a server that took both pushes).
 */
const MOVED_UNDER_US = /\[rejected\]\s+\((?:fetch first|non-fast-forward|stale info)\)|cannot lock ref|incorrect old value/i;

/** A guard against a misconfigured working copy: these folders are never deleted. */
function assertDeletable(dir: string): void {
  const insideIt = path.relative(dir, process.cwd());
  const holdsCwd = !insideIt.startsWith('..') && !path.isAbsolute(insideIt);
  if (dir === path.parse(dir).root || dir === os.homedir() || holdsCwd) {
    throw new GitError('failed', `git: refusing to use ${dir} as the working copy: it would be deleted when rebuilt`);
  }
}

/**
 * The bot's working copy of one remote branch, driven with the `git` command. Every call first
 * puts the working copy exactly at the remote branch head; nothing local survives between calls,
 * so a crash at any point is repaired by the next call. Calls on one working copy take turns.
 * Commits are only ever added on top of the remote branch: never a force push, never a rewrite.
 */
export class GitRepository {
  private readonly access: RemoteAccess;
  private readonly workDir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  /** The branch once known: configured, discovered, or the default once a push created it. */
  private branch: string | undefined;
  /** Whether this object has written the remote's URL into the working copy (the URL may have changed). */
  private remoteRecorded = false;

  constructor(target: GitTarget, logger?: Logger) {
    this.access = remoteAccess(target.url, target.sshKeyPath);
    this.workDir = path.resolve(target.workDir);
    this.env = gitEnvironment(this.access, { ceiling: path.dirname(this.workDir), identity: target.author });
    this.timeoutMs = target.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.logger = (logger ?? pino({ enabled: false })).child({ component: 'git', remote: this.access.url });
    if (target.branch) this.branch = target.branch.replace(/^refs\/heads\//, '');
  }

  /** The remote URL as recorded in the working copy: without credentials. */
  get remoteUrl(): string {
    return this.access.url;
  }

  /**
   * The start-up check: the remote answers and accepts our credentials, the branch exists (or
   * the repository is empty and can take a first commit), and we may push (a dry-run push of the
   * branch head, which asks the server for push access without changing anything). A hook that
   * would refuse a real push is not run by a dry run, so it shows only at the first push.
   */
  check(): Promise<{ branch: string }> {
    return serialised(this.workDir, () => this.withWorkingCopy(() => this.checkNow()));
  }

  /**
   * Commits `change` on top of the remote branch and pushes it, without force. When someone else
   * pushed meanwhile, the files are written again on the new head and the push retried, up to
   * {@link MAX_PUSH_ATTEMPTS} times; others' commits are never touched. When the branch already
   * holds these contents, nothing is committed: so a call repeated after a crash (commit made,
   * push unknown) either pushes or reports `unchanged`. A push the remote refuses (a hook, a
   * protected branch) is not retried here: it throws `rejected`, for the caller to retry later.
   */
  commitAndPush(change: GitChange): Promise<PushOutcome> {
    let entries: Array<[string, FileContent]>;
    try {
      entries = validateChange(change);
    } catch (error) {
      return Promise.reject(error);
    }
    const message = this.scrub(change.message);
    return serialised(this.workDir, () => this.withWorkingCopy(() => this.pushNow(entries, message)));
  }

  private async checkNow(): Promise<{ branch: string }> {
    const branch = await this.resolveBranch();
    let head = 'HEAD';
    if (!(await this.syncToRemote(branch))) {
      await this.requireEmptyRemote(branch);
      head = await this.probeCommit();
    }
    const dryRun = await this.run(['push', '--dry-run', '--porcelain', '--no-verify', 'origin', `${head}:refs/heads/${branch}`]);
    // A branch that moved since our fetch still showed that the server takes pushes from us.
    const movedMeanwhile = MOVED_UNDER_US.test(`${dryRun.stdout}\n${dryRun.stderr}`);
    if (dryRun.code !== 0 && !movedMeanwhile) throw this.failure('push', `checking that we may push to ${branch} of ${this.access.url}`, dryRun);
    this.logger.info({ branch }, 'git remote checked: reachable and writable');
    return { branch };
  }

  private async pushNow(entries: ReadonlyArray<readonly [string, FileContent]>, message: string): Promise<PushOutcome> {
    const branch = await this.resolveBranch();
    for (let attempt = 1; attempt <= MAX_PUSH_ATTEMPTS; attempt += 1) {
      if (!(await this.syncToRemote(branch))) await this.requireEmptyRemote(branch);
      await writeFiles(this.workDir, entries);
      await this.git(['add', '--all', '--force'], 'local', 'staging the files');
      // git itself answers "nothing to commit" (exit 1) when the branch already holds the files.
      const commit = await this.run(['commit', '--quiet', '--no-verify', '--allow-empty-message', '--cleanup=whitespace', '-m', message]);
      const unchanged = commit.code === 1 && /nothing to commit/.test(commit.stdout);
      if (commit.code !== 0 && !unchanged) throw this.failure('local', 'committing', commit);
      const head = (await this.git(['rev-parse', '--verify', 'HEAD'], 'local', 'reading the branch head')).trim();
      if (unchanged) {
        this.logger.info({ branch, commit: head }, 'git: the branch already holds these files; nothing to commit');
        return { kind: 'unchanged', commit: head };
      }
      // A plain refspec (no `+`) and no --force: the remote takes it only as a fast-forward.
      const push = await this.run(['push', '--porcelain', '--no-verify', 'origin', `${head}:refs/heads/${branch}`]);
      if (push.code === 0) {
        this.branch = branch;
        this.logger.info({ branch, commit: head, attempt }, 'git: pushed');
        return { kind: 'pushed', commit: head };
      }
      if (!MOVED_UNDER_US.test(`${push.stdout}\n${push.stderr}`)) {
        throw this.failure('push', `pushing to ${branch} of ${this.access.url}`, push);
      }
      this.logger.warn({ branch, attempt }, 'git: the branch moved while we committed; writing the files again on its new head');
    }
    throw new GitError(
      'rejected',
      `git: pushing to ${branch} of ${this.access.url}: the branch kept moving under us; gave up after ${MAX_PUSH_ATTEMPTS} attempts`,
    );
  }

  /** The configured branch, else the remote's default branch, else (an empty remote) `main`. */
  private async resolveBranch(): Promise<string> {
    if (this.branch) return this.branch;
    const out = await this.git(['ls-remote', '--symref', 'origin', 'HEAD'], 'read', `asking ${this.access.url} for its default branch`);
    const found = /^ref:\s*refs\/heads\/(\S+)\s+HEAD$/m.exec(out)?.[1];
    // An empty remote's HEAD names no branch yet; keep asking until a push of ours creates one.
    if (found) this.branch = found;
    return found ?? DEFAULT_BRANCH;
  }

  /**
   * Fetches the branch and puts the working copy exactly at its head: index, files, untracked and
   * ignored files all reset. Returns false when the branch does not exist; the working copy is
   * then an unborn branch with no files.
   */
  private async syncToRemote(branch: string): Promise<boolean> {
    const tracking = `refs/remotes/origin/${branch}`;
    const fetch = await this.run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', 'origin', `+refs/heads/${branch}:${tracking}`]);
    const exists = fetch.code === 0;
    if (!exists && !/couldn't find remote ref/i.test(fetch.stderr)) {
      throw this.failure('read', `fetching ${branch} from ${this.access.url}`, fetch);
    }
    if (exists) {
      await this.git(['checkout', '--quiet', '--force', '--no-track', '-B', branch, tracking], 'local', 'checking out the remote head');
    } else {
      await this.git(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], 'local', 'switching to the branch');
      await this.run(['update-ref', '-d', `refs/heads/${branch}`]);
      await this.git(['read-tree', '--empty'], 'local', 'emptying the index');
    }
    await this.git(['clean', '-ffdxq'], 'local', 'removing untracked files');
    return exists;
  }

  /** A missing branch is fine only in an empty repository, where our first commit creates it. */
  private async requireEmptyRemote(branch: string): Promise<void> {
    const heads = await this.git(['ls-remote', '--heads', 'origin'], 'read', `listing the branches of ${this.access.url}`);
    if (heads.trim()) {
      throw new GitError('not_found', `git: the branch "${branch}" does not exist on ${this.access.url}; create it there or configure an existing one`);
    }
  }

  /** A commit of the empty tree, never pushed: what a dry run offers an empty repository. */
  private async probeCommit(): Promise<string> {
    const tree = (await this.git(['write-tree'], 'local', 'writing an empty tree')).trim();
    return (await this.git(['commit-tree', tree, '-m', 'access check'], 'local', 'making a probe commit')).trim();
  }

  private async withWorkingCopy<T>(work: () => Promise<T>): Promise<T> {
    if (!(await this.isUsable())) await this.rebuild();
    try {
      return await work();
    } catch (error) {
      if (!isGitError(error) || error.code !== 'corrupt') throw error;
      this.logger.warn({ err: error }, 'git: the working copy broke during the operation; rebuilding it and trying once more');
      await this.rebuild();
      return work();
    }
  }

  /** Whether the working copy can be used as it is: its own `.git`, a readable HEAD and index. */
  private async isUsable(): Promise<boolean> {
    const gitDir = path.join(this.workDir, '.git');
    const stat = await lstat(gitDir).catch(() => undefined);
    if (!stat?.isDirectory()) return false;
    // Calls on this folder take turns, so a lock found now was left by a killed or crashed git.
    await rm(path.join(gitDir, 'index.lock'), { force: true });
    // GIT_CEILING_DIRECTORIES keeps git from taking a repository around this one for it.
    if ((await this.run(['status', '--porcelain', '--untracked-files=no'])).code !== 0) return false;
    if (!this.remoteRecorded) await this.recordRemote();
    return true;
  }

  /** Deletes whatever is in the working copy's folder and starts an empty repository there. */
  private async rebuild(): Promise<void> {
    assertDeletable(this.workDir);
    if (await lstat(this.workDir).catch(() => undefined)) {
      this.logger.warn({ workDir: this.workDir }, 'git: the working copy is missing or broken; building it again');
      await rm(this.workDir, { recursive: true, force: true });
    } else {
      this.logger.info({ workDir: this.workDir }, 'git: creating the working copy');
    }
    await mkdir(this.workDir, { recursive: true });
    await this.git(['init', '--quiet'], 'local', 'creating the working copy');
    await this.recordRemote();
  }

  /** Only the clean URL is ever written down; credentials travel in each command's environment. */
  private async recordRemote(): Promise<void> {
    await this.git(['config', 'remote.origin.url', this.access.url], 'local', 'recording the remote');
    this.remoteRecorded = true;
  }

  /** Runs a command that must succeed; its failure becomes a {@link GitError} for `step`. */
  private async git(args: string[], step: GitStep, what: string): Promise<string> {
    const run = await this.run(args);
    if (run.code !== 0) throw this.failure(step, what, run);
    return run.stdout;
  }

  private async run(args: string[]): Promise<GitRun> {
    const run = await runGit(args, { cwd: this.workDir, env: this.env, timeoutMs: this.timeoutMs });
    this.logger.debug({ args: args.map((a) => this.scrub(a)), code: run.code }, 'git command');
    return run;
  }

  private failure(step: GitStep, what: string, run: GitRun): GitError {
    const output = this.scrub(`${run.stderr}\n${run.stdout}`);
    if (run.timedOut) {
      const code = step === 'local' ? 'failed' : 'unreachable';
      return new GitError(code, `git: ${what}: no answer within ${this.timeoutMs / 1000} s`);
    }
    const code = classifyGitFailure(output, step);
    this.logger.debug({ output, code }, `git: ${what} failed`);
    return new GitError(code, `git: ${what}: ${MEANING[code]} (${failureLine(output)})`);
  }

  private scrub(text: string): string {
    return scrubSecrets(text, this.access.secrets);
  }
}
