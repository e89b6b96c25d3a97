/** Where and as whom published files are committed. */
export interface GitTarget {
  /**
   * `https://[user:token@]host/…`, `ssh://…`, scp-like `git@host:o/r.git`, `file://…` or a local
   * path. Credentials are split off before git sees the URL; see {@link remoteAccess}.
   */
  url: string;
  /** Default: the remote's default branch, or `main` for an empty repository. */
  branch?: string;
  /** For ssh remotes: the only key offered; unknown host keys are accepted on first use. */
  sshKeyPath?: string;
  /** Author and committer of every commit. */
  author: { name: string; email: string };
  /**
   * The working copy, inside the bot's data directory: created on first use, and deleted and
   * rebuilt whenever it is found broken, so nothing else may live there.
   */
  workDir: string;
  /** How long one git command may run before it is killed. Default 60 s. */
  commandTimeoutMs?: number;
}
