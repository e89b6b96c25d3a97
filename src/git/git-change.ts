/** A file's content: text is written as UTF-8, bytes (an image) as they are. */
export type FileContent = string | Uint8Array;

/** One commit's worth of files to publish. */
export interface GitChange {
  /** Repository-relative path (forward slashes) → the file's full new content. */
  files: Record<string, FileContent>;
  /** The commit message; URLs in it lose any credentials. */
  message: string;
}

/**
 * `pushed`: a new commit of ours is on the remote branch. `unchanged`: the branch already held
 * these exact contents (perhaps from an earlier call whose answer was lost), so nothing was
 * committed; `commit` is the branch head either way.
 */
export type PushOutcome = { kind: 'pushed'; commit: string } | { kind: 'unchanged'; commit: string };
