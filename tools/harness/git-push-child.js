// A process of its own that starts one push to git, for tests that kill it with SIGKILL mid-way
// (test/reliability/git-replicas.test.ts). It runs the built code (dist/, as `npm start` does).
// The job is one JSON argument:
//   { mode: 'commit', url, workDir, author, files, message }
//     GitRepository.commitAndPush on the working copy; prints the outcome as JSON.
//   { mode: 'export', url, workDir, author, dir, database, now }
//     pushDueExports against the database (a DatabaseConfig), its clock stopped at `now`;
//     prints { pushed } as JSON.
const path = require('node:path');
const pino = require('pino');

const dist = path.join(__dirname, '..', '..', 'dist', 'src');
const { GitRepository } = require(path.join(dist, 'git', 'git-repository'));
const { GitArchive } = require(path.join(dist, 'git', 'git-archive'));

async function run(job) {
  const logger = pino({ enabled: false });
  const repository = new GitRepository({ url: job.url, author: job.author, workDir: job.workDir }, logger);
  if (job.mode === 'commit') return repository.commitAndPush({ files: job.files, message: job.message });
  if (job.mode !== 'export') throw new Error(`unknown mode ${job.mode}`);

  const { createDb } = require(path.join(dist, 'db', 'create-db'));
  const { pushDueExports } = require(path.join(dist, 'postmortems', 'export-postmortems'));
  const handle = createDb(job.database);
  const clock = { now: () => new Date(job.now) };
  const members = { isMember: async () => true };
  const unused = () => {
    throw new Error('not used by pushing exports');
  };
  const port = {
    displayNames: async () => new Map(),
    tellArchiveFailure: async () => undefined,
    showPostmortem: unused,
    shareFile: unused,
    remindCommander: unused,
    nudgeChannel: unused,
  };
  const policy = { requiredFor: [], dueHours: 48, channel: undefined };
  const deps = {
    db: handle.db,
    clock,
    logger,
    members,
    port,
    incidents: { db: handle.db, clock, logger, members, port: {}, policy },
    policy,
    archive: { store: new GitArchive(repository, job.url, 'main'), policy: { dir: job.dir, includePrivate: false } },
  };
  try {
    return { pushed: await pushDueExports(deps) };
  } finally {
    await handle.close();
  }
}

run(JSON.parse(process.argv[2] ?? '{}')).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
