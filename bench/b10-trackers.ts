import pino from 'pino';
import { addActionItem } from '../src/action-items/action-item-service';
import { createDb } from '../src/db/create-db';
import { migrateToLatest } from '../src/db/migrate';
import { GitHubTracker } from '../src/trackers/github/github-tracker';
import { syncDueIssues } from '../src/trackers/sync-issues';
import type { TrackerDeps, TrackerPort } from '../src/trackers/tracker-deps';
import { TrackerGate } from '../src/trackers/tracker-gate';
import { wantIssueSync } from '../src/trackers/tracker-issues.repository';
import { FakeGitHub } from '../tools/fake-trackers/github';
import { seedIncident } from '../tools/harness/test-db';
import { newTestDatabase } from '../tools/harness/test-database';
import type { BenchResult } from './result';
import { round, timed } from './stats';

const ITEMS = 200;
const REPO = 'acme/ops';
const TOKEN = 'github_pat_bench000000000000000000000';
const T0 = Date.parse('2026-11-22T12:00:00Z');

/** Slack as the sync needs it, answering at once: the bench measures the sync and the tracker's API. */
const quietPort: TrackerPort = {
  emailOf: async (userId) => `${userId.toLowerCase()}@example.com`,
  nameOf: async (userId) => `Person ${userId}`,
  permalink: async (channelId, ts) => `https://acme.slack.com/archives/${channelId}/p${ts.replace('.', '')}`,
  showTrackerChange: async () => undefined,
  showIssue: async () => undefined,
  tellOwner: async () => undefined,
};

/**
 * B10: filing 200 action items as GitHub issues through the outbox (the real adapter against the
 * fake GitHub over HTTP): claim, find the owner's account, create, record. The ceiling is the
 * least the tracker needs for it, measured in the same run: 200 bare `POST /issues` calls to the
 * same fake with the same bodies' size. Also counted: API calls per item, and that each item has
 * exactly one issue.
 */
export async function benchTrackerSync(dialect: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const database = await newTestDatabase(dialect);
  const handle = createDb(database.config);
  const owners = Array.from({ length: 10 }, (_, i) => `U${i}`);
  const github = await FakeGitHub.start({
    now: new Date(T0),
    users: [...owners.map((id) => ({ login: `gh-${id.toLowerCase()}`, email: `${id.toLowerCase()}@example.com` })), { login: 'incident-bot' }],
    repositories: [{ fullName: REPO, collaborators: [...owners.map((id) => `gh-${id.toLowerCase()}`), 'incident-bot'] }],
    tokens: [{ token: TOKEN, login: 'incident-bot', repositories: [REPO] }],
    rateLimits: { core: 100_000, search: 100_000 },
  });
  try {
    await migrateToLatest(handle.db);
    // An incident holds at most 100 items: two incidents' worth.
    const incidents = [await seedIncident(handle), await seedIncident(handle, { id: 'incident-2', channelId: 'C0INC2' })];
    const clock = { now: () => new Date(T0) };
    const tracker = new GitHubTracker({ kind: 'github', token: TOKEN, owner: 'acme', repo: 'ops', apiUrl: github.url, userMap: {} });
    await tracker.check();
    for (let i = 0; i < ITEMS; i += 1) {
      const id = await addActionItem({ db: handle.db, clock }, incidents[i % 2]!, { description: `Follow-up ${i}: add a guard rail`, ownerId: owners[i % owners.length]!, dueDate: '2026-12-20', type: 'prevent', ticketUrl: null }, 'U1', '2026-11-22');
      await wantIssueSync(handle.db, id, 'github', clock.now(), { requestedBy: 'U1' });
    }
    const deps: TrackerDeps = {
      db: handle.db,
      clock,
      logger: pino({ level: 'silent' }),
      tracker,
      createMode: 'always',
      port: quietPort,
      postmortemPlaces: async () => ({ message: null, fileUrl: null }),
      published: { refresh: async () => undefined },
      gate: new TrackerGate(),
    };
    const bareCreates = (count: number) => async () => {
      for (let i = 0; i < count; i += 1) {
        const response = await fetch(`${github.url}/repos/acme/ops/issues`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'bench', 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Bare ${i}`, body: 'x'.repeat(600), labels: ['incident'] }),
        });
        await response.arrayBuffer();
      }
    };
    // Both sides warmed up alike: the HTTP client's connections and the fake's code paths.
    await bareCreates(20)();
    const callsBefore = github.calls.length;
    const filing = await timed(async () => {
      let synced = 0;
      for (let pass = 0; pass < 100 && synced < ITEMS; pass += 1) synced += await syncDueIssues(deps);
      return synced;
    });
    const calls = github.calls.length - callsBefore;
    const issues = github.issues(REPO).filter((issue) => issue.title.startsWith('Follow-up')).length;

    const bare = await timed(bareCreates(ITEMS));
    const ratio = filing.ms / bare.ms;
    const oneEach = filing.value === ITEMS && issues === ITEMS;
    return {
      id: 'B10',
      what: `file ${ITEMS} action items as GitHub issues through the outbox (${dialect})`,
      figures: { total_ms: round(filing.ms), per_item_ms: round(filing.ms / ITEMS, 3), api_calls_per_item: round(calls / ITEMS), issues, bare_creates_ms: round(bare.ms), problems: github.problems.length },
      comparison: { with: `${ITEMS} bare POST /issues calls to the same fake`, ratio: round(ratio), ratioMeaning: 'times the bare create calls' },
      target: '≤ 10× the bare create calls (each item also makes about nine database statements: claim, read, record, link); one issue per item; ≤ 1.2 API calls per item',
      met: ratio <= 10 && oneEach && calls / ITEMS <= 1.2 && github.problems.length === 0,
      summary: `${round(filing.ms)} ms for ${issues} issues (${round(ratio)}× bare creates), ${round(calls / ITEMS)} API calls per item`,
    };
  } finally {
    await github.stop();
    await handle.close();
    await database.remove();
  }
}
