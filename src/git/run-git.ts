import { spawn } from 'node:child_process';
import { GitError } from './git-error';

export interface GitRun {
  /** The exit code; -1 when the command was killed. */
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Output beyond this is dropped: nothing we run legitimately prints more, and memory is finite. */
const MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

/**
 * Runs `git args` in `cwd` and resolves with its exit code and output; a failing command is a
 * result, not a rejection, so the caller can classify it. Standard input is closed, so git can
 * never wait on a question, and after `timeoutMs` the command's whole process group (ssh,
 * git-remote-https, pack-objects) is killed.
 */
export function runGit(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT_CHARS) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT_CHARS) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new GitError('failed', 'the git command is not installed (or not on PATH)')
          : new GitError('failed', `could not start git: ${error.message}`),
      );
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
  });
}
