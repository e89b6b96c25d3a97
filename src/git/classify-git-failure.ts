import type { GitErrorCode } from './git-error';

/** What a failed command was doing: reading the remote, pushing to it, or working locally. */
export type GitStep = 'read' | 'push' | 'local';

/**
 * git's own words (with LC_ALL=C) and those of the usual hosts, checked in this order: a refused
 * login also prints "could not read from remote repository", and a missing ssh key file prints
 * "No such file or directory", so auth comes before not_found.
 */
const AUTH =
  /Authentication failed|could not read (?:Username|Password)|terminal prompts disabled|Permission denied \((?:publickey|password|keyboard)|Invalid username or password|HTTP Basic: Access denied|returned error: 401|Host key verification failed|Load key .*:|Identity file .* not accessible|invalid credentials|Bad credentials/i;
const NOT_WRITABLE =
  /Write access to repository not granted|marked as read only|read-only|not allowed to push|Permission to \S+ denied|insufficient permission for adding an object|returned error: 403|receive-pack not permitted|service not enabled/i;
const NOT_FOUND =
  /does not appear to be a git repository|repository '.*' not found|Repository not found|returned error: 404|project you were looking for could not be found|not a git repository|No such file or directory|No such repository/i;
const UNREACHABLE =
  /Could not resolve host|Couldn't resolve host|Could not resolve hostname|Failed to connect|Couldn't connect|Connection refused|Connection timed out|Operation timed out|timed out|Network is unreachable|No route to host|Connection reset|Connection closed|Empty reply from server|SSL|TLS|certificate|remote end hung up unexpectedly|early EOF|RPC failed|returned error: 5\d\d|Temporary failure in name resolution|Name or service not known/i;
const REMOTE_REJECTED = /\[remote rejected\]|hook declined|protected branch|pre-receive|denyNonFastForwards|GH006|GL-HOOK-ERR/i;
/** The local file system, not the repository, is at fault: rebuilding would not help. */
const LOCAL_RESOURCE = /No space left on device|Disk quota exceeded|Read-only file system|Permission denied|Too many open files|Cannot allocate memory/i;

/**
 * The code for a failed git command from what it printed. A refused login is `auth` while
 * reading but a refused push with readable content is `not_writable`; a local command that fails
 * in the bot's private working copy means the copy is `corrupt` (and is rebuilt), unless the disk
 * itself is at fault.
 */
export function classifyGitFailure(output: string, step: GitStep): GitErrorCode {
  if (step === 'local') return LOCAL_RESOURCE.test(output) ? 'failed' : 'corrupt';
  if (step === 'push' && REMOTE_REJECTED.test(output)) return 'rejected';
  if (AUTH.test(output)) return 'auth';
  if (step === 'push' && NOT_WRITABLE.test(output)) return 'not_writable';
  if (/returned error: 403/i.test(output)) return 'auth';
  if (NOT_FOUND.test(output)) return 'not_found';
  if (UNREACHABLE.test(output)) return 'unreachable';
  return 'failed';
}

/** Lines of git's output that say nothing about the failure itself. */
const NOISE = /^(?:Please make sure you have the correct access rights|and the repository exists\.?|To |hint:|Done$|fatal: Could not read from remote repository\.?$|error: failed to push some refs)/i;
const MAX_LINE_CHARS = 300;

const clean = (line: string) =>
  line
    .replace(/^(?:(?:fatal|error|remote|ssh):\s*)+/i, '')
    .replace(/^!\s*\S+\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The one line of git's output that best says what went wrong (the first `fatal:`, else the
 * first `error:`, else a rejected ref with the remote's last words on it, else the last remote
 * message), without its prefix.
 */
export function failureLine(output: string): string {
  const lines = output
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l && !NOISE.test(l));
  const lastRemote = [...lines].reverse().find((l) => /^remote:/i.test(l) && clean(l));
  const rejected = lines.find((l) => /\[(?:remote )?rejected\]/.test(l));
  let line =
    lines.find((l) => /^fatal:/i.test(l)) ??
    lines.find((l) => /^error:/i.test(l)) ??
    (rejected && lastRemote ? `${clean(rejected)}: ${clean(lastRemote)}` : rejected) ??
    lastRemote ??
    lines.at(-1) ??
    'no output';
  line = clean(line);
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line;
}
