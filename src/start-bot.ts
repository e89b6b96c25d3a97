import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { WebClientOptions } from '@slack/web-api';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { type DbHandle, createDb } from './db/create-db';
import { migrateToLatest } from './db/migrate';
import type { Logger } from './logger';
import { resumeStalledSetups } from './incidents/declare-incident';
import { PeriodicJob } from './jobs/periodic-job';
import { createSlackApp } from './slack/app/create-slack-app';
import { type ConfiguredChannel, joinConfiguredChannels } from './slack/app/join-configured-channels';
import type { InFlight } from './slack/app/in-flight';
import { INBOX_LEASE_MS } from './slack/inbox/inbox';
import { UserProfileCache } from './slack/web-api/user-directory';
import { ThreadParents } from './slack/web-api/thread-parents';
import { MarkedMessageReader } from './slack/web-api/marked-message-reader';
import { CaptureAcknowledger } from './slack/web-api/capture-acknowledger';
import { DmChannels } from './slack/web-api/dm-channels';
import { ChannelTopics } from './slack/web-api/channel-topics';
import { CoalescedRefresh } from './jobs/coalesced-refresh';
import { BudgetShare, REPLICA_BEAT_EVERY_MS } from './slack/rate-limits/budget-share';
import { SlackRateLimiter } from './slack/rate-limits/slack-rate-limiter';
import { realTime } from './time-source';
import { ChannelPacer, type PacerTime, SLACK_POST_INTERVAL_MS } from './slack/web-api/channel-pacer';
import { requiredField } from './slack/web-api/required-field';
import { startupStep } from './startup-failure';
import { type SharedSlackState, listenerDeps } from './wiring/service-deps';
import { sendDueReminders } from './action-items/send-due-reminders';
import { askForVerification } from './action-items/ask-for-verification';
import { remindDuePostmortems } from './postmortems/remind-due-postmortems';
import { BackgroundPass } from './jobs/background-pass';
import { processPendingNotifications, pruneAlerts } from './alerts/process-notifications';
import { alertRoutes } from './http/alert-routes';
import { GitArchive } from './git/git-archive';
import { GitRepository } from './git/git-repository';
import { pushDueExports } from './postmortems/export-postmortems';
import type { PostmortemDeps } from './postmortems/postmortem-deps';
import { askForAccounts } from './accounts/ask-for-accounts';
import { remindFacilitators } from './postmortems/remind-facilitators';
import { postInsightsDigest } from './insights/post-insights-digest';
import { createTracker } from './trackers/create-tracker';
import { TrackerGate } from './trackers/tracker-gate';
import { syncDueIssues } from './trackers/sync-issues';
import { pollTracker } from './trackers/poll-tracker';
import { type IssueChangeOutcome, applyIssueChange } from './trackers/apply-issue-change';
import { type TrackerIntake, trackerRoutes } from './http/tracker-routes';
import type { Tracker } from './trackers/tracker';
import { searchIndexRefresher } from './search/search-index-refresher';

/** How long shutdown waits for running listeners before closing the database anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

/** How often set-ups interrupted by a crash or a refusal are looked for and finished. */
const RESUME_SETUPS_EVERY_MS = 30_000;
/** How often due post-mortem reminders are looked for. */
const POSTMORTEM_REMINDERS_EVERY_MS = 60_000;
/** How often requests left unhandled (a dead process, a failure) are looked for. */
const REPLAY_INBOX_EVERY_MS = 10_000;
/** Slack stops redelivering an event after minutes; a day of handled requests is plenty to keep. */
const KEEP_INBOX_MS = 24 * 3_600_000;
const PRUNE_INBOX_EVERY_MS = 3_600_000;
/** How often alert notifications left unhandled (a dead process, a failure) are looked for. */
const PROCESS_ALERTS_EVERY_MS = 5_000;
/** How often post-mortem versions not yet in git are looked for. */
const PUSH_POSTMORTEMS_EVERY_MS = 30_000;
/** How often issue changes not yet in the tracker (a dead process, a failure whose retry is due) are looked for; a change kicks a pass at once. */
const SYNC_ISSUES_EVERY_MS = 15_000;
/** Accounts owed by resolved incidents and their reminders: a minute late is fine, resolving kicks a pass at once. */
const ASK_FOR_ACCOUNTS_EVERY_MS = 60_000;
/** How often changed incidents, post-mortems and alerts are re-indexed for `/incident search`: a search lags a change by this at most. */
const SEARCH_INDEX_EVERY_MS = 15_000;
/**
 * Changes to an incident arriving this soon after its card was updated share the next update.
 * chat.update allows 50 calls a minute for the whole workspace: at most one card and one
 * announcement edit per 10 s is 12 a minute for a busy incident, so three at once still leave
 * room for DMs and alert offers; and a person sees their change on the card within about 10 s
 * (its notice in the channel at once).
 */
const INCIDENT_REFRESH_GAP_MS = 10_000;

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  slackClientOptions?: WebClientOptions;
  /** How posts are spaced in each channel (tests post without waiting). */
  postPacer?: ChannelPacer;
  /**
   * Slack's rate limits as the bot keeps to them: `scale` multiplies every budget (tests that
   * are not about rate limits run faster than Slack allows), `time` is the limiter's clock.
   */
  slackRateLimits?: { scale?: number; time?: PacerTime };
  /** Overrides for job periods (tests run them often). */
  jobs?: {
    resumeSetupsEveryMs?: number;
    postmortemRemindersEveryMs?: number;
    remindersEveryMs?: number;
    replayInboxEveryMs?: number;
    inboxLeaseMs?: number;
    processAlertsEveryMs?: number;
    pushPostmortemsEveryMs?: number;
    askForAccountsEveryMs?: number;
    syncIssuesEveryMs?: number;
    /** Overrides TRACKER_POLL_MINUTES. */
    trackerPollEveryMs?: number;
    searchIndexEveryMs?: number;
    /** How often this process says it is alive, for sharing Slack's budget. */
    replicaBeatEveryMs?: number;
  };
}

export interface Bot {
  /** The HTTP port actually bound (useful when PORT is 0). */
  port: number;
  database: DbHandle;
  /** Requests whose listeners are still running: `drained()` says when all have finished. */
  inFlight: InFlight;
  /** The background jobs by name: `nextRun()` says when one has acted on what is due now. */
  jobs: ReadonlyMap<string, PeriodicJob>;
  /** Alert notifications being handled in the background: `drained()` says when none are. */
  alerts: { drained(): Promise<void> };
  /** Stops taking requests, lets in-flight handlers finish, closes the database. */
  stop(): Promise<void>;
}

/** The channels the configuration names, by their variable. */
function configuredChannels(config: Config): ConfiguredChannel[] {
  const named: Array<[string, string | undefined]> = [
    ['INCIDENTS_CHANNEL', config.incidentsChannel],
    ['POSTMORTEMS_CHANNEL', config.postmortems.channel],
  ];
  // Rules may send offers elsewhere: those channels are joined too, or named in one line if they cannot be.
  for (const rule of config.alerts.rules.rules) if (rule.channel) named.push(['ALERT_RULES', rule.channel]);
  const seen = new Set<string>();
  return named.flatMap(([variable, channelId]) => (channelId && !seen.has(channelId) && seen.add(channelId) ? [{ variable, channelId }] : []));
}

/**
 * The team's git repository for post-mortems, checked before the bot takes requests: it answers
 * and takes pushes, or start-up stops with one line saying why.
 */
async function openArchive(config: Config, logger: Logger, requested: () => void): Promise<PostmortemDeps['archive']> {
  const git = config.postmortems.git;
  if (!git) return undefined;
  const repository = new GitRepository({ url: git.url, branch: git.branch, sshKeyPath: git.sshKeyPath, author: git.author, workDir: git.workDir }, logger);
  const { branch } = await startupStep('postmortems_git', () => repository.check());
  logger.info({ branch, dir: git.dir }, 'post-mortems are written to git');
  return { store: new GitArchive(repository, git.url, branch), policy: { dir: git.dir, includePrivate: git.includePrivate }, requested };
}

/**
 * The team's issue tracker, checked before the bot takes requests: the token works and the
 * repository or project exists, or start-up stops with one line saying why.
 */
async function openTracker(config: Config, logger: Logger): Promise<Tracker | undefined> {
  if (!config.tracker) return undefined;
  const tracker = createTracker(config.tracker);
  const { where, account } = await startupStep('tracker', () => tracker.check());
  logger.info({ tracker: tracker.kind, where, account, create: config.tracker.create }, 'action items are filed in the tracker');
  return tracker;
}

/** Opens and migrates the database, then starts the Slack app. Used by `main` and by tests. */
export async function startBot(config: Config, options: StartOptions): Promise<Bot> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const database = createDb(config.database, (err) => logger.warn({ err }, 'a database connection was dropped; it will be replaced'));
  // Whatever started before a failure is stopped again: a failed start leaves nothing running.
  let receiver: { stop(): Promise<unknown> } | undefined;
  let ready = false;
  try {
    const applied = await startupStep('database', () => migrateToLatest(database.db));
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    // Slack's limits are per workspace: each live process keeps to its part of every budget.
    const budget = new BudgetShare(database.db, clock);
    const replicas = await startupStep('database', () => budget.beat());
    // Everything that waits on Slack's budgets scales and keeps time alike: tests and the benchmark change both.
    const slackScale = options.slackRateLimits?.scale ?? config.slack.rateLimitScale;
    const slackTime = options.slackRateLimits?.time ?? realTime;
    const rateLimiter = new SlackRateLimiter({ share: budget.share, scale: slackScale, time: slackTime });
    if (replicas > 1) logger.info({ replicas }, "sharing Slack's rate limits with the other running processes");

    let exportPass: BackgroundPass | undefined;
    let accountsPass: BackgroundPass | undefined;
    let issuePass: BackgroundPass | undefined;
    const archive = await openArchive(config, logger, () => exportPass?.kick());
    const tracker = await openTracker(config, logger);
    const threadParents = new ThreadParents();
    const shared: SharedSlackState = {
      ...(tracker && config.tracker
        ? { tracker: { tracker, gate: new TrackerGate(), createMode: config.tracker.create, requested: () => issuePass?.kick() } }
        : {}),
      profiles: new UserProfileCache(),
      threadParents,
      // Reads are gathered to keep within conversations.history's budget: scaled like it, on the limiter's clock.
      markedMessages: new MarkedMessageReader(threadParents, { scale: slackScale, time: slackTime }),
      captureAcks: new CaptureAcknowledger(rateLimiter, { logger, time: slackTime }),
      dmChannels: new DmChannels(),
      // While another process runs, it may have set a different topic since this one last did.
      topics: new ChannelTopics(() => budget.share() === 1),
      // The gap keeps to chat.update's budget: a budget scaled up (tests, SLACK_RATE_LIMIT_SCALE) shortens it alike; the limiter's clock paces it.
      incidentRefreshes: new CoalescedRefresh(INCIDENT_REFRESH_GAP_MS / slackScale, slackTime),
      rateLimiter,
      slackTime,
      postPacer: options.postPacer ?? new ChannelPacer(SLACK_POST_INTERVAL_MS),
      archive,
      accountsRequested: () => accountsPass?.kick(),
    };
    const deps = listenerDeps({ db: database.db, clock, logger, config }, shared);
    let alertProcessor: BackgroundPass | undefined;
    const { alerts } = config;
    const routes = alertRoutes({
      db: database.db,
      clock,
      logger,
      webhookToken: alerts.webhookToken,
      pagerdutySecret: alerts.pagerdutySecret,
      onStored: () => alertProcessor?.kick(),
    });
    let trackerIntake: TrackerIntake | undefined;
    const { app, inFlight } = createSlackApp({
      routes: [...routes, ...trackerRoutes(logger, () => trackerIntake)],
      config,
      deps,
      ping: database.ping,
      isReady: () => ready,
      clientOptions: options.slackClientOptions,
      inboxLeaseMs: options.jobs?.inboxLeaseMs ?? INBOX_LEASE_MS,
      rateLimiter,
    });
    await startupStep('slack_bot_token', () => app.init());
    // Background work acts as the bot too: it must know its own user (Slack refuses to invite it).
    const identity = await startupStep('slack_bot_token', () => app.client.auth.test());
    const botUserId = requiredField(identity.user_id, 'auth.test', 'user_id');
    // Permalinks of captured messages are built from the workspace's address instead of asked for.
    shared.workspaceUrl = identity.url;
    await joinConfiguredChannels(app.client, logger, configuredChannels(config));
    // Each run gets fresh services: membership read during one run is never reused by the next.
    const services = () => deps.services(app.client, botUserId);
    alertProcessor = new BackgroundPass('alerts', () => processPendingNotifications(services().alerts), logger);
    exportPass = new BackgroundPass('postmortem-exports', () => pushDueExports(services().postmortems), logger);
    accountsPass = new BackgroundPass('accounts', () => askForAccounts(services().accounts), logger);
    const trackers = () => services().trackers!;
    if (tracker) {
      issuePass = new BackgroundPass('tracker-sync', () => syncDueIssues(trackers()), logger);
      trackerIntake = {
        kind: tracker.kind,
        read: (request) => tracker.readWebhook(request),
        apply: async (reading) => {
          const deps = trackers();
          const outcomes: IssueChangeOutcome[] = [];
          for (const change of reading.changes) outcomes.push(await applyIssueChange(deps, change));
          return outcomes;
        },
      };
    }
    const pollEveryMs = options.jobs?.trackerPollEveryMs ?? (config.tracker?.pollMinutes ?? 15) * 60_000;
    const job = (name: string, everyMs: number, run: () => Promise<unknown>) => new PeriodicJob(name, everyMs, async () => void (await run()), logger);
    const digest = config.insightsDigest && config.postmortems.channel ? { schedule: config.insightsDigest, channelId: config.postmortems.channel } : undefined;
    const jobs = [
      job('resume-setups', options.jobs?.resumeSetupsEveryMs ?? RESUME_SETUPS_EVERY_MS, async () => {
        const completed = await resumeStalledSetups(services().incidents);
        if (completed > 0) logger.info({ completed }, 'finished interrupted incident set-ups');
      }),
      job('postmortem-reminders', options.jobs?.postmortemRemindersEveryMs ?? POSTMORTEM_REMINDERS_EVERY_MS, () =>
        remindDuePostmortems(services().postmortems),
      ),
      job('action-item-reminders', options.jobs?.remindersEveryMs ?? config.reminders.pollSeconds * 1000, () =>
        sendDueReminders(services().reminders),
      ),
      job('replay-inbox', options.jobs?.replayInboxEveryMs ?? REPLAY_INBOX_EVERY_MS, () => app.replayPending()),
      job('prune-inbox', PRUNE_INBOX_EVERY_MS, async () => {
        await app.pruneInbox(new Date(clock.now().getTime() - KEEP_INBOX_MS));
        await pruneAlerts(database.db, clock.now());
      }),
      // Notifications a dead process left, and failed ones whose retry is due.
      job('process-alerts', options.jobs?.processAlertsEveryMs ?? PROCESS_ALERTS_EVERY_MS, () => processPendingNotifications(services().alerts)),
      // Post-mortem versions a dead process left, and failed pushes whose retry is due.
      job('push-postmortems', options.jobs?.pushPostmortemsEveryMs ?? PUSH_POSTMORTEMS_EVERY_MS, () => pushDueExports(services().postmortems)),
      // Participants of newly resolved incidents, requests a dead process left, and the one reminder a day later.
      job('ask-for-accounts', options.jobs?.askForAccountsEveryMs ?? ASK_FOR_ACCOUNTS_EVERY_MS, () => askForAccounts(services().accounts)),
      ...(tracker
        ? [
            // Issue changes a dead process left, and failed calls whose retry is due.
            job('tracker-sync', options.jobs?.syncIssuesEveryMs ?? SYNC_ISSUES_EVERY_MS, () => syncDueIssues(trackers())),
            // Changes made in the tracker whose webhook never arrived.
            job('tracker-poll', pollEveryMs, () => pollTracker(trackers(), pollEveryMs)),
          ]
        : []),
      job('review-reminders', options.jobs?.remindersEveryMs ?? config.reminders.pollSeconds * 1000, () => remindFacilitators(services().postmortems)),
      // Whether done items work: asked of the owner and the commander some weeks later, in the owner's zone.
      job('verify-items', options.jobs?.remindersEveryMs ?? config.reminders.pollSeconds * 1000, () => askForVerification(services().verifications)),
      // The weekly insights digest in the post-mortems channel, once per scheduled time across replicas.
      ...(digest ? [job('insights-digest', options.jobs?.remindersEveryMs ?? config.reminders.pollSeconds * 1000, () => postInsightsDigest({ ...services().insights, digest }))] : []),
      // Incidents changed since the last pass (their post-mortems and alerts too), re-indexed for search.
      job('search-index', options.jobs?.searchIndexEveryMs ?? SEARCH_INDEX_EVERY_MS, searchIndexRefresher({ db: database.db, clock, logger })),
      // This process is alive, and how many share the workspace's Slack budget.
      job('slack-replicas', options.jobs?.replicaBeatEveryMs ?? REPLICA_BEAT_EVERY_MS, () => budget.beat()),
    ];
    receiver = app;
    // In Socket Mode, starting opens the connection with the app-level token.
    const started = await startupStep(config.mode === 'socket' ? 'slack_app_token' : 'listen', () => app.start(config.port));
    for (const j of jobs) j.start();
    // In Socket Mode the receiver serves /healthz and the alert endpoints on a server of its own.
    const server = config.mode === 'http' ? (started as Server) : (app as unknown as { receiver: { httpServer?: Server } }).receiver.httpServer;
    const port = (server?.address() as AddressInfo | null)?.port ?? config.port;
    ready = true;
    logger.info({ mode: config.mode, port }, 'incident bot is ready');

    let stopping: Promise<void> | undefined;
    return {
      port,
      database,
      inFlight,
      jobs: new Map(jobs.map((j) => [j.name, j])),
      alerts: alertProcessor,
      stop() {
        stopping ??= (async () => {
          await app.stop().catch((err: unknown) => logger.warn({ err }, 'stopping the Slack receiver failed'));
          for (const j of jobs) await j.stop();
          await alertProcessor?.drained();
          await exportPass?.drained();
          await accountsPass?.drained();
          await issuePass?.drained();
          await budget.leave().catch((err: unknown) => logger.warn({ err }, 'could not leave the count of running processes'));
          if (!(await inFlight.drained(DRAIN_TIMEOUT_MS))) {
            logger.warn({ inFlight: inFlight.size }, 'shutting down with handlers still running');
          }
          await database.close();
          logger.info('incident bot stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await receiver?.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
}
