import type { PostmortemArchive } from '../postmortems/postmortem-archive';
import type { GitRepository } from './git-repository';
import { webLinkFor } from './web-link-for';

/** The post-mortems' archive as commits on the team's repository. */
export class GitArchive implements PostmortemArchive {
  constructor(
    private readonly repository: GitRepository,
    private readonly url: string,
    /** The branch commits land on, as the start-up check found it. */
    private readonly branch: string,
  ) {}

  async save(change: { files: Record<string, string | Uint8Array>; message: string }): Promise<{ commit: string; changed: boolean }> {
    const outcome = await this.repository.commitAndPush(change);
    return { commit: outcome.commit, changed: outcome.kind === 'pushed' };
  }

  linkTo(path: string): string {
    return webLinkFor(this.url, this.branch, path) ?? path;
  }
}
