import pino from 'pino';
import { sql } from 'kysely';
import { ACCOUNT_QUESTIONS, ANSWER_MAX } from '../src/accounts/account';
import type { AccountDeps } from '../src/accounts/account-deps';
import { askForAccounts } from '../src/accounts/ask-for-accounts';
import { requestAccounts } from '../src/accounts/request-accounts';
import { createDb } from '../src/db/create-db';
import { migrateToLatest } from '../src/db/migrate';
import { postmortemMessages } from '../src/render/postmortem-blocks';
import { postmortemMarkdown } from '../src/render/postmortem-markdown';
import { insertMessageEntry } from '../src/timeline/timeline.repository';
import { MESSAGE_BLOCKS_TEXT_LIMIT, blocksTextLength, checkBlocks } from '../tools/fake-slack';
import { FakeAccountPort } from '../tools/harness/fake-postmortem-ports';
import { doc, entries, item, perspective } from '../tools/harness/postmortem-fixture';
import { seedIncident } from '../tools/harness/test-db';
import { newTestDatabase } from '../tools/harness/test-database';
import type { BenchResult } from './result';
import { alternate, median, round, timed } from './stats';

const PARTICIPANTS = 300;
const ACCOUNTS = 30;
const RUNS = 20;
const T0 = Date.parse('2026-11-22T12:00:00Z');

/**
 * B9a: asking the 300 participants of one incident for their accounts: gathering them from the
 * timeline, storing the requests, then one pass claiming, "sending" (a fake that answers at once)
 * and recording each. The ceiling is the least the database must do for it, measured in the same
 * run: one insert and two updates per person as bare statements.
 */
export async function benchAskingForAccounts(dialect: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const database = await newTestDatabase(dialect);
  const handle = createDb(database.config);
  try {
    await migrateToLatest(handle.db);
    const incidentId = await seedIncident(handle);
    for (let i = 0; i < PARTICIPANTS; i += 1) {
      await insertMessageEntry(
        handle.db,
        { incidentId, occurredAt: new Date(T0 + i), actorId: `U${i}`, authorId: `U${i}`, text: 'x', sourceChannelId: 'C0INC', sourceTs: `${i}.1`, permalink: null, filesNote: null, capturedVia: 'reaction' },
        new Date(T0),
      );
    }
    const port = new FakeAccountPort();
    const deps: AccountDeps = {
      db: handle.db,
      clock: { now: () => new Date(T0) },
      logger: pino({ level: 'silent' }),
      members: { isMember: async () => true },
      port,
      policy: { requiredFor: [] },
      defaultTimeZone: 'UTC',
    };
    const asking = await timed(async () => {
      await requestAccounts(deps, incidentId, 'U1');
      return askForAccounts(deps);
    });
    // The incident's commander (U1) posted too: the participants are U0…U299, each asked once.
    if (asking.value.asked !== PARTICIPANTS) throw new Error(`asked ${asking.value.asked} of ${PARTICIPANTS}`);

    await sql`create table bare_accounts (id varchar(64) primary key, state varchar(16), lease varchar(32))`.execute(handle.db);
    const bare = await timed(async () => {
      for (let i = 0; i < PARTICIPANTS; i += 1) {
        await sql`insert into bare_accounts (id, state) values (${`U${i}`}, 'to_ask')`.execute(handle.db);
        await sql`update bare_accounts set lease = 'x' where id = ${`U${i}`}`.execute(handle.db);
        await sql`update bare_accounts set state = 'asked', lease = null where id = ${`U${i}`}`.execute(handle.db);
      }
    });
    const ratio = asking.ms / bare.ms;
    return {
      id: 'B9',
      what: `ask ${PARTICIPANTS} participants for accounts (${dialect})`,
      figures: { total_ms: round(asking.ms), per_person_ms: round(asking.ms / PARTICIPANTS, 3), dms: port.dms.length, bare_statements_ms: round(bare.ms) },
      comparison: { with: 'the same rows as bare insert + two updates', ratio: round(ratio), ratioMeaning: 'times the least database work for the same requests' },
      target: '≤ 10× the bare statements; each participant asked once',
      met: ratio <= 10 && port.dms.length === PARTICIPANTS,
      summary: `${round(asking.ms)} ms for ${port.dms.length} requests (${round(ratio)}× the bare statements)`,
    };
  } finally {
    await handle.close();
    await database.remove();
  }
}

/**
 * B9b: the post-mortem of B3's size (2,000 entries, 100 items) with 30 accounts, every answer at
 * its 3,000-character limit, to Block Kit and Markdown; against the same document without them,
 * rendered alternately.
 */
export async function benchRenderingPerspectives(): Promise<BenchResult> {
  const timeline = entries(2000);
  const items = Array.from({ length: 100 }, (_, i) => item(i));
  const full = Object.fromEntries(ACCOUNT_QUESTIONS.map((q) => [q, `14:0${q.length % 10} ${'words of an account '.repeat(ANSWER_MAX / 20).slice(0, ANSWER_MAX - 6)}`]));
  const withAccounts = doc(timeline, items, false, { perspectives: Array.from({ length: ACCOUNTS }, (_, i) => perspective(`Responder ${i}`, full)) });
  const without = doc(timeline, items);
  const render = (d: typeof without) => async () => {
    const start = process.hrtime.bigint();
    const messages = postmortemMessages(d);
    postmortemMarkdown(d);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, messages };
  };
  for (let i = 0; i < 3; i += 1) {
    await render(withAccounts)();
    await render(without)();
  }
  const runs = await alternate(RUNS, render(withAccounts), render(without));
  const ms = median(runs.a.map((r) => r.ms));
  const baseline = median(runs.b.map((r) => r.ms));
  const messages = runs.a[0]!.messages;
  const problems = messages.flatMap((m, i) => [
    ...checkBlocks(m.blocks, 'message').map((p) => `message ${i + 1}: ${p}`),
    ...(blocksTextLength(m.blocks) > MESSAGE_BLOCKS_TEXT_LIMIT ? [`message ${i + 1}: too much text`] : []),
  ]);
  const ratio = ms / baseline;
  return {
    id: 'B9',
    what: `render B3's post-mortem with ${ACCOUNTS} full-length accounts`,
    figures: { median_ms: round(ms), baseline_ms: round(baseline), messages: messages.length, within_slack_limits: problems.length === 0 },
    comparison: { with: 'the same post-mortem without accounts', ratio: round(ratio), ratioMeaning: 'times the render without accounts' },
    target: "≤ 5× without accounts; every message within Slack's limits",
    met: ratio <= 5 && problems.length === 0,
    summary: `${round(ms)} ms median (${round(ratio)}× without accounts); ${messages.length} messages, ${problems.length === 0 ? 'all within limits' : problems[0]}`,
  };
}
