import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** What a test says when it skips for want of git. */
export const GIT_ABSENT = 'git is not installed: install git (2.29 or later) to run this test';

/** The installed git's version, or undefined when there is none, so a test can skip with GIT_ABSENT. */
export function gitVersion(): string | undefined {
  const run = spawnSync('git', ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** The `git http-backend` CGI program that ships with the installed git. */
export function httpBackendPath(): string {
  const execPath = execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();
  return path.join(execPath, 'git-http-backend');
}

/** Runs git to set up a fixture; throws with git's own output when it fails. */
export function gitSync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Fixture',
      GIT_AUTHOR_EMAIL: 'fixture@example.test',
      GIT_COMMITTER_NAME: 'Fixture',
      GIT_COMMITTER_EMAIL: 'fixture@example.test',
      GIT_TERMINAL_PROMPT: '0',
      ...env,
    },
  });
}

export interface BareRepoOptions {
  /** The branch HEAD names while the repository is empty. Default `main`. */
  initialBranch?: string;
  /** Whether pushes over smart HTTP are served (`http.receivepack`). Default true. */
  receivePack?: boolean;
}

/**
 * An empty bare repository `root/name` as a hosting service keeps one: non-fast-forward updates
 * and deletions refused, so a test proves that nothing forced its way in.
 */
export function createBareRepo(root: string, name: string, options: BareRepoOptions = {}): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  gitSync(['init', '--quiet', '--bare', `--initial-branch=${options.initialBranch ?? 'main'}`], dir);
  // Appended as text: one git process fewer per repository, in tests that make many.
  appendFileSync(
    path.join(dir, 'config'),
    `[receive]\n\tdenyNonFastForwards = true\n\tdenyDeletes = true\n[http]\n\treceivepack = ${options.receivePack ?? true}\n`,
  );
  return dir;
}

/** Installs `script` (a shell script body) as the bare repository's hook `name`. */
export function installHook(bareDir: string, name: 'pre-receive' | 'update', script: string): void {
  const file = path.join(bareDir, 'hooks', name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}

/** One request the server answered, as a test may check it. */
export interface ServedRequest {
  method: string;
  /** Path and query, never the Authorization header. */
  url: string;
  /** The user who authenticated, if any. */
  user?: string;
  status: number;
}

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The repository `name` under the server's root, with `user:password@` when given. */
  repoUrl(name: string, credentials?: { user: string; password: string }): string;
  requests: ServedRequest[];
  /**
   * Called before each authenticated request is handed to git; the request waits for it. A test
   * uses it to act at an exact point of a client's conversation, e.g. to push something else
   * just before a push's ref advertisement.
   */
  onRequest?: (request: { method: string; pathname: string; query: string }) => void | Promise<void>;
  close(): Promise<void>;
}

/** The CGI response head (up to a blank line) and whatever body bytes followed it. */
function splitCgiHead(buffer: Buffer): { head: string; body: Buffer } | undefined {
  for (const separator of ['\r\n\r\n', '\n\n']) {
    const at = buffer.indexOf(separator);
    if (at >= 0) return { head: buffer.subarray(0, at).toString('latin1'), body: buffer.subarray(at + separator.length) };
  }
  return undefined;
}

function userFrom(req: IncomingMessage, users: Record<string, string>): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  return colon > 0 && users[user] === decoded.slice(colon + 1) ? user : undefined;
}

/** Hands one request to `git http-backend` as CGI and streams its answer back. */
function runBackend(backend: string, root: string, user: string, req: IncomingMessage, res: ServerResponse, record: ServedRequest): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    REMOTE_USER: user,
    REMOTE_ADDR: '127.0.0.1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    CONTENT_LENGTH: req.headers['content-length'] ?? '',
  };
  // Every request header as HTTP_*: http-backend reads Git-Protocol and Content-Encoding there.
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    env[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = Array.isArray(value) ? value.join(', ') : value;
  }
  const cgi = spawn(backend, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  req.pipe(cgi.stdin);
  cgi.stdin.on('error', () => undefined);
  let pending: Buffer | undefined = Buffer.alloc(0);
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (!pending) {
      res.write(chunk);
      return;
    }
    pending = Buffer.concat([pending, chunk]);
    const split = splitCgiHead(pending);
    if (!split) return;
    pending = undefined;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of split.head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    record.status = status;
    res.writeHead(status, headers);
    res.write(split.body);
  });
  cgi.stderr.resume();
  cgi.on('close', () => {
    if (pending) {
      record.status = 502;
      res.writeHead(502).end('http-backend gave no answer');
    } else {
      res.end();
    }
  });
}

/**
 * A smart-HTTP git server on 127.0.0.1 for the bare repositories under `root`: each request must
 * carry `Authorization: Basic` of one of `users`, then goes to the real `git http-backend`.
 */
export async function startGitHttpServer(options: { root: string; users: Record<string, string> }): Promise<GitHttpServer> {
  const backend = httpBackendPath();
  const requests: ServedRequest[] = [];
  let self: GitHttpServer;
  const server: Server = createServer((req, res) => {
    const record: ServedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', status: 0 };
    requests.push(record);
    const user = userFrom(req, options.users);
    if (!user) {
      record.status = 401;
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' }).end('authentication required\n');
      return;
    }
    record.user = user;
    const url = new URL(req.url ?? '/', 'http://localhost');
    req.pause();
    Promise.resolve(self.onRequest?.({ method: record.method, pathname: url.pathname, query: url.search.replace(/^\?/, '') }))
      .then(() => runBackend(backend, options.root, user, req, res, record))
      .catch((error: unknown) => {
        record.status = 500;
        res.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self = {
    origin,
    repoUrl: (name, credentials) =>
      credentials
        ? `http://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${(server.address() as AddressInfo).port}/${name}`
        : `${origin}/${name}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}
