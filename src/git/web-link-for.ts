type Forge = 'github' | 'gitlab' | 'gitea';

/** How each forge shows one file of one branch, after `<web base>/<repository path>`. */
const BLOB_PATH: Record<Forge, string> = {
  github: 'blob',
  gitlab: '-/blob',
  gitea: 'src/branch',
};

/** `scheme://[userinfo@]host[:port]/path`; the userinfo is matched up to its last `@`. */
const URL_FORM = /^(https?|ssh|git\+ssh|ssh\+git):\/\/(?:[^/?#]*@)?([^/?#:@]+)(?::(\d+))?\/([^?#]+)$/i;
/** scp-like `[user@]host:path`, as git reads it when there is no `://`. */
const SCP_FORM = /^(?:[^@/]+@)?([^/:@]+):(?!\/\/)([^?#]+)$/;

interface Repository {
  forge: Forge;
  /** `https://host[:port]` or `http://…`, as a browser would open it. */
  base: string;
  /** Path segments naming the repository (GitLab groups may nest). */
  segments: string[];
}

/**
 * Which forge a host runs, from its name: the public hosts, and self-hosted ones named by the
 * usual convention (`github.example.com`, `gitlab.example.com`, `gitea.example.com`). Any other
 * host gets no link rather than a guessed one that may not exist.
 */
function forgeOf(host: string): { forge: Forge; webHost: string } | undefined {
  const h = host.toLowerCase();
  if (h === 'github.com' || h === 'www.github.com' || h === 'ssh.github.com') return { forge: 'github', webHost: 'github.com' };
  if (h.startsWith('github.')) return { forge: 'github', webHost: h };
  if (h === 'gitlab.com' || h === 'altssh.gitlab.com') return { forge: 'gitlab', webHost: 'gitlab.com' };
  if (h.startsWith('gitlab.')) return { forge: 'gitlab', webHost: h };
  if (h === 'codeberg.org' || h.startsWith('gitea.') || h.startsWith('forgejo.')) return { forge: 'gitea', webHost: h };
  return undefined;
}

function repositoryOf(url: string): Repository | undefined {
  const trimmed = url.trim();
  let scheme: string;
  let host: string;
  let port: string | undefined;
  let repoPath: string;
  const full = URL_FORM.exec(trimmed);
  const scp = full ? null : SCP_FORM.exec(trimmed);
  if (full) {
    scheme = full[1]!.toLowerCase();
    host = full[2]!;
    port = full[3];
    repoPath = full[4]!;
  } else if (scp) {
    scheme = 'ssh';
    host = scp[1]!;
    repoPath = scp[2]!;
  } else {
    return undefined;
  }
  const found = forgeOf(host);
  if (!found) return undefined;
  const segments = repoPath
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .split('/')
    .filter(Boolean);
  const exactlyTwo = found.forge !== 'gitlab';
  if (segments.length < 2 || (exactlyTwo && segments.length !== 2)) return undefined;
  // An ssh port is the ssh server's, not the web server's.
  const web = scheme === 'http' || scheme === 'https' ? `${scheme}://${found.webHost}${port ? `:${port}` : ''}` : `https://${found.webHost}`;
  return { forge: found.forge, base: web, segments };
}

const encodePath = (p: string) => p.split('/').filter(Boolean).map(encodeURIComponent).join('/');

/**
 * The web page of `path` on `branch` of the repository at `url` (https, ssh or scp-like), for
 * GitHub, GitLab and Gitea/Forgejo; null for any other host or a local or file:// remote.
 * Credentials in `url` never reach the link: it is rebuilt from the host and path alone.
 */
export function webLinkFor(url: string, branch: string, path: string): string | null {
  const repository = repositoryOf(url);
  if (!repository || !branch || !encodePath(path)) return null;
  const repo = repository.segments.map(encodeURIComponent).join('/');
  return `${repository.base}/${repo}/${BLOB_PATH[repository.forge]}/${encodePath(branch)}/${encodePath(path)}`;
}
