import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requestsFinished } from '../../tools/harness/completion';
import { createBareRepo, GIT_ABSENT, type GitHttpServer, gitVersion, startGitHttpServer } from '../../tools/harness/git-server';
import { declareThroughSlack } from '../../tools/harness/incident-steps';
import { publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { waitFor } from '../../tools/harness/wait-for';

const TOKEN = 'ghp_postmortemsTokenThatMustNeverLeak0123';
const version = gitVersion();
if (!version) console.warn(`test/git/postmortems-over-http.test.ts skipped: ${GIT_ABSENT}`);
const describeWithGit = version ? describe : describe.skip;

/** Every form the token could take in a log line or a file. */
const leaks = (text: string) => [TOKEN, encodeURIComponent(TOKEN), Buffer.from(`x-access-token:${TOKEN}`).toString('base64')].filter((form) => text.includes(form));

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

describeWithGit('the running bot pushing over smart HTTP with a token', () => {
  let root: string;
  let server: GitHttpServer;
  let t: TestBot;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-http-'));
    createBareRepo(root, 'postmortems.git');
    server = await startGitHttpServer({ root, users: { 'x-access-token': TOKEN } });
    t = await startTestBot({
      env: {
        POSTMORTEMS_GIT_URL: server.repoUrl('postmortems.git', { user: 'x-access-token', password: TOKEN }),
        POSTMORTEMS_GIT_WORKDIR: path.join(root, 'work'),
      },
    });
  });
  afterAll(async () => {
    await t.stop();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes through the authenticated remote, and the token is in no log line, error, commit or file of the working copy', async () => {
    const alice = t.slack.addUser({ name: 'alice' }).id;
    const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
    const { row, channel } = await declareThroughSlack(t, alice, ops, { title: 'Login failing', severity: 'SEV2' });
    await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Restarted the auth service' });
    await requestsFinished(t);
    await publishThroughSlack(t, alice, channel.id);
    const exported = await waitFor(async () => {
      const found = await t.bot.database.db.selectFrom('postmortem_exports').selectAll().where('incident_id', '=', row.id).executeTakeFirst();
      return found && found.pushed_version === found.wanted_version && found.lease_until === null ? found : undefined;
    });
    const bare = path.join(root, 'postmortems.git');
    expect(exported.pushed_commit).toBe(execFileSync('git', [`--git-dir=${bare}`, 'rev-parse', 'main'], { encoding: 'utf8' }).trim());
    // The server saw authenticated pushes, and nothing without the token got through.
    expect(server.requests.some((r) => r.url.includes('git-receive-pack') && r.user === 'x-access-token' && r.status === 200)).toBe(true);

    expect(leaks(JSON.stringify(t.logs))).toEqual([]);
    expect(leaks(execFileSync('git', [`--git-dir=${bare}`, 'log', '--format=%B%n%an%n%ae', 'main'], { encoding: 'utf8' }))).toEqual([]);
    for (const file of filesUnder(path.join(root, 'work'))) expect({ file, leaks: leaks(fs.readFileSync(file, 'latin1')) }).toEqual({ file, leaks: [] });
  });
});

describeWithGit('a bot given a wrong token', () => {
  it('stops start-up with one line that names the problem and not the token', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-http-bad-'));
    createBareRepo(root, 'postmortems.git');
    const server = await startGitHttpServer({ root, users: { 'x-access-token': TOKEN } });
    try {
      const started = startTestBot({
        env: {
          POSTMORTEMS_GIT_URL: server.repoUrl('postmortems.git', { user: 'x-access-token', password: 'wrong-token-0123456789' }),
          POSTMORTEMS_GIT_WORKDIR: path.join(root, 'work'),
        },
      });
      const failure = await started.then(
        () => undefined,
        (error: { step?: string; cause?: Error }) => error,
      );
      expect(failure?.step).toBe('postmortems_git');
      expect(failure?.cause?.message).toMatch(/refused the credentials/);
      expect(failure?.cause?.message).not.toContain('wrong-token');
    } finally {
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
