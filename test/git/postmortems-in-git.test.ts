import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { createBareRepo, GIT_ABSENT, gitVersion } from '../../tools/harness/git-server';
import { declareThroughSlack } from '../../tools/harness/incident-steps';
import { PUBLISHABLE_CONTENT, publishThroughSlack } from '../../tools/harness/postmortem-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';
import { decodePng } from '../charts/read-chart';

const gitAvailable = Boolean(gitVersion());
if (!gitAvailable) console.warn(`test/git/postmortems-in-git.test.ts skipped: ${GIT_ABSENT}`);
const describeWithGit = gitAvailable ? describe : describe.skip;

const git = (gitDir: string, ...args: string[]) => execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8' });

describeWithGit('post-mortems in the team’s git repository', () => {
  let root: string;
  let bare: string;
  let t: TestBot;
  let alice: string;
  let bob: string;
  let ops: string;
  let offsetMs = 0;

  const exportRow = (incidentId: string) => t.bot.database.db.selectFrom('postmortem_exports').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  /** Every version asked for is in the repository (or failed and waits for its retry). */
  const exportsSettled = (incidentId: string) =>
    waitFor(async () => {
      const row = await exportRow(incidentId);
      return row && (row.pushed_version >= row.wanted_version || row.retry_at !== null) && row.lease_until === null ? row : undefined;
    });
  const subjects = () => git(bare, 'log', '--format=%s', 'main').trim().split('\n');

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-git-'));
    bare = createBareRepo(root, 'postmortems.git');
    t = await startTestBot({
      env: {
        POSTMORTEMS_CHANNEL: 'C0POSTMORTEMS',
        POSTMORTEMS_GIT_URL: `file://${bare}`,
        POSTMORTEMS_GIT_WORKDIR: path.join(root, 'work'),
        POSTMORTEMS_GIT_AUTHOR: 'Incident Bot <bot@example.com>',
      },
      clock: { now: () => new Date(Date.now() + offsetMs) },
      jobs: { pushPostmortemsEveryMs: 50 },
    });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
    bob = t.slack.addUser({ name: 'bob', realName: 'Bob Builder' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;
    t.slack.addChannel({ id: 'C0POSTMORTEMS', name: 'postmortems', members: [t.slack.bot.userId] });
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function resolvedIncident(title: string, options: { private?: boolean } = {}) {
    const declared = await declareThroughSlack(t, alice, ops, { title, severity: 'SEV2', responders: [bob], private: options.private });
    await t.driver.command({ user: alice, channel: declared.channel.id, text: 'resolve Rolled back' });
    await requestsFinished(t);
    return declared;
  }

  it('commits the published post-mortem and the index, with a Conventional Commit message', async () => {
    const { row, channel } = await resolvedIncident('Payments failing');
    await publishThroughSlack(t, alice, channel.id);
    const exported = await exportsSettled(row.id);
    expect(exported.pushed_version).toBe(1);

    const slug = (row.channel_name as string).replace(/^inc-/, '');
    expect(subjects()).toEqual([`docs(incidents): add post-mortem for ${slug}`]);
    expect(git(bare, 'log', '-1', '--format=%an <%ae>', 'main').trim()).toBe('Incident Bot <bot@example.com>');
    const files = git(bare, 'ls-tree', '-r', '--name-only', 'main').trim().split('\n');
    const file = files.find((f) => f.endsWith(`/${slug}/README.md`)) as string;
    expect(file).toMatch(/^incidents\/\d{4}\/\d{2}\/.+\/README\.md$/);
    expect(files).toContain('incidents/README.md');
    const document = git(bare, 'show', `main:${file}`);
    expect(document).toContain('Payments failing');
    expect(document).toContain('No alert on payment error rate');
    // The same document the bot attached in Slack.
    expect(document).toBe(String(t.slack.files().filter((f) => f.name === 'README.md').at(-1)?.text));
    // Its phase chart beside it, the image the document shows: the same PNG as in Slack, whole.
    const chartFile = file.replace(/README\.md$/, 'phase-chart.png');
    expect(files).toContain(chartFile);
    expect(document).toContain('![Phase chart](phase-chart.png)');
    const chart = execFileSync('git', [`--git-dir=${bare}`, 'show', `main:${chartFile}`]);
    expect(decodePng(chart)).toMatchObject({ width: 1200, chunks: expect.arrayContaining(['IHDR', 'IDAT', 'IEND']) });
    expect(chart.equals(t.slack.files().filter((f) => f.name === 'phase-chart.png').at(-1)!.content)).toBe(true);
    const index = git(bare, 'show', 'main:incidents/README.md');
    expect(index).toContain(`[Payments failing](${file.replace(/^incidents\//, '')})`);
    expect(index).toContain('| SEV2 |');
    expect(exported.pushed_commit).toBe(git(bare, 'rev-parse', 'main').trim());

    // The card points at the file: a file:// remote has no web view, so its path.
    const card = await waitFor(() => {
      const pinned = t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts);
      return visibleText(pinned).includes('*Post-mortem:*') ? pinned : undefined;
    });
    expect(visibleText(card)).toContain(`*Post-mortem:* \`${file}\``);
    // So do the published messages.
    const published = t.slack.botMessages(channel.id).find((m) => m.text.startsWith('Post-mortem:'));
    expect(visibleText(published)).toContain(`In the repository: \`${file}\``);
  });

  it('commits a new version when the post-mortem changes after publishing, and nothing when it does not', async () => {
    const { row, channel } = await resolvedIncident('Search slow');
    // Unlike the other incidents here, so that no related incident is suggested between the two publishes.
    const content = { ...PUBLISHABLE_CONTENT, pm_summary: 'Search answers took seconds.', pm_tags: 'search' };
    await publishThroughSlack(t, alice, channel.id, content);
    await exportsSettled(row.id);
    const before = subjects().length;

    // Publishing again without a change asks for a version, which is already there: no commit.
    await publishThroughSlack(t, alice, channel.id, content);
    const again = await exportsSettled(row.id);
    expect(again.pushed_version).toBe(2);
    expect(subjects()).toHaveLength(before);

    await publishThroughSlack(t, alice, channel.id, { pm_summary: 'An index rebuild starved the search cluster.', pm_cause_avoid: 'No load test', pm_cause_detect: 'No latency alert' });
    await exportsSettled(row.id);
    const slug = (row.channel_name as string).replace(/^inc-/, '');
    expect(subjects()[0]).toBe(`docs(incidents): update post-mortem for ${slug}`);
    const file = git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n').find((f) => f.endsWith(`/${slug}/README.md`)) as string;
    expect(git(bare, 'show', `main:${file}`)).toContain('An index rebuild starved the search cluster.');
  });

  it('never writes a private incident’s post-mortem', async () => {
    const { row, channel } = await resolvedIncident('Leaked key', { private: true });
    await publishThroughSlack(t, alice, channel.id);
    await requestsFinished(t);
    expect(await exportRow(row.id)).toBeUndefined();
    expect(git(bare, 'show', 'main:incidents/README.md')).not.toContain('Leaked key');
  });

  it('tells the publisher once when pushing fails, retries with back-off, and recovers', async () => {
    const hook = path.join(bare, 'hooks', 'pre-receive');
    fs.writeFileSync(hook, '#!/bin/sh\necho "pushes are frozen" >&2\nexit 1\n', { mode: 0o755 });
    const { row, channel } = await resolvedIncident('Queue backlog');
    await publishThroughSlack(t, alice, channel.id);
    const failed = await exportsSettled(row.id);
    expect(failed.pushed_version).toBe(0);
    expect(failed.last_error).toBeTruthy();
    const dm = await waitFor(() => t.slack.dm(alice).find((m) => visibleText(m).includes('writing it to git failed')));
    expect(visibleText(dm)).toContain('Queue backlog');

    // Still failing at the next try: the publisher is not told again.
    offsetMs += 2 * 60_000;
    await jobRan(t, 'push-postmortems');
    await exportsSettled(row.id);
    expect(t.slack.dm(alice).filter((m) => visibleText(m).includes('writing it to git failed'))).toHaveLength(1);
    expect((await exportRow(row.id))?.attempts).toBe(2);

    fs.rmSync(hook);
    offsetMs += 10 * 60_000;
    await jobRan(t, 'push-postmortems');
    const recovered = await exportsSettled(row.id);
    expect(recovered.pushed_version).toBe(1);
    expect(recovered.last_error).toBeNull();
    expect(subjects()[0]).toContain('add post-mortem for');
  });
});

describeWithGit('a git repository the bot cannot use', () => {
  it('stops start-up with one line saying why', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-git-bad-'));
    try {
      await expect(
        startTestBot({ env: { POSTMORTEMS_GIT_URL: `file://${path.join(root, 'missing.git')}`, POSTMORTEMS_GIT_WORKDIR: path.join(root, 'work') } }),
      ).rejects.toMatchObject({ step: 'postmortems_git' });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
