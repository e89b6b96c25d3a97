import type { FakeMessage } from '../tools/fake-slack';
import { jobRan } from '../tools/harness/completion';
import { commandOpeningModal, topModal } from '../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../tools/harness/visible-text';
import { waitFor } from '../tools/harness/wait-for';
import { accountsOf } from '../src/accounts/account-queries';
import { ALERT_TOKEN, alertmanagerPayload, alertsFinished, postAlert } from '../tools/harness/alerts';
import path from 'node:path';
import { createDemoRepository, describeRepository, exportsPushed } from './postmortems-repository';
import { gitVersion } from '../tools/harness/git-server';
import { Transcript, type TranscriptStep } from './transcript';
import { waitUntilQuiet } from './wait-until-quiet';
import { FakeGitHub } from '../tools/fake-trackers/github';
import { type WrittenOutput, writeOutput } from './write-output';
import { writeSlackScreenshot } from './slack-screenshot';

export interface PlayOptions {
  /** Where postmortem.md, messages/ and block-kit-builder-links.md go; emptied first. */
  outputDir: string;
  /** Called with each transcript line as soon as it is known. */
  onLine?: (line: string) => void;
  /** Stops the story between steps; the bot and the fake Slack are still shut down. */
  signal?: AbortSignal;
}

export interface PlayResult {
  transcript: string[];
  steps: TranscriptStep[];
  outputDir: string;
  output: WrittenOutput;
  /** Log lines the bot wrote at level error or above (none are expected). */
  errorLogs: Array<Record<string, unknown>>;
}

const INCIDENTS_CHANNEL = 'C0INCIDENTS';
const POSTMORTEMS_CHANNEL = 'C0POSTMORTEMS';
const TITLE = 'Checkout API returning 502s';
/** Both action items are due on Thursday, two days after the incident. */
const DUE = '2026-05-14';
/** The team's GitHub repository for action items, played by the project's fake GitHub. */
const GITHUB_REPO = 'acme/checkout';
const GITHUB_TOKEN = 'github_pat_demo0000000000000000000000';
const GITHUB_WEBHOOK_SECRET = 'demo-webhook-secret-0123456789abcdef';
/** How often the bot looks for due reminders here; the clock moves in bigger steps than in life. */
const REMINDER_POLL_MS = 10;


/**
 * One incident from the first support ticket to the last action item, played against the real
 * bot (`startBot`, HTTP mode, SQLite in a temporary file) and the fake Slack, on a clock the story
 * moves. Returns the transcript of what everyone saw and writes the published post-mortem.
 */
export async function playIncident(options: PlayOptions): Promise<PlayResult> {
  // The team's post-mortems repository: a local bare repository the bot pushes to, as it would to GitHub.
  // Without git the story runs without a repository.
  const repository = gitVersion() ? createDemoRepository() : undefined;
  // Tuesday 12 May 2026, 13:58 UTC: shortly after a deploy at 13:44.
  let now = Date.parse('2026-05-12T13:58:00Z');
  // The team plans its work in GitHub: action items become issues there (a fake GitHub, checked against GitHub's API description).
  const github = await FakeGitHub.start({
    now: new Date(now),
    users: [
      { login: 'dev-rao', name: 'Dev Rao', email: 'dev@example.com' },
      { login: 'priya-n', name: 'Priya Nair', email: 'priya@example.com' },
      { login: 'maya-k', name: 'Maya Keller', email: 'maya@example.com' },
      { login: 'incident-bot' },
    ],
    repositories: [{ fullName: GITHUB_REPO, collaborators: ['dev-rao', 'priya-n', 'maya-k', 'incident-bot'] }],
    tokens: [{ token: GITHUB_TOKEN, login: 'incident-bot', repositories: [GITHUB_REPO] }],
  });
  const t = await startTestBot({
    env: {
      LOG_LEVEL: 'error',
      INCIDENTS_CHANNEL,
      POSTMORTEMS_CHANNEL,
      ALERT_WEBHOOK_TOKEN: ALERT_TOKEN,
      TRACKER: 'github',
      GITHUB_TOKEN,
      GITHUB_REPO,
      GITHUB_API_URL: github.url,
      GITHUB_WEBHOOK_SECRET,
      ...repository?.env,
    },
    clock: { now: () => new Date(now) },
    jobs: { remindersEveryMs: REMINDER_POLL_MS, postmortemRemindersEveryMs: 50, pushPostmortemsEveryMs: 50, askForAccountsEveryMs: 50, syncIssuesEveryMs: 50 },
  }).catch(async (error: unknown) => {
    await github.stop();
    throw error;
  });
  github.subscribe(`http://127.0.0.1:${t.bot.port}/trackers/github`, GITHUB_WEBHOOK_SECRET);
  let failed = false;
  try {
    // Slack and the bot share one clock, as they do for real: message times are compared.
    t.slack.setClock(() => now);
    const clock = {
      now: () => new Date(now),
      /** Moves to a UTC time on the story's first day, or to a full ISO instant. */
      at(time: string) {
        now = Date.parse(time.includes('T') ? time : `2026-05-12T${time}:00Z`);
      },
      advance(ms: number) {
        now += ms;
      },
    };
    const transcript = new Transcript(t.slack, clock.now, { onLine: options.onLine, signal: options.signal });
    github.setTime(clock.now());
    const incidentChannel = await story(t, clock, transcript, github);
    const output: WrittenOutput = writeOutput(t.slack, options.outputDir, [incidentChannel, POSTMORTEMS_CHANNEL]);
    output.slackScreenshot = await writeSlackScreenshot(t.slack, incidentChannel, options.outputDir);
    if (repository) {
      await exportsPushed(t);
      const repositoryDir = path.join(options.outputDir, 'postmortems-repo');
      const { log, files } = describeRepository(repository, repositoryDir);
      transcript.chapter('The team’s post-mortems repository (a local bare repository standing in for GitHub)');
      transcript.note('$ git log --oneline');
      for (const line of log) transcript.note(`  ${line}`);
      transcript.note('$ git ls-tree -r --name-only main');
      for (const line of files) transcript.note(`  ${line}`);
      output.repositoryDir = repositoryDir;
    }
    return {
      transcript: transcript.lines,
      steps: transcript.steps,
      outputDir: options.outputDir,
      output,
      errorLogs: t.logs.filter((line) => Number(line.level) >= 50),
    };
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Stopping also fails the run if Slack would have refused a call or shown someone an error.
    await t.stop().catch((error: unknown) => {
      if (!failed) throw error;
    });
    repository?.remove();
    await github.stop();
  }
}

interface StoryClock {
  now(): Date;
  at(time: string): void;
  advance(ms: number): void;
}

/** Plays the story; returns the incident channel's id. */
async function story(t: TestBot, clock: StoryClock, transcript: Transcript, github: FakeGitHub): Promise<string> {
  const { slack, driver } = t;
  const db = t.bot.database.db;
  const bot = slack.bot.userId;

  // The cast and the workspace -------------------------------------------------------------
  const maya = slack.addUser({ name: 'maya', realName: 'Maya Keller', tz: 'Europe/Berlin' }).id;
  const dev = slack.addUser({ name: 'dev', realName: 'Dev Rao', tz: 'America/New_York' }).id;
  const priya = slack.addUser({ name: 'priya', realName: 'Priya Nair', tz: 'Asia/Kolkata' }).id;
  const sam = slack.addUser({ name: 'sam', realName: 'Sam Taylor', tz: 'Europe/London' }).id;
  const everyone = [maya, dev, priya, sam];
  const ops = slack.addChannel({ name: 'ops', members: everyone }).id;
  slack.addChannel({ id: INCIDENTS_CHANNEL, name: 'incidents', members: [...everyone, bot] });
  slack.addChannel({ id: POSTMORTEMS_CHANNEL, name: 'postmortems', members: [...everyone, bot] });

  transcript.chapter('Tuesday 12 May 2026 · the incident (times in UTC; DMs, modals and private messages in the reader’s zone)');
  const roles: Record<string, string> = { [maya]: 'on call', [dev]: 'checkout team', [priya]: 'database team', [sam]: 'customer support' };
  for (const id of everyone) {
    const person = slack.user(id)!;
    transcript.note(`${person.real_name.padEnd(12)} ${roles[id]!.padEnd(17)} ${person.tz}`);
  }
  const purposes: Record<string, string> = { [INCIDENTS_CHANNEL]: ' (INCIDENTS_CHANNEL)', [POSTMORTEMS_CHANNEL]: ' (POSTMORTEMS_CHANNEL)' };
  for (const c of slack.channels()) {
    transcript.note(`#${c.name}${purposes[c.id] ?? ''}: ${c.members.map((id) => slack.user(id)!.real_name).join(', ')}`);
  }

  // The alert and the offer ----------------------------------------------------------------
  // Prometheus saw the 5xx rate cross 5% at 13:47; after its `for: 4m` Alertmanager notifies the bot.
  clock.at('13:51');
  const alert = {
    name: 'CheckoutHighErrorRate',
    labels: { severity: 'error', service: 'checkout-api', env: 'prod' },
    summary: 'checkout-api 5xx rate above 5% for 4 minutes',
    runbook: 'https://runbooks.example.com/checkout-5xx',
    startsAt: new Date('2026-05-12T13:47:00Z'),
  };
  const firing = alertmanagerPayload({ groupKey: '{}:{alertname="CheckoutHighErrorRate"}', alerts: [alert] });
  await transcript.step({ what: 'Alertmanager sends the bot CheckoutHighErrorRate (firing since 13:47)', where: INCIDENTS_CHANNEL }, async () => {
    await postAlert(t, 'alertmanager', firing);
    await alertsFinished(t);
  });

  // Declaring -------------------------------------------------------------------------------
  clock.at('13:58');
  await transcript.step({ what: 'Sam from support posts', who: sam, where: ops }, async () => {
    slack.post(sam, ops, 'Support here: 40 tickets in 10 minutes about payments failing at checkout. Is something down?');
  });

  clock.at('14:02');
  let declareForm = '';
  let channel = '';
  await transcript.step({ what: 'Maya clicks Declare incident on the alert', who: maya, where: INCIDENTS_CHANNEL }, async () => {
    const offer = slack.botMessages(INCIDENTS_CHANNEL).find((m) => buttonsOf(m).some((b) => b.text === 'Declare incident'));
    const before = slack.views(maya).at(-1)?.id;
    await driver.blockAction({ user: maya, actionId: 'alert_declare', container: { type: 'message', channel: INCIDENTS_CHANNEL, ts: offer!.ts } });
    declareForm = (await topModal(t, maya, before)).id;
  });

  clock.at('14:03');
  const declaration = {
    title: TITLE,
    severity: 'SEV2',
    description: 'checkout-api answers 502 to about a third of requests. Support reports failed payments.',
    responders: [dev, priya],
    // The first failed payments in the logs: 15:46 in Berlin.
    impact_started_at: Date.parse('2026-05-12T13:46:00Z') / 1000,
  };
  await transcript.step(
    {
      what: 'Maya fills in the form and clicks Declare',
      who: maya,
      typed: {
        Title: `${TITLE} (instead of the alert's summary)`,
        Severity: `${declaration.severity} (filled in from the alert's "error")`,
        "What's happening": declaration.description,
        Responders: 'Dev Rao, Priya Nair',
        'Impact started at': '2026-05-12 15:46 in Berlin (13:46 UTC), the first failed payment in the logs, a minute before the alert started',
      },
    },
    async () => {
      await driver.submitView({ user: maya, viewId: declareForm, fields: declaration });
      // Set-up (channel, invitations, card, announcement) is done when the bot records it so.
      const incident = await waitFor(() =>
        db
          .selectFrom('incidents')
          .select('channel_id')
          .where('request_key', '=', declareForm)
          .where('setup_completed_at', 'is not', null)
          .executeTakeFirst(),
      );
      channel = incident.channel_id!;
      await waitFor(() => slack.botMessages(INCIDENTS_CHANNEL).length > 0);
      // Then the form says so.
      await waitFor(() => JSON.stringify(slack.view(declareForm)?.blocks ?? []).includes('is declared'));
    },
  );
  clock.at('14:04');
  await transcript.step({ what: 'Maya closes the confirmation', who: maya }, () => driver.closeView({ user: maya, viewId: declareForm }));

  // Working the incident --------------------------------------------------------------------
  const say = async (user: string, time: string, text: string): Promise<FakeMessage> => {
    clock.at(time);
    const message = slack.post(user, channel, text);
    await driver.messagePosted(message);
    return message;
  };
  /** The bot's :memo: on a message says it is on the timeline. */
  const onTimeline = (message: FakeMessage) => slack.reactionsOn(channel, message.ts).some((r) => r.name === 'memo' && r.users.includes(bot));
  const pin = async (user: string, message: FakeMessage) => {
    await driver.reactionAdded(user, channel, message.ts, 'pushpin');
    await waitFor(() => onTimeline(message));
  };
  const lastNotice = () => slack.botMessages(channel).at(-1)?.text ?? '';
  const run = async (user: string, text: string, expected: string) => {
    await driver.command({ user, channel, text });
    await waitFor(() => lastNotice().includes(expected));
  };

  let dbMessage: FakeMessage | undefined;
  let deployMessage: FakeMessage | undefined;
  await transcript.step({ what: 'The responders start digging', where: channel }, async () => {
    await say(dev, '14:05', 'Seeing 502s from checkout-api in all three zones. The load balancer logs upstream timeouts, not refusals.');
    dbMessage = await say(priya, '14:06', 'orders-db connections are pinned at 200/200 since 13:48.');
    deployMessage = await say(dev, '14:08', 'checkout-api was deployed at 13:44: change #4821 lowered the DB pool from 50 to 5 connections per pod.');
    await say(maya, '14:09', 'That lines up with the first tickets. Dev, can you confirm the pods are waiting on the pool?');
    await say(priya, '14:10', 'Checkout success rate is down to 62%.');
  });

  clock.at('14:10');
  await transcript.step({ what: 'Maya reacts :pushpin: to Priya’s and Dev’s findings to put them on the timeline', who: maya, where: channel }, async () => {
    await pin(maya, dbMessage!);
    await pin(maya, deployMessage!);
  });

  clock.at('14:11');
  await transcript.step({ what: 'Maya runs `/incident severity SEV1`', who: maya, where: channel }, () =>
    run(maya, 'severity SEV1', 'to *SEV1*'),
  );

  let hypothesis: FakeMessage | undefined;
  await transcript.step({ what: 'Dev shares a hypothesis and pins it himself', who: dev, where: channel }, async () => {
    hypothesis = await say(dev, '14:12', 'Hypothesis: client retries hold connections while they wait, so the small pool starves.');
    await pin(dev, hypothesis);
  });

  clock.at('14:13');
  const corrected = 'orders-db connections are pinned at 200/200 since 13:46 (not 13:48, checked the graph).';
  await transcript.step({ what: 'Priya corrects the time in her pinned message', who: priya, where: channel }, async () => {
    await driver.messageChanged(channel, dbMessage!.ts, corrected);
    await waitFor(async () => {
      const entry = await db.selectFrom('timeline_entries').select('text').where('source_ts', '=', dbMessage!.ts).executeTakeFirst();
      return entry?.text === corrected;
    });
  });

  clock.at('14:15');
  await transcript.step({ what: 'Maya runs `/incident status identified`', who: maya, where: channel }, () =>
    run(maya, 'status identified', 'to *Identified*'),
  );

  let rollbackDone: FakeMessage | undefined;
  await transcript.step({ what: 'The rollback', where: channel }, async () => {
    const rollback = await say(dev, '14:16', 'Rolling back #4821 now.');
    await pin(dev, rollback);
    await say(priya, '14:19', 'Retries are not it: the retry counts were the same yesterday, with no errors.');
    rollbackDone = await say(dev, '14:22', 'Rollback complete on all 24 pods.');
    await pin(dev, rollbackDone);
    await say(priya, '14:24', 'Connections dropping: 120/200 and falling.');
  });

  clock.at('14:25');
  await transcript.step({ what: 'Dev takes his :pushpin: off the hypothesis, which turned out wrong', who: dev, where: channel }, async () => {
    await driver.reactionRemoved(dev, channel, hypothesis!.ts, 'pushpin');
    await waitFor(() => !onTimeline(hypothesis!));
  });

  clock.at('14:26');
  await transcript.step({ what: 'Maya runs `/incident status monitoring`', who: maya, where: channel }, () =>
    run(maya, 'status monitoring', 'to *Monitoring*'),
  );

  await transcript.step({ what: 'Recovery', where: channel }, async () => {
    const recovered = await say(priya, '14:31', '5xx rate back under 0.5%, checkout success at 99.4%.');
    await pin(maya, recovered);
  });

  // The alert stops firing: Alertmanager says so at its next group interval.
  clock.at('14:34');
  const resolved = alertmanagerPayload({
    groupKey: '{}:{alertname="CheckoutHighErrorRate"}',
    alerts: [{ ...alert, status: 'resolved', endsAt: new Date('2026-05-12T14:31:00Z') }],
  });
  await transcript.step({ what: 'Alertmanager reports CheckoutHighErrorRate resolved (at 14:31)', where: channel }, async () => {
    await postAlert(t, 'alertmanager', resolved);
    await alertsFinished(t);
  });
  await transcript.step({ what: 'Maya watches the graphs', where: channel }, async () => {
    await say(maya, '14:38', 'Flat at baseline for 10 minutes. Resolving.');
  });

  // Something from outside Slack: Maya writes it in, in her own time zone.
  clock.at('14:39');
  let addEntryForm = '';
  await transcript.step({ what: 'Maya runs `/incident timeline add`', who: maya, where: channel }, async () => {
    addEntryForm = (await commandOpeningModal(t, maya, channel, 'timeline add')).id;
  });

  clock.at('14:40');
  const statusPage = { entry_text: 'Status page: "Some payments are failing" posted', entry_date: '2026-05-12', entry_time: '16:12' };
  await transcript.step(
    {
      what: 'Maya records when the status page was updated (16:12 in Berlin, 14:12 UTC)',
      who: maya,
      typed: { 'What happened': statusPage.entry_text, Date: statusPage.entry_date, Time: `${statusPage.entry_time} (Europe/Berlin)` },
    },
    async () => {
      await driver.submitView({ user: maya, viewId: addEntryForm, fields: statusPage });
    },
  );

  clock.at('14:41');
  let timelineView = '';
  await transcript.step({ what: 'Maya runs `/incident timeline` to check it', who: maya, where: channel }, async () => {
    timelineView = (await commandOpeningModal(t, maya, channel, 'timeline')).id;
  });
  await transcript.step({ what: 'Maya closes the timeline', who: maya }, async () => {
    await driver.closeView({ user: maya, viewId: timelineView });
  });

  clock.at('14:42');
  await transcript.step({ what: 'Maya runs `/incident resolve Rolled back the connection-pool change`', who: maya, where: channel }, () =>
    run(maya, 'resolve Rolled back the connection-pool change', 'resolved the incident'),
  );

  // Everyone's own account ------------------------------------------------------------------
  transcript.chapter('Tuesday 12 May 2026, after the incident · everyone’s own account');
  transcript.note('A SEV1 owes a post-mortem, so resolving it asks everyone who took part, privately, for their own account.');
  const accountRequest = (user: string) => slack.dm(user).find((m) => JSON.stringify(m.metadata ?? {}).includes('account_request'));
  let participants: string[] = [];
  await transcript.step({ what: 'The bot asks each participant for their account, in a DM' }, async () => {
    participants = await waitFor(async () => {
      // In the order they were asked (the same on either database).
      const incidentId = (await db.selectFrom('incidents').select('id').where('channel_id', '=', channel).executeTakeFirstOrThrow()).id;
      const asked = await accountsOf(db, incidentId);
      return asked.length > 0 && asked.every((a) => a.state === 'asked' && accountRequest(a.userId)) ? asked.map((a) => a.userId) : undefined;
    });
  });
  transcript.note(`Asked: ${participants.map((id) => slack.user(id)!.real_name).join(', ')}. Nobody else, and never a bot.`);

  const writeAccount = async (user: string, time: string, fields: Record<string, string>, typed: Record<string, string>) => {
    clock.at(time);
    let form = '';
    await transcript.step({ what: `${slack.user(user)!.real_name.split(' ')[0]} clicks “Write my account” in the DM`, who: user }, async () => {
      const request = accountRequest(user)!;
      await driver.blockAction({ user, actionId: 'account_write', container: { type: 'message', channel: request.channel, ts: request.ts } });
      form = (await topModal(t, user)).id;
    });
    clock.advance(4 * 60_000);
    await transcript.step({ what: `${slack.user(user)!.real_name.split(' ')[0]} writes it and saves`, who: user, typed }, async () => {
      await driver.submitView({ user, viewId: form, fields });
      await waitFor(() => (slack.view(form)?.callback_id === 'account_saved' ? true : undefined));
    });
    return form;
  };
  const close = (user: string, form: string) => transcript.step({ what: 'and closes it', who: user }, () => driver.closeView({ user, viewId: form }));
  // Each writes times as their own clocks showed them: Priya in Kolkata (UTC+5:30), Dev in New York (UTC-4).
  const priyaAccount = {
    account_noticed: '19:22 connection waits on orders-db jumped from 0 to 40 per pod\n19:28 the database itself looked healthy: CPU at 30%, no slow queries',
    account_did: '19:36 posted the connection count, because a full pool pointed at the clients, not the database',
    account_expected: 'That checkout-api would reuse its connections; it always had.',
    account_helped: 'A dashboard panel showing pool use per service next to the database panels.',
  };
  await close(priya, await writeAccount(priya, '15:05', priyaAccount, {
    'What you noticed, and when': priyaAccount.account_noticed,
    'What you did, and why it made sense at the time': priyaAccount.account_did,
    'What you expected to happen': priyaAccount.account_expected,
    'What would have helped': priyaAccount.account_helped,
    'Show it': 'with my name',
  }));
  const devAccount = {
    account_did: '10:12 suspected the cache node first, because last month’s outage looked just like this. I should have checked the deploy diff first.',
    account_surprised: 'Change #4821 said “pool: 5” in plain sight, and nothing in review or CI questioned it.',
    account_helped: 'A CI check on pool sizes against the load-tested minimum.',
    account_signed: 'anonymous',
  };
  const devForm = await writeAccount(dev, '15:12', devAccount, {
    'What you did, and why it made sense at the time': devAccount.account_did,
    'What surprised or confused you': devAccount.account_surprised,
    'What would have helped': devAccount.account_helped,
    'Show it': 'anonymously',
  });
  clock.advance(60_000);
  await transcript.step({ what: 'Dev reads the note about “I should have” and clicks “Edit my account”', who: dev }, async () => {
    await driver.blockAction({ user: dev, actionId: 'account_write', container: { type: 'view', viewId: devForm } });
    await waitFor(() => (slack.view(devForm)?.callback_id === 'account_form' ? true : undefined));
  });
  const devDid = '10:12 suspected the cache node first, because last month’s outage looked just like this. The deploy diff was two clicks away, and nothing pointed there.';
  clock.advance(2 * 60_000);
  await transcript.step({ what: 'He says what pointed him where, instead, and saves', who: dev, typed: { 'What you did, and why it made sense at the time': devDid } }, async () => {
    await driver.submitView({ user: dev, viewId: devForm, fields: { account_did: devDid } });
    await waitFor(() => (slack.view(devForm)?.callback_id === 'account_saved' && !visibleText(slack.view(devForm)).includes('should have') ? true : undefined));
  });
  await close(dev, devForm);

  // The post-mortem -------------------------------------------------------------------------
  transcript.chapter('Tuesday 12 May 2026, later · the post-mortem');
  clock.at('15:30');
  let form = '';
  await transcript.step({ what: 'Maya runs `/incident postmortem`', who: maya, where: channel }, async () => {
    form = (await commandOpeningModal(t, maya, channel, 'postmortem')).id;
  });
  const formText = () => visibleText(slack.view(form));

  const addActionItem = async (time: string, owner: string, fields: Record<string, string>, typed: Record<string, string>) => {
    clock.at(time);
    let pushed = '';
    await transcript.step({ what: 'Maya clicks “Add action item”', who: maya }, async () => {
      await driver.blockAction({ user: maya, actionId: 'postmortem_add_action_item', container: { type: 'view', viewId: form } });
      pushed = (await topModal(t, maya, form)).id;
    });
    clock.advance(60_000);
    await transcript.step({ what: 'Maya fills in the action item and clicks Add', who: maya, typed }, async () => {
      await driver.submitView({ user: maya, viewId: pushed, fields: { ...fields, ai_owner: owner } });
      await waitFor(() => formText().includes(fields.ai_description!));
      await waitFor(() => slack.dm(owner).some((m) => m.text.includes(fields.ai_description!)));
    });
  };
  await addActionItem(
    '15:32',
    dev,
    {
      ai_description: 'Add a CI check that rejects DB pool sizes below the load-tested minimum',
      ai_due: DUE,
      ai_type: 'prevent',
      ai_ticket: 'https://tracker.example.com/OPS-4821',
    },
    { Description: 'Add a CI check that rejects DB pool sizes below the load-tested minimum', Owner: 'Dev Rao (New York)', Due: DUE, Type: 'Prevent', Ticket: 'https://tracker.example.com/OPS-4821' },
  );
  await addActionItem(
    '15:36',
    priya,
    { ai_description: 'Alert when orders-db connection use stays above 90% for 2 minutes', ai_due: DUE, ai_type: 'detect' },
    { Description: 'Alert when orders-db connection use stays above 90% for 2 minutes', Owner: 'Priya Nair (Kolkata)', Due: DUE, Type: 'Detect' },
  );

  const blamingCause = 'Dev should have checked the pool size before merging #4821';
  const content: Record<string, string> = {
    pm_summary:
      'A configuration change lowered checkout-api’s database pool from 50 to 5 connections per pod. Under normal load the pods queued for connections, requests timed out and the load balancer answered 502.',
    pm_impact: 'About a third of checkout requests failed between 13:46 and 14:26 UTC (40 minutes); checkout success fell to 62% at worst.',
    pm_cause_avoid: `${blamingCause}\nPool sizes are not checked against load tests before deploy`,
    pm_cause_detect: 'The 5xx alert fires only after 5 minutes above 5%',
    pm_cause_fix_faster: 'Nothing links a deploy to the errors that follow it',
    pm_five_whys:
      'Why did checkout fail? Pods could not get database connections.\nWhy not? The pool was 5 per pod instead of 50.\nWhy? A config change lowered it and nothing checked the value.',
    pm_went_well: 'Support raised it within minutes\nThe rollback took six minutes',
    pm_went_wrong: 'The alert fired five minutes after impact started',
    pm_got_lucky: 'It happened before the evening peak in Europe',
    pm_facilitator: sam,
    pm_meeting_date: '2026-05-15',
    pm_tags: 'checkout, database, config',
  };
  clock.at('15:50');
  await transcript.step(
    {
      what: 'Maya writes the post-mortem and clicks “Save and review”',
      who: maya,
      typed: {
        Summary: content.pm_summary!,
        Impact: content.pm_impact!,
        'How could we have avoided it?': content.pm_cause_avoid!,
        'How could we have detected it sooner?': content.pm_cause_detect!,
        'How could we have fixed it faster?': content.pm_cause_fix_faster!,
        'Five whys': content.pm_five_whys!,
        'What went well': content.pm_went_well!,
        'What went wrong': content.pm_went_wrong!,
        'Where we got lucky': content.pm_got_lucky!,
        Facilitator: 'Sam Taylor',
        'Meeting date': content.pm_meeting_date!,
        Tags: content.pm_tags!,
      },
    },
    async () => {
      await driver.submitView({ user: maya, viewId: form, fields: content });
      await waitFor(() => formText().includes('blameless review has'));
    },
  );

  clock.at('15:52');
  await transcript.step({ what: 'Maya clicks “Back to editing”', who: maya }, async () => {
    await driver.blockAction({ user: maya, actionId: 'postmortem_back_to_editing', container: { type: 'view', viewId: form } });
    await waitFor(() => slack.view(form)?.callback_id === 'postmortem_form');
  });

  clock.at('15:54');
  const blameless = content.pm_cause_avoid!.replace(blamingCause, 'The pool-size change in #4821 went out without a load test');
  await transcript.step(
    { what: 'Maya rewrites the cause about the system, not the person, and saves again', who: maya, typed: { 'How could we have avoided it?': blameless } },
    async () => {
      await driver.submitView({ user: maya, viewId: form, fields: { pm_cause_avoid: blameless } });
      await waitFor(() => formText().includes('found nothing to change'));
    },
  );

  clock.at('15:54');
  await transcript.step({ what: 'Maya runs `/incident review 2026-05-15 15:00` (her time, Berlin)', who: maya, where: channel }, async () => {
    await driver.command({ user: maya, channel, text: 'review 2026-05-15 15:00' });
    await waitFor(() => slack.botMessages(channel).some((m) => JSON.stringify(m.metadata ?? {}).includes('review_invitation')));
  });

  clock.at('15:55');
  await transcript.step({ what: 'Maya clicks Publish', who: maya }, async () => {
    await driver.submitView({ user: maya, viewId: form });
    await waitFor(() => formText().includes('Published in'), { timeoutMs: 15_000 });
  });
  await transcript.step({ what: 'Maya closes the modal', who: maya }, async () => {
    await driver.closeView({ user: maya, viewId: form });
  });

  // The action items in GitHub --------------------------------------------------------------
  const issueLabels = async () => (await db.selectFrom('action_items').select(['description', 'issue_label']).orderBy('created_at').execute());
  await transcript.step({ what: `The bot files each action item as an issue in ${GITHUB_REPO}, assigned by Slack email`, where: channel }, async () => {
    github.setTime(clock.now());
    await waitFor(async () => ((await issueLabels()).every((i) => i.issue_label) ? true : undefined));
  });
  for (const issue of github.issues(GITHUB_REPO)) {
    transcript.note(`GitHub ${GITHUB_REPO}#${issue.number} “${issue.title}”, assigned to ${issue.assignees.map((a) => `@${a}`).join(', ') || 'nobody'}, labels ${issue.labels.join(', ')}`);
  }
  const issueOf = async (description: string) => Number((await issueLabels()).find((i) => i.description === description)!.issue_label!.split('#')[1]);

  // Reminders -------------------------------------------------------------------------------
  transcript.chapter('Wednesday 13 – Thursday 14 May 2026 · action items come due');
  transcript.note(`Both items are due ${DUE}. Reminders go out at 09:00 in each owner's own zone, so at different UTC times.`);
  transcript.note(`The clock jumps to Wednesday noon, then moves in 30-minute steps; the bot's reminder poller runs every ${REMINDER_POLL_MS} ms of real time.`);
  const dueToday = (user: string) => slack.dm(user).filter((m) => m.text.includes('due today'));
  const runClockUntil = async (done: () => boolean, until: string) => {
    const limit = Date.parse(until);
    while (!done()) {
      if (clock.now().getTime() >= limit) throw new Error(`Nothing happened by ${until}`);
      clock.advance(30 * 60_000);
      const activity = slack.calls.length;
      // One whole poll on the new time (a busy machine may be slow to start one); what it sent is then waited for.
      await jobRan(t, 'action-item-reminders');
      if (slack.calls.length !== activity) await waitUntilQuiet(slack, { quietMs: 60 });
    }
  };

  clock.at('2026-05-13T12:00:00Z');
  await transcript.step({ what: 'Wednesday: nothing is due yet' }, () => jobRan(t, 'action-item-reminders'));
  await transcript.step({ what: 'Time passes, 30 minutes at a time, until a reminder goes out' }, () =>
    runClockUntil(() => dueToday(priya).length > 0, '2026-05-15T00:00:00Z'),
  );
  await transcript.step({ what: 'Time passes, 30 minutes at a time, until the next reminder goes out' }, () =>
    runClockUntil(() => dueToday(dev).length > 0, '2026-05-15T00:00:00Z'),
  );

  clock.advance(25 * 60_000);
  await transcript.step({ what: 'Dev merges the CI check and clicks “Mark done” on his reminder', who: dev }, async () => {
    const reminder = dueToday(dev).at(-1)!;
    const done = buttonsOf(reminder).find((b) => b.text === 'Mark done');
    if (!done) throw new Error('The reminder has no “Mark done” button');
    await driver.blockAction({ user: dev, actionId: done.actionId, container: { type: 'message', channel: reminder.channel, ts: reminder.ts } });
    await waitFor(() => visibleText(slack.message(reminder.channel, reminder.ts)).includes('Done by'));
    await waitFor(() => slack.botMessages(channel).some((m) => m.text.includes('marked an action item done')));
    const number = await issueOf('Add a CI check that rejects DB pool sizes below the load-tested minimum');
    await waitFor(() => (github.issue(GITHUB_REPO, number)?.state === 'closed' ? true : undefined));
  });
  const ciIssue = github.issue(GITHUB_REPO, await issueOf('Add a CI check that rejects DB pool sizes below the load-tested minimum'))!;
  transcript.note(`GitHub ${GITHUB_REPO}#${ciIssue.number} closed by the bot as ${ciIssue.stateReason}, with the comment “${ciIssue.comments.at(-1)?.body ?? ''}”`);

  clock.advance(90 * 60_000);
  const alertIssue = await issueOf('Alert when orders-db connection use stays above 90% for 2 minutes');
  await transcript.step({ what: `Priya ships the alert rule and closes ${GITHUB_REPO}#${alertIssue} in GitHub`, where: channel }, async () => {
    github.setTime(clock.now());
    github.closeAsUser(GITHUB_REPO, alertIssue, 'priya-n', 'completed');
    // The bot handles GitHub's webhook before answering it: delivered means handled.
    await github.webhooksDelivered();
    await waitFor(() => slack.botMessages(channel).some((m) => m.text.includes('closed in GitHub by @priya-n')));
  });

  // The review meeting ----------------------------------------------------------------------
  transcript.chapter('Friday 15 May 2026 · the review meeting');
  transcript.note('Sam facilitates from London: he is reminded at 09:00 his time on the day (08:00 UTC).');
  clock.at('2026-05-15T07:30:00Z');
  await transcript.step({ what: '07:30 UTC: nothing yet' }, () => jobRan(t, 'review-reminders'));
  clock.at('2026-05-15T08:00:00Z');
  await transcript.step({ what: '08:00 UTC: Sam’s reminder', who: sam }, async () => {
    await jobRan(t, 'review-reminders');
    await waitFor(() => slack.dm(sam).some((m) => m.text.startsWith('Today: the post-mortem review')));
  });

  // A month later: do the countermeasures work? ---------------------------------------------
  transcript.chapter('Saturday 13 June 2026 · a month later: are the countermeasures working?');
  transcript.note('Thirty days after each item was done (VERIFY_AFTER_DAYS), its owner and the commander are asked, at 09:00 in the owner’s zone.');
  const questions = (user: string) => slack.dm(user).filter((m) => m.text.startsWith('Is this countermeasure working?'));
  const runChecksUntil = async (done: () => boolean, until: string) => {
    const limit = Date.parse(until);
    while (!done()) {
      if (clock.now().getTime() >= limit) throw new Error(`Nothing was asked by ${until}`);
      clock.advance(30 * 60_000);
      const activity = slack.calls.length;
      await jobRan(t, 'verify-items');
      if (slack.calls.length !== activity) await waitUntilQuiet(slack, { quietMs: 60 });
    }
  };
  clock.at('2026-06-12T20:00:00Z');
  await transcript.step({ what: 'Time passes, 30 minutes at a time, until someone is asked' }, () =>
    runChecksUntil(() => questions(priya).length > 0, '2026-06-14T00:00:00Z'),
  );
  const answer = async (user: string, what: string) => {
    clock.advance(20 * 60_000);
    await transcript.step({ what, who: user }, async () => {
      const question = questions(user).at(-1)!;
      const verified = buttonsOf(question).find((b) => b.text === 'Verified');
      if (!verified) throw new Error('The question has no “Verified” button');
      await driver.blockAction({ user, actionId: verified.actionId, container: { type: 'message', channel: question.channel, ts: question.ts } });
      await waitFor(() => (!buttonsOf(slack.message(question.channel, question.ts)).some((b) => b.text === 'Verified') ? true : undefined));
      await waitUntilQuiet(slack, { quietMs: 60 });
    });
  };
  await answer(priya, 'Priya checks: the alert fired in last week’s load test. She clicks “Verified”');
  clock.at('2026-06-13T04:00:00Z');
  await transcript.step({ what: 'Time passes, 30 minutes at a time, until the next question' }, () =>
    runChecksUntil(() => questions(dev).length > 0, '2026-06-14T00:00:00Z'),
  );
  await answer(dev, 'Dev checks: the CI check has rejected two pool changes since. He clicks “Verified”');
  return channel;
}
