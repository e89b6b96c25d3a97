/**
 * Where published post-mortems are kept as files: the team's git repository. The git adapter
 * implements it; the post-mortems feature never runs `git` itself.
 */
export interface PostmortemArchive {
  /**
   * Writes the files (repository paths → content: text as UTF-8, bytes such as an image as they
   * are) in one commit and pushes it; `changed` is false when they were there already.
   */
  save(change: { files: Record<string, string | Uint8Array>; message: string }): Promise<{ commit: string; changed: boolean }>;
  /** Where a reader finds a file: a web link for GitHub, GitLab and Gitea remotes, otherwise its path. */
  linkTo(path: string): string;
}

/** Which post-mortems go to the archive, and where in it. */
export interface ArchivePolicy {
  /** The folder for post-mortems in the repository (`incidents`). */
  dir: string;
  /** Private incidents' post-mortems are kept out unless this says otherwise. */
  includePrivate: boolean;
}
