import type { FileContent, GitChange } from './git-change';
import { GitError } from './git-error';

/**
 * A path that stays inside the working tree and out of git's own folder: relative, forward
 * slashes, no empty, `.` or `..` segment, no `.git` segment in any case (case-insensitive file
 * systems would write into the repository's internals).
 */
function problemWith(path: string): string | undefined {
  if (path.length === 0) return 'an empty path';
  if (path.includes('\0')) return 'a path with a NUL byte';
  if (path.includes('\\')) return `"${path}" uses a backslash; use forward slashes`;
  if (path.startsWith('/')) return `"${path}" is absolute; paths are relative to the repository`;
  const bad = path.split('/').find((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git');
  if (bad !== undefined) return `"${path}" has a "${bad || '//'}" segment`;
  return undefined;
}

/** The change's files as entries, or an `invalid_change` error naming the first problem. */
export function validateChange(change: GitChange): Array<[path: string, content: FileContent]> {
  const entries = Object.entries(change.files ?? {});
  if (entries.length === 0) throw new GitError('invalid_change', 'a change must write at least one file');
  for (const [path, content] of entries) {
    const problem = problemWith(path);
    if (problem) throw new GitError('invalid_change', `cannot write ${problem}`);
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) throw new GitError('invalid_change', `the content of "${path}" is neither text nor bytes`);
  }
  if (typeof change.message !== 'string') throw new GitError('invalid_change', 'the commit message is not text');
  return entries;
}
