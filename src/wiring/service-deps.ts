import type { SlackRateLimiter } from '../slack/rate-limits/slack-rate-limiter';
import type { PacerTime } from '../slack/web-api/channel-pacer';
import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { IncidentDeps } from '../incidents/incident-deps';
import type { AlertDeps } from '../alerts/alert-deps';
import type { AccountDeps } from '../accounts/account-deps';
import { SlackAccountPort } from '../slack/ports/slack-account-port';
import { linkedAlertsOf } from '../alerts/alert-queries';
import { exportedPostmortemLink } from '../postmortems/export-postmortems';
import { SlackAlertPort } from '../slack/ports/slack-alert-port';
import type { PostmortemDeps } from '../postmortems/postmortem-deps';
import { refreshPublishedPostmortem } from '../postmortems/publish-postmortem';
import type { ReminderDeps } from '../action-items/send-due-reminders';
import type { ListenerDeps, Services } from '../slack/listeners/listener-deps';
import { SlackIncidentPort } from '../slack/ports/slack-incident-port';
import { SlackPostmortemPort } from '../slack/ports/slack-postmortem-port';
import { SlackReminderPort } from '../slack/ports/slack-reminder-port';
import { SlackTimelinePort } from '../slack/ports/slack-timeline-port';
import { SlackVerificationPort } from '../slack/ports/slack-verification-port';
import { SlackInsightsPort } from '../slack/ports/slack-insights-port';
import { SlackTrackerPort } from '../slack/ports/slack-tracker-port';
import type { Tracker } from '../trackers/tracker';
import type { TrackerDeps } from '../trackers/tracker-deps';
import type { TrackerGate } from '../trackers/tracker-gate';
import { itemIssues } from '../trackers/item-issues';
import { publishedPlaces } from '../postmortems/published-places';
import type { RecurrenceDeps } from '../recurrence/recurrence-deps';
import { recordSignatureOf } from '../recurrence/incident-signature';
import { relatedIncidents } from '../recurrence/related-incidents';
import { showSimilarIncidents } from '../recurrence/show-similar-incidents';
import { SlackRecurrencePort } from '../slack/ports/slack-recurrence-port';
import { LiveChannelMembers } from '../slack/web-api/channel-members';
import type { ChannelPacer } from '../slack/web-api/channel-pacer';
import { UserDirectory, type UserProfileCache } from '../slack/web-api/user-directory';
import type { CaptureAcknowledger } from '../slack/web-api/capture-acknowledger';
import type { MarkedMessageReader } from '../slack/web-api/marked-message-reader';
import type { ThreadParents } from '../slack/web-api/thread-parents';
import type { ChannelTopics } from '../slack/web-api/channel-topics';
import type { DmChannels } from '../slack/web-api/dm-channels';
import type { CoalescedRefresh } from '../jobs/coalesced-refresh';

export interface CoreDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  config: ListenerDeps['config'];
}

/**
 * Binds every service to Slack through one Web API client: the only place the ports are chosen.
 * Listeners call it per request (Bolt hands each its client); background jobs once, with the app's.
 */
/** What all requests of one process share: people's profiles and each channel's posting pace. */
export interface SharedSlackState {
  profiles: UserProfileCache;
  postPacer: ChannelPacer;
  /** Each person's DM channel with the bot, opened once for every port that DMs. */
  dmChannels: DmChannels;
  /** The topic last set in each incident channel, not set again unchanged. */
  topics: ChannelTopics;
  /** Incidents' card and announcement updates, shared by the changes that arrive together. */
  incidentRefreshes: CoalescedRefresh;
  /** Keeps this process's Web API calls within Slack's rate limits; says how long a call would wait. */
  rateLimiter: SlackRateLimiter;
  /** Time as the Slack side waits on it: the wall clock, or the benchmark's faster one. */
  slackTime: PacerTime;
  /** The thread of each reply seen in message events. */
  threadParents: ThreadParents;
  /** Marked messages read together per channel, instead of one call each. */
  markedMessages: MarkedMessageReader;
  /** Captures acknowledged with :memo:, or by one note when Slack's budget is spent. */
  captureAcks: CaptureAcknowledger;
  /** The workspace's address (`auth.test`'s `url`), known once the bot has started: permalinks are built from it. */
  workspaceUrl?: string;
  /** The git repository for published post-mortems, when configured. */
  archive?: PostmortemDeps['archive'];
  /** Asks the accounts pass to run soon: an incident was resolved, or accounts were requested. */
  accountsRequested?: () => void;
  /** The team's issue tracker, checked at start-up, when configured. */
  tracker?: { tracker: Tracker; gate: TrackerGate; createMode: 'always' | 'button'; requested?: () => void };
}

export function servicesFactory(core: CoreDeps, shared: SharedSlackState): ListenerDeps['services'] {
  return (client: WebClient, botUserId?: string): Services => {
    const { db, clock, logger, config } = core;
    const members = new LiveChannelMembers(client);
    const people = new UserDirectory(client, shared.profiles);
    const incidents: IncidentDeps = {
      db,
      clock,
      logger,
      members,
      port: new SlackIncidentPort(client, { incidentsChannel: config.incidentsChannel, botUserId, topics: shared.topics }),
      refreshes: shared.incidentRefreshes,
      policy: config.postmortems,
      resolved: () => shared.accountsRequested?.(),
      declared: (incidentId) => showSimilarIncidents(recurrence, incidentId, 'declared'),
      cardContext: async (incidentId) => ({
        alerts: await linkedAlertsOf(db, incidentId),
        postmortemLink: await exportedPostmortemLink(postmortems, incidentId),
      }),
    };
    const alerts: AlertDeps = {
      db,
      clock,
      logger,
      port: new SlackAlertPort(client, shared.postPacer),
      incidents,
      policy: { incidentsChannel: config.incidentsChannel, offersPerMinute: config.alerts.offersPerMinute, rules: config.alerts.rules },
      botUserId,
    };
    const accounts: AccountDeps = {
      db,
      clock,
      logger,
      members,
      port: new SlackAccountPort(client, people, shared.dmChannels),
      policy: config.postmortems,
      defaultTimeZone: config.reminders.defaultTimeZone,
      botUserId,
      requested: () => shared.accountsRequested?.(),
    };
    const refreshPublished = { refresh: (incidentId: string) => refreshPublishedPostmortem(postmortems, incidentId) };
    const trackers: TrackerDeps | undefined = shared.tracker && {
      db,
      clock,
      logger,
      ...shared.tracker,
      port: new SlackTrackerPort(client, people),
      postmortemPlaces: (incident) => publishedPlaces(postmortems, incident),
      published: refreshPublished,
    };
    const issues = trackers && itemIssues(trackers);
    const postmortems: PostmortemDeps = {
      db,
      clock,
      logger,
      members,
      port: new SlackPostmortemPort(client, people, shared.postPacer, shared.dmChannels),
      incidents,
      policy: config.postmortems,
      accounts,
      reminderPolicy: config.reminders,
      ...(shared.archive ? { archive: shared.archive } : {}),
      ...(issues ? { issues } : {}),
      saved: (incidentId) => recordSignatureOf(recurrence, incidentId),
      relatedIncidents: (incidentId, ids) => relatedIncidents(recurrence, incidentId, ids),
    };
    const recurrence: RecurrenceDeps = {
      db,
      clock,
      logger,
      port: new SlackRecurrencePort(client),
      postmortemPlaces: (incident) => publishedPlaces(postmortems, incident),
    };
    const issueButton = config.tracker?.create === 'button' && shared.tracker ? { trackerName: shared.tracker.tracker.name } : undefined;
    const reminders: ReminderDeps = { db, clock, logger, port: new SlackReminderPort(client, people, shared.dmChannels, issueButton), policy: config.reminders };
    return {
      accounts,
      alerts,
      members,
      people,
      incidents,
      recurrence,
      insights: { db, clock, logger, members, port: new SlackInsightsPort(client, people, shared.dmChannels), policy: config.postmortems },
      timeline: {
        db,
        clock,
        logger,
        members,
        port: new SlackTimelinePort(client, {
          emoji: config.timelineEmoji,
          botUserId,
          reader: shared.markedMessages,
          acknowledger: shared.captureAcks,
          workspaceUrl: shared.workspaceUrl,
        }),
      },
      postmortems,
      reminders,
      actionItems: { ...reminders, published: refreshPublished, ...(issues ? { issues } : {}) },
      ...(trackers ? { trackers } : {}),
      // A "not effective" answer reopens the item's issue too.
      verifications: {
        db,
        clock,
        logger,
        port: new SlackVerificationPort(client, people, shared.dmChannels),
        policy: { hour: config.reminders.hour, defaultTimeZone: config.reminders.defaultTimeZone, afterDays: config.verification.afterDays },
        published: refreshPublished,
        ...(issues ? { issues } : {}),
      },
    };
  };
}

/** What listeners get: the core dependencies and the per-request services. */
export function listenerDeps(core: CoreDeps & { config: Config }, shared: SharedSlackState): ListenerDeps {
  return { ...core, threadParents: shared.threadParents, slackTime: shared.slackTime, services: servicesFactory(core, shared) };
}
