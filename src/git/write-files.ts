import { lstat, mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileContent } from './git-change';
import { GitError } from './git-error';

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeOne(root: string, relPath: string, content: FileContent): Promise<void> {
  const segments = relPath.split('/');
  let dir = root;
  for (const [i, segment] of segments.slice(0, -1).entries()) {
    dir = join(dir, segment);
    const stat = await lstatOrUndefined(dir);
    if (!stat) {
      await mkdir(dir);
    } else if (!stat.isDirectory()) {
      // A symbolic link committed to the repository could point anywhere on this machine.
      const what = stat.isSymbolicLink() ? 'a symbolic link' : 'a file';
      throw new GitError('invalid_change', `cannot write "${relPath}": "${segments.slice(0, i + 1).join('/')}" is ${what} in the repository`);
    }
  }
  const file = join(root, relPath);
  const stat = await lstatOrUndefined(file);
  if (stat?.isDirectory()) throw new GitError('invalid_change', `cannot write "${relPath}": it is a folder in the repository`);
  // Replace a link rather than write through it to wherever it points.
  if (stat?.isSymbolicLink()) await unlink(file);
  await (typeof content === 'string' ? writeFile(file, content, 'utf8') : writeFile(file, content));
}

/** Writes each file under `root`, creating folders, never following a link out of the tree. */
export async function writeFiles(root: string, entries: ReadonlyArray<readonly [string, FileContent]>): Promise<void> {
  for (const [relPath, content] of entries) {
    try {
      await writeOne(root, relPath, content);
    } catch (error) {
      if (error instanceof GitError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new GitError('failed', `git: could not write "${relPath}" in the working copy: ${code}`);
    }
  }
}
