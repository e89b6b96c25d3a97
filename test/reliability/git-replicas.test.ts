import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { addActionItem, actionItemsFor } from '../../src/action-items/action-item-service';
import { type DbHandle, createDb } from '../../src/db/create-db';
import { migrateToLatest } from '../../src/db/migrate';
import { GitArchive } from '../../src/git/git-archive';
import type { PushOutcome } from '../../src/git/git-change';
import { GitRepository } from '../../src/git/git-repository';
import { resolveIncident } from '../../src/incidents/change-incident';
import type { IncidentDeps } from '../../src/incidents/incident-deps';
import { loadIncident } from '../../src/incidents/incident-queries';
import { insertIncident } from '../../src/incidents/incidents.repository';
import { buildDocument } from '../../src/postmortems/build-document';
import { EXPORT_LEASE_MS, pushDueExports, requestExport } from '../../src/postmortems/export-postmortems';
import { EMPTY_CONTENT } from '../../src/postmortems/postmortem';
import type { PostmortemArchive } from '../../src/postmortems/postmortem-archive';
import type { PostmortemDeps } from '../../src/postmortems/postmortem-deps';
import { type PostmortemExportRow, findExport } from '../../src/postmortems/postmortem-exports.repository';
import { archivePathOf, postmortemFileOf } from '../../src/postmortems/postmortem-file';
import type { PostmortemPort, ShownMessage } from '../../src/postmortems/postmortem-port';
import { postmortemFor } from '../../src/postmortems/postmortem-queries';
import { publishPostmortem, refreshPublishedPostmortem } from '../../src/postmortems/publish-postmortem';
import { saveDraft } from '../../src/postmortems/save-draft';
import { postmortemMarkdown } from '../../src/render/postmortem-markdown';
import { TEST_DIALECT, type TestDatabase, newTestDatabase } from '../../tools/harness/test-database';
import { waitFor } from '../../tools/harness/wait-for';
import { fakePostmortemDeps, fakePostmortemPort, quietIncidentPort } from '../../tools/harness/fake-postmortem-ports';

/**
 * Post-mortems to git with more than one process: two replicas sharing one database and one
 * remote repository, and a process killed with SIGKILL after its commit, while its push is in
 * flight. Real `git`, a local bare repository that (like a hosting service) takes fast-forwards only.
 */

const gitAvailable = spawnSync('git', ['--version']).status === 0;
if (!gitAvailable) console.warn('git is not installed: the post-mortems-to-git replica and kill tests are skipped');
const describeWithGit = gitAvailable ? describe : describe.skip;

const ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(ROOT, 'tools', 'harness', 'git-push-child.js');
const AUTHOR = { name: 'Incident Bot', email: 'incident-bot@example.test' };
const DIR = 'incidents';
const INDEX = archivePathOf('incidents/README.md', DIR);
const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const logger = pino({ level: 'silent' });
const everyoneIsAMember = { isMember: async () => true };
const policy = { requiredFor: ['SEV1' as const, 'SEV2' as const], dueHours: 48, channel: undefined };

/** A fixture's own git command, as a teammate with an identity of their own. */
function gitSync(args: string[], cwd: string): string {
  const identity = { GIT_AUTHOR_NAME: 'Teammate', GIT_AUTHOR_EMAIL: 'teammate@example.test', GIT_COMMITTER_NAME: 'Teammate', GIT_COMMITTER_EMAIL: 'teammate@example.test' };
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...identity } });
}

/** An empty bare repository that, as a hosting service does, takes fast-forwards only. */
function createBareRepo(root: string, name: string): string {
  const dir = path.join(root, name);
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  gitSync(['config', 'receive.denyNonFastForwards', 'true'], dir);
  gitSync(['config', 'receive.denyDeletes', 'true'], dir);
  return dir;
}

const bareGit = (bare: string, ...args: string[]) => execFileSync('git', [`--git-dir=${bare}`, ...args], { encoding: 'utf8' });
const workGit = (workDir: string, ...args: string[]) => execFileSync('git', ['-C', workDir, ...args], { encoding: 'utf8' });
const commitsOn = (bare: string) => bareGit(bare, 'rev-list', 'main').trim().split('\n').filter(Boolean);
const fileOn = (bare: string, file: string) => bareGit(bare, 'show', `main:${file}`);

/** The incident side of Slack: nothing to show, so every call just succeeds. */

interface Clock {
  t: number;
}

/** What one process of the bot holds: its database connection, its working copy, its services. */
interface Replica {
  name: string;
  handle: DbHandle;
  repository: GitRepository;
  deps: PostmortemDeps;
  port: ReturnType<typeof fakePostmortemPort> & { archiveFailures: string[] };
  /** Every save this replica's archive answered, in order. */
  saves: Array<{ files: string[]; changed: boolean }>;
}

/** Called at each save, between building the files and running git: the export is held then. */
type DuringSave = (replica: Replica, files: Record<string, string | Uint8Array>) => Promise<void> | void;

function startReplica(name: string, database: TestDatabase, bareUrl: string, workDir: string, clock: Clock, duringSave: { current?: DuringSave }): Replica {
  const handle = createDb(database.config);
  const repository = new GitRepository({ url: bareUrl, author: AUTHOR, workDir }, logger);
  const archive = new GitArchive(repository, bareUrl, 'main');
  const fake = fakePostmortemPort();
  const port = Object.assign(fake, { archiveFailures: fake.told });
  const clockPort = { now: () => new Date(clock.t) };
  const incidents: IncidentDeps = { db: handle.db, clock: clockPort, logger, members: everyoneIsAMember, port: quietIncidentPort, policy };
  const replica: Replica = {
    name,
    handle,
    repository,
    port,
    saves: [],
    deps: fakePostmortemDeps({ db: handle.db, clock: clockPort, logger, members: everyoneIsAMember, port, incidents, policy }),
  };
  const store: PostmortemArchive = {
    async save(change) {
      await duringSave.current?.(replica, change.files);
      const saved = await archive.save(change);
      replica.saves.push({ files: Object.keys(change.files), changed: saved.changed });
      return saved;
    },
    linkTo: (file) => archive.linkTo(file),
  };
  replica.deps.archive = { store, policy: { dir: DIR, includePrivate: false } };
  return replica;
}

interface Seeded {
  id: string;
  title: string;
  /** Where its document is in the repository. */
  file: string;
}

/** An incident that was declared, resolved, and whose post-mortem was written and published. */
async function publishedPostmortem(deps: PostmortemDeps, n: number, slug: string, title: string): Promise<Seeded> {
  const id = `incident-${slug}`;
  const at = new Date(T0 - (4 - n) * 3_600_000).toISOString();
  await insertIncident(deps.db, {
    id,
    request_key: `V-${id}`,
    title,
    severity: 'SEV2',
    status: 'investigating',
    is_private: 0,
    channel_id: `C0${slug.toUpperCase()}`,
    channel_name: `inc-20261201-${slug}`,
    commander_id: 'U1',
    declared_by: 'U1',
    responder_ids: 'U2',
    impact_started_at: at,
    declared_at: at,
    setup_completed_at: at,
    created_at: at,
    updated_at: at,
  });
  await resolveIncident(deps.incidents, id, 'Rolled back the deploy', 'U1');
  const content = {
    ...EMPTY_CONTENT,
    summary: `${title}: a deploy changed a timeout.`,
    causes: { avoid: ['The timeout was not load tested'], detect: ['No alert on the error rate'], fixFaster: [] },
  };
  const saved = await saveDraft(deps, id, content, 'U1', 0);
  if (saved.kind !== 'saved') throw new Error('the draft was not saved');
  const outcome = await publishPostmortem(deps, id, 'U1', { acceptNotes: true, reviewedVersion: saved.postmortem.version });
  expect(outcome.kind).toBe('published');
  return { id, title, file: archivePathOf(postmortemFileOf(await loadIncident(deps.db, id)), DIR) };
}

/** A published post-mortem edited (a new summary): its messages are refreshed and a version asked for. */
async function reviseSummary(deps: PostmortemDeps, id: string, summary: string): Promise<void> {
  const current = await postmortemFor(deps.db, id);
  const saved = await saveDraft(deps, id, { ...current.content, summary }, 'U2', current.version);
  expect(saved.kind).toBe('saved');
  await refreshPublishedPostmortem(deps, id);
}

/** An action item added after publishing: the published post-mortem shows it. */
async function addItem(deps: PostmortemDeps, id: string, description: string): Promise<void> {
  await addActionItem(deps, id, { description, ownerId: 'U2', dueDate: '2026-12-20', type: 'prevent', ticketUrl: null }, 'U1', '2026-12-01');
  await refreshPublishedPostmortem(deps, id);
}

/** The post-mortem's document as the renderer makes it from the database now. */
async function renderedNow(deps: PostmortemDeps, id: string): Promise<string> {
  const incident = await loadIncident(deps.db, id);
  return postmortemMarkdown(await buildDocument(deps, incident, await postmortemFor(deps.db, id), await actionItemsFor(deps.db, id)));
}

async function exportRows(deps: PostmortemDeps): Promise<PostmortemExportRow[]> {
  return deps.db.selectFrom('postmortem_exports').selectAll().orderBy('incident_id').execute();
}

/**
 * Runs the push job on every replica at once, again and again, until every version asked for is
 * pushed and no lease is held. A failed push fails the test at once, with its reason.
 */
async function drain(replicas: Replica[]): Promise<void> {
  for (let run = 1; ; run += 1) {
    await Promise.all(replicas.map((r) => pushDueExports(r.deps)));
    const rows = await exportRows(replicas[0]!.deps);
    const failed = rows.find((r) => r.last_error !== null);
    if (failed) throw new Error(`pushing the export of ${failed.incident_id} failed: ${failed.last_error}`);
    if (rows.every((r) => r.pushed_version === r.wanted_version && r.lease_until === null)) return;
    if (run === 50) throw new Error(`the exports never settled: ${JSON.stringify(rows)}`);
  }
}

/** A seed commit of the team's own, so the bot's commits go on top of an existing branch. */
function teammateCommit(root: string, bareUrl: string): string {
  const dir = fs.mkdtempSync(path.join(root, 'teammate-'));
  gitSync(['init', '--quiet', '--initial-branch=main'], dir);
  fs.writeFileSync(path.join(dir, 'README.md'), '# Team handbook\n');
  gitSync(['add', '--all'], dir);
  gitSync(['commit', '--quiet', '-m', 'Start the handbook'], dir);
  gitSync(['push', '--quiet', bareUrl, 'HEAD:refs/heads/main'], dir);
  return gitSync(['rev-parse', 'HEAD'], dir).trim();
}

describeWithGit('post-mortems to git from two replicas', () => {
  let root: string;
  let database: TestDatabase;
  let replicas: Replica[] = [];

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'git-replicas-'));
    database = await newTestDatabase();
    const migrator = createDb(database.config);
    await migrateToLatest(migrator.db);
    await migrator.close();
  });
  afterEach(async () => {
    for (const replica of replicas) await replica.handle.close();
    replicas = [];
    await database.remove();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it(`on one ${TEST_DIALECT === 'postgres' ? 'PostgreSQL database' : 'SQLite file'}: every version lands, one commit per distinct content, a linear history`, async () => {
    const bare = createBareRepo(root, 'postmortems.git');
    const url = `file://${bare}`;
    const clock = { t: T0 };
    const duringSave: { current?: DuringSave } = {};
    const a = startReplica('a', database, url, path.join(root, 'work-a'), clock, duringSave);
    const b = startReplica('b', database, url, path.join(root, 'work-b'), clock, duringSave);
    replicas = [a, b];
    // Start-up checks both, at once, against the empty repository.
    await Promise.all([a.repository.check(), b.repository.check()]);

    const pms = [
      await publishedPostmortem(a.deps, 1, 'payments', 'Payments failing'),
      await publishedPostmortem(b.deps, 2, 'search', 'Search slow'),
      await publishedPostmortem(a.deps, 3, 'login', 'Login errors'),
    ];
    const [payments, search, login] = pms as [Seeded, Seeded, Seeded];
    /** Distinct documents each post-mortem has had: each must be exactly one commit. */
    const contents = new Map(pms.map((pm) => [pm.id, 1]));
    const bump = (pm: Seeded) => contents.set(pm.id, (contents.get(pm.id) ?? 0) + 1);
    const requestAll = async (deps: PostmortemDeps) => {
      for (const pm of pms) await requestExport(deps, { id: pm.id, isPrivate: false }, null);
    };

    /**
     * A round: the data changes first (or not), versions are asked for, then both replicas push
     * at once. While each of the first `requestsDuringSaves` saves runs, the other replica asks
     * for a new version of the post-mortem being saved: a version that arrives while its export
     * is held. `changeDuringSave` edits a post-mortem while its own save runs: after its document
     * was built, before git ran.
     */
    async function round(options: {
      changes?: Array<() => Promise<unknown>>;
      requestsBefore: number;
      requestsDuringSaves: number;
      changeDuringSave?: { pm: Seeded; change: (deps: PostmortemDeps) => Promise<void> };
    }) {
      clock.t += 60_000;
      for (const change of options.changes ?? []) await change();
      for (let i = 0; i < options.requestsBefore; i += 1) await requestAll(i % 2 ? b.deps : a.deps);
      let requestsLeft = options.requestsDuringSaves;
      let pendingChange = options.changeDuringSave;
      duringSave.current = async (replica, files) => {
        const saving = pms.find((pm) => pm.file in files) as Seeded;
        const other = replica === a ? b : a;
        if (pendingChange?.pm === saving) {
          const { change } = pendingChange;
          pendingChange = undefined;
          await change(other.deps);
          bump(saving);
        }
        if (requestsLeft > 0) {
          requestsLeft -= 1;
          await requestExport(other.deps, { id: saving.id, isPrivate: false }, null);
        }
      };
      await drain(replicas);
      duringSave.current = undefined;
      expect(pendingChange).toBeUndefined();
    }

    // The first versions, with more asked for while they are pushed: those find nothing to commit.
    await round({ requestsBefore: 2, requestsDuringSaves: 2 });
    // Two post-mortems change; one of them again while its new version is being saved.
    await round({
      changes: [
        () => reviseSummary(a.deps, payments.id, 'A deploy lowered the card processor timeout to 2 s.').then(() => bump(payments)),
        () => addItem(b.deps, search.id, 'Load test search with production traffic').then(() => bump(search)),
      ],
      requestsBefore: 2,
      requestsDuringSaves: 1,
      changeDuringSave: { pm: payments, change: (deps) => addItem(deps, payments.id, 'Alert on card processor timeouts') },
    });
    // One changes only while its (unchanged) version is being saved.
    await round({
      requestsBefore: 1,
      requestsDuringSaves: 1,
      changeDuringSave: { pm: login, change: (deps) => reviseSummary(deps, login.id, 'An expired signing key rejected every session.') },
    });

    // Every version asked for is recorded as pushed, and nobody holds an export.
    const rows = await exportRows(a.deps);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ lease_until: null, attempts: 0, last_error: null, retry_at: null });
      expect(row.pushed_version).toBe(row.wanted_version);
      // The commit it recorded is on the branch.
      expect(() => bareGit(bare, 'merge-base', '--is-ancestor', row.pushed_commit as string, 'main')).not.toThrow();
    }
    expect([...a.port.archiveFailures, ...b.port.archiveFailures]).toEqual([]);

    // Each document on the branch is what the renderer makes of the database now.
    for (const pm of pms) expect(fileOn(bare, pm.file)).toBe(await renderedNow(a.deps, pm.id));
    const index = fileOn(bare, INDEX);
    for (const pm of pms) expect(index).toContain(`[${pm.title}](${archivePathOf(pm.file, '')})`);

    // One commit per distinct document, each changing one post-mortem (and the index, and the phase
    // chart beside it, with each post-mortem's first); no merge, no commit with two parents, nothing else.
    const history = commitsOn(bare);
    const expectedCommits = [...contents.values()].reduce((sum, n) => sum + n, 0);
    expect(bareGit(bare, 'rev-list', '--merges', 'main').trim()).toBe('');
    expect(bareGit(bare, 'rev-list', '--min-parents=2', 'main').trim()).toBe('');
    const touched = history.map((commit) =>
      bareGit(bare, 'diff-tree', '--root', '--no-commit-id', '--name-only', '-r', commit).trim().split('\n').filter((f) => f !== INDEX && !f.endsWith('/phase-chart.png')),
    );
    for (const files of touched) expect(files).toHaveLength(1);
    for (const pm of pms) expect(touched.filter(([file]) => file === pm.file)).toHaveLength(contents.get(pm.id) as number);
    expect(history).toHaveLength(expectedCommits);
    const subjects = bareGit(bare, 'log', '--format=%s', 'main').trim().split('\n');
    expect(subjects.filter((s) => s.startsWith('docs(incidents): add post-mortem for'))).toHaveLength(3);

    const versions = rows.reduce((sum, r) => sum + r.wanted_version, 0);
    const saves = [...a.saves, ...b.saves];
    console.log(
      `two replicas: ${versions} versions requested for 3 post-mortems, ${saves.length} saves (a ${a.saves.length}, b ${b.saves.length}), ` +
        `${history.length} commits made for ${expectedCommits} distinct documents, ${saves.filter((s) => !s.changed).length} saves found them already there`,
    );
    // Dozens of saves, each drawing the phase chart as well as running git: more than the default time on a busy machine.
  }, 45_000);

  it('keeps a post-mortem published while the other replica pushes in the index', async () => {
    const bare = createBareRepo(root, 'postmortems.git');
    const url = `file://${bare}`;
    const clock = { t: T0 };
    const duringSave: { current?: DuringSave } = {};
    const a = startReplica('a', database, url, path.join(root, 'work-a'), clock, duringSave);
    const b = startReplica('b', database, url, path.join(root, 'work-b'), clock, duringSave);
    replicas = [a, b];
    const payments = await publishedPostmortem(a.deps, 1, 'payments', 'Payments failing');

    // Replica a has built the payments commit (its index lists one post-mortem) when two more are
    // published, and replica b pushes them, before a's git commands run.
    let others: Seeded[] = [];
    duringSave.current = async (replica) => {
      if (replica !== a || others.length) return;
      others = [await publishedPostmortem(b.deps, 2, 'search', 'Search slow'), await publishedPostmortem(b.deps, 3, 'login', 'Login errors')];
      expect(await pushDueExports(b.deps)).toBe(2);
      const index = fileOn(bare, INDEX);
      for (const pm of others) expect(index).toContain(`[${pm.title}]`);
    };
    await pushDueExports(a.deps);
    duringSave.current = undefined;
    await drain(replicas);
    expect(others).toHaveLength(2);

    const rows = await exportRows(a.deps);
    for (const row of rows) expect(row.pushed_version).toBe(row.wanted_version);
    // Every export is recorded as pushed, so nothing will write the index again: it must be right now.
    const index = fileOn(bare, INDEX);
    for (const pm of [payments, ...others]) expect(index).toContain(`[${pm.title}](${archivePathOf(pm.file, '')})`);
  });
});

/** The pre-receive hook: says which process runs it, then holds the push until `release` exists. */
function holdPushes(bare: string, gate: string): { marker: string; release: string } {
  const marker = path.join(gate, 'pushing');
  const release = path.join(gate, 'release');
  const hook = `#!/bin/sh\necho $$ > '${marker}.tmp' && mv '${marker}.tmp' '${marker}'\nwhile [ ! -f '${release}' ]; do sleep 0.02; done\n`;
  fs.writeFileSync(path.join(bare, 'hooks', 'pre-receive'), hook, { mode: 0o755 });
  return { marker, release };
}

/** The process group of a process (the orphaned `git push` leads the group its hook runs in). */
function processGroupOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    const ps = spawnSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? Number(ps.stdout.trim()) : undefined;
  }
}

/** Whether any process of the group still runs (a zombie waiting for its parent does not count). */
function groupRuns(pgid: number): boolean {
  if (!fs.existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') return true;
  }
  return false;
}

describeWithGit('a process killed with SIGKILL between its commit and its push', () => {
  let root: string;
  let bare: string;
  let url: string;
  let workDir: string;
  let gate: { marker: string; release: string } | undefined;
  let child: ChildProcess | undefined;
  let orphanGroup: number | undefined;
  let database: TestDatabase | undefined;
  let handle: DbHandle | undefined;

  beforeEach(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'git', 'git-repository.js'))) {
      throw new Error('dist/ is missing: build first (node tools/build.js)');
    }
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'git-kill-'));
    bare = createBareRepo(root, 'postmortems.git');
    url = `file://${bare}`;
    workDir = path.join(root, 'work');
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
    if (gate) fs.writeFileSync(gate.release, '');
    gate = undefined;
    if (orphanGroup !== undefined && groupRuns(orphanGroup)) {
      await waitFor(() => !groupRuns(orphanGroup as number), { timeoutMs: 2000 }).catch(() => process.kill(-(orphanGroup as number), 'SIGKILL'));
    }
    orphanGroup = undefined;
    await handle?.close();
    handle = undefined;
    await database?.remove();
    database = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** The hook holding pushes, installed by the test. */
  function held(): { marker: string; release: string } {
    if (!gate) throw new Error('no hook holds pushes');
    return gate;
  }

  /**
   * Starts the child on `job` and resolves once its push is held by the hook: the commit is made
   * in the working copy, the remote has not taken it. Then kills the child with SIGKILL.
   */
  async function killMidPush(job: Record<string, unknown>): Promise<{ orphanCommit: string }> {
    let stderr = '';
    const started = spawn(process.execPath, [CHILD, JSON.stringify({ url, workDir, author: AUTHOR, ...job })], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    started.stdout!.resume();
    const exited = new Promise<never>((_resolve, reject) =>
      started.once('exit', (code, signal) => reject(new Error(`the child ended before its push reached the remote (${code ?? signal}): ${stderr}`))),
    );
    exited.catch(() => undefined);
    const hookPid = Number(await Promise.race([waitFor(() => fs.existsSync(held().marker) && fs.readFileSync(held().marker, 'utf8').trim(), { timeoutMs: 10_000 }), exited]));
    orphanGroup = processGroupOf(hookPid);

    // Exactly between commit and push: the working copy has the commit, the remote does not.
    const orphanCommit = workGit(workDir, 'rev-parse', 'HEAD').trim();
    expect(commitsOn(bare)).not.toContain(orphanCommit);

    const gone = new Promise((resolve) => started.once('exit', resolve));
    started.kill('SIGKILL');
    await gone;
    // The hook goes; the push it holds (a process of its own, now without a parent) still waits.
    fs.rmSync(path.join(bare, 'hooks', 'pre-receive'));
    return { orphanCommit };
  }

  /** Lets the orphaned push go on (the hook accepts it) and waits until it has ended. */
  async function releaseOrphan(): Promise<void> {
    fs.writeFileSync(held().release, '');
    if (orphanGroup !== undefined) await waitFor(() => !groupRuns(orphanGroup as number), { timeoutMs: 10_000 });
  }

  function expectSaneWorkingCopy(files: Record<string, string>): void {
    expect(fs.existsSync(path.join(workDir, '.git', 'index.lock'))).toBe(false);
    expect(workGit(workDir, 'status', '--porcelain').trim()).toBe('');
    expect(workGit(workDir, 'rev-parse', 'HEAD').trim()).toBe(bareGit(bare, 'rev-parse', 'main').trim());
    for (const [file, content] of Object.entries(files)) expect(fs.readFileSync(path.join(workDir, file), 'utf8')).toBe(content);
  }

  it('commitAndPush again on the same working copy: one commit with the files, never two, even when the orphaned push goes on', async () => {
    const seed = teammateCommit(root, url);
    gate = holdPushes(bare, fs.mkdtempSync(path.join(root, 'gate-')));
    const change = {
      files: { 'incidents/2026/12/20261201-payments/README.md': '# Payments failing\n', 'incidents/README.md': '# Post-mortems\n' },
      message: 'docs(incidents): add post-mortem for 20261201-payments',
    };
    await killMidPush({ mode: 'commit', ...change });

    const repository = new GitRepository({ url, author: AUTHOR, workDir }, logger);
    const outcome: PushOutcome = await repository.commitAndPush(change);
    expect(outcome.kind).toBe('pushed');
    const head = bareGit(bare, 'rev-parse', 'main').trim();
    expect(outcome.commit).toBe(head);
    expect(commitsOn(bare)).toEqual([head, seed]);
    expectSaneWorkingCopy(change.files);

    // The orphaned push reaches the remote late: the branch moved, so it is refused.
    await releaseOrphan();
    expect(commitsOn(bare)).toEqual([head, seed]);
    for (const [file, content] of Object.entries(change.files)) expect(fileOn(bare, file)).toBe(content);
    expect(fileOn(bare, 'README.md')).toBe('# Team handbook\n');

    // Asked once more (its answer lost, say): nothing to commit.
    expect(await repository.commitAndPush(change)).toEqual({ kind: 'unchanged', commit: head });
    expect(commitsOn(bare)).toEqual([head, seed]);
    expectSaneWorkingCopy(change.files);
  });

  it.each([
    ['refused: the retry pushes first', false],
    ['landing before the retry', true],
  ])('pushDueExports after the kill records the version pushed exactly once, the orphaned push %s', async (_name, orphanLandsFirst) => {
    const seed = teammateCommit(root, url);
    database = await newTestDatabase();
    handle = createDb(database.config);
    await migrateToLatest(handle.db);
    const clock = { t: T0 };
    const clockPort = { now: () => new Date(clock.t) };
    const fake = fakePostmortemPort();
    const port = Object.assign(fake, { archiveFailures: fake.told });
    const incidents: IncidentDeps = { db: handle.db, clock: clockPort, logger, members: everyoneIsAMember, port: quietIncidentPort, policy };
    const repository = new GitRepository({ url, author: AUTHOR, workDir }, logger);
    const deps: PostmortemDeps = fakePostmortemDeps({
      db: handle.db,
      clock: clockPort,
      logger,
      members: everyoneIsAMember,
      port,
      incidents,
      policy,
      archive: { store: new GitArchive(repository, url, 'main'), policy: { dir: DIR, includePrivate: false } },
    });
    const pm = await publishedPostmortem(deps, 1, 'payments', 'Payments failing');
    expect(await findExport(handle.db, pm.id)).toMatchObject({ wanted_version: 1, pushed_version: 0 });

    gate = holdPushes(bare, fs.mkdtempSync(path.join(root, 'gate-')));
    const { orphanCommit } = await killMidPush({ mode: 'export', database: database.config, dir: DIR, now: clock.t });
    // The dead process holds the export's lease.
    const held = await findExport(handle.db, pm.id);
    expect(held).toMatchObject({ wanted_version: 1, pushed_version: 0 });
    expect(held?.lease_until).not.toBeNull();
    expect(await pushDueExports(deps)).toBe(0);

    if (orphanLandsFirst) {
      await releaseOrphan();
      expect(commitsOn(bare)).toEqual([orphanCommit, seed]);
    }
    // Once the lease has run out, the restarted process takes the export over.
    clock.t += EXPORT_LEASE_MS + 1000;
    const pushed = await pushDueExports(deps);
    if (!orphanLandsFirst) await releaseOrphan();

    const head = bareGit(bare, 'rev-parse', 'main').trim();
    const row = await findExport(handle.db, pm.id);
    expect(row).toMatchObject({ last_error: null, attempts: 0, wanted_version: 1, pushed_version: 1, pushed_commit: head, lease_until: null });
    expect(pushed).toBe(1);
    expect(commitsOn(bare)).toEqual([head, seed]);
    if (orphanLandsFirst) expect(head).toBe(orphanCommit);
    expect(port.archiveFailures).toEqual([]);
    expect(fileOn(bare, pm.file)).toBe(await renderedNow(deps, pm.id));
    expect(fileOn(bare, INDEX)).toContain(`[${pm.title}](${archivePathOf(pm.file, '')})`);
    expect(bareGit(bare, 'log', '--format=%s', 'main').trim().split('\n')).toEqual(['docs(incidents): add post-mortem for 20261201-payments', 'Start the handbook']);

    // Nothing more to do, and nothing more committed.
    expect(await pushDueExports(deps)).toBe(0);
    expect(commitsOn(bare)).toEqual([head, seed]);
    expectSaneWorkingCopy({ [pm.file]: fileOn(bare, pm.file) });
  });
});
