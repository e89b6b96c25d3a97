import { redactUrl } from './redact-url';

/** How this module reaches one remote, with its credentials kept out of the URL git is given. */
export interface RemoteAccess {
  /** The URL without credentials: what commands are given and what the working copy records. */
  url: string;
  /** Per-command git settings, passed through the environment (never written to a config file). */
  config: Array<[key: string, value: string]>;
  /** Per-command environment variables. */
  env: Record<string, string>;
  /** Every form the credentials could take in git's output, to be scrubbed from it. */
  secrets: string[];
}

/** `http(s)://userinfo@rest`; greedy, so the userinfo runs to the authority's last `@`. */
const HTTP_WITH_USERINFO = /^(https?):\/\/([^/?#]*)@([^/?#@]*)(.*)$/i;
const SSH_URL = /^(?:ssh|git\+ssh|ssh\+git):\/\//i;
/** git reads `host:path` (a colon before any slash, no `://`) as ssh. */
const SCP_LIKE = /^[^/:]+:(?!\/\/)/;
/** Shorter strings are too likely to occur by chance in git's output to be scrubbed from it. */
const MIN_SECRET_LENGTH = 4;
/** ssh waits this long for a TCP connection before giving up, well inside the command timeout. */
const SSH_CONNECT_TIMEOUT_S = 20;

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Splits credentials out of `url`. An http(s) `user:token@` becomes an `Authorization: Basic`
 * header scoped to that scheme and host, so git sends it nowhere else (not even on a redirect to
 * another host), and no credential helper is asked or told anything. An ssh remote gets an ssh
 * command that uses `sshKeyPath` alone and never asks a question.
 */
export function remoteAccess(url: string, sshKeyPath?: string, inherited: NodeJS.ProcessEnv = process.env): RemoteAccess {
  const config: Array<[string, string]> = [];
  const env: Record<string, string> = {};
  const secrets: string[] = [];
  let clean = url;

  const http = HTTP_WITH_USERINFO.exec(url);
  if (http) {
    const [, scheme, userinfo, hostPort, rest] = http as unknown as [string, string, string, string, string];
    clean = `${scheme}://${hostPort}${rest}`;
    const colon = userinfo.indexOf(':');
    const user = decode(colon < 0 ? userinfo : userinfo.slice(0, colon));
    const password = colon < 0 ? '' : decode(userinfo.slice(colon + 1));
    const basic = Buffer.from(`${user}:${password}`).toString('base64');
    config.push(['credential.helper', ''], [`http.${scheme.toLowerCase()}://${hostPort.toLowerCase()}/.extraHeader`, `Authorization: Basic ${basic}`]);
    // With a password the user name is an ordinary name; alone, it is the token.
    secrets.push(basic, userinfo, ...(password ? [password, encodeURIComponent(password)] : [user, encodeURIComponent(user)]));
  }

  if (SSH_URL.test(url) || (SCP_LIKE.test(url) && !/^[a-z]+:\/\//i.test(url))) {
    const batch = `-o BatchMode=yes -o ConnectTimeout=${SSH_CONNECT_TIMEOUT_S}`;
    if (sshKeyPath) {
      env.GIT_SSH_COMMAND = `ssh -i ${shellQuote(sshKeyPath)} -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new ${batch}`;
    } else if (!inherited.GIT_SSH_COMMAND && !inherited.GIT_SSH) {
      env.GIT_SSH_COMMAND = `ssh ${batch}`;
    }
  }

  return {
    url: redactUrl(clean),
    config,
    env,
    secrets: [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length),
  };
}

/** `text` with URLs' credentials and every known secret replaced, for logs and error messages. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = redactUrl(text);
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}
