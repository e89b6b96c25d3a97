import { type CustomRoute, HTTPReceiver, type Logger } from '@slack/bolt';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config';
import { healthRoute } from '../../http/health-route';
import { boltLogger } from './bolt-logger';
import { DurableApp } from '../inbox/durable-app';
import { Inbox } from '../inbox/inbox';
import { registerListeners } from '../listeners';
import type { ListenerDeps } from '../listeners/listener-deps';
import { InFlight } from './in-flight';
import { refuseFutureRequests } from './refuse-future-requests';
import { rateLimitedFetch } from '../rate-limits/rate-limited-fetch';
import type { SlackRateLimiter } from '../rate-limits/slack-rate-limiter';

/** Slack's Web API when SLACK_API_URL does not say otherwise. */
const SLACK_API_URL = 'https://slack.com/api/';
/** How long one Web API call may take once it is sent. */
const CALL_TIMEOUT_MS = 10_000;
/**
 * Calls that may wait for their turn at once. The limiter decides when each goes out; the
 * client's own queue (100 by default) would otherwise hold a person's click behind a burst of
 * background calls, without regard to priority.
 */
const MAX_WAITING_CALLS = 100_000;

/**
 * Web API retries for a person waiting on a modal: a few quick attempts, not the client's
 * default of ten over half an hour. Rate-limited calls still wait for Slack's Retry-After.
 */
export const INTERACTIVE_RETRY_POLICY: NonNullable<WebClientOptions['retryConfig']> = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 4000,
  randomize: true,
};

export interface SlackAppOptions {
  config: Config;
  deps: ListenerDeps;
  ping: () => Promise<void>;
  /** Whether start-up has finished: until then /healthz answers 503. */
  isReady?: () => boolean;
  /** Overrides for the Web API client (tests turn retries off). */
  clientOptions?: WebClientOptions;
  /** How long a request is held by the process handling it (tests shorten it). */
  inboxLeaseMs?: number;
  /** More routes on the HTTP port, in both modes (the alert endpoints). */
  routes?: CustomRoute[];
  /** Keeps every Web API call of this process within Slack's rate limits. */
  rateLimiter: SlackRateLimiter;
}

export interface SlackApp {
  app: DurableApp;
  inFlight: InFlight;
}

/** Bolt's HTTP receiver, refusing requests stamped in the future as it refuses stale ones. */
function httpReceiver(config: Config, routes: CustomRoute[], logger: Logger): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret: config.slack.signingSecret ?? '', port: config.port, customRoutes: routes, logger });
  receiver.requestListener = refuseFutureRequests(receiver.requestListener);
  return receiver;
}

/**
 * Builds the Bolt app for the configured mode. HTTP mode serves `POST /slack/events` and
 * `GET /healthz` on PORT; Socket Mode connects out with the app token and still serves
 * `/healthz` on PORT for container health checks.
 */
export function createSlackApp({ config, deps, ping, isReady, clientOptions, inboxLeaseMs, routes: extraRoutes = [], rateLimiter }: SlackAppOptions): SlackApp {
  const inFlight = new InFlight();
  const inbox = new Inbox(deps, inboxLeaseMs);
  const routes = [healthRoute(ping, isReady), ...extraRoutes];
  const common = {
    token: config.slack.botToken,
    logger: boltLogger(deps.logger),
    deferInitialization: true,
    extendedErrorHandler: true as const,
    // Bolt's conversation store keeps per-conversation state in memory: unused, and a cost per request.
    convoStore: false as const,
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: INTERACTIVE_RETRY_POLICY,
      // Each attempt's timeout starts when it is sent, not while it waits for its turn.
      timeout: 0,
      maxRequestConcurrency: MAX_WAITING_CALLS,
      fetch: rateLimitedFetch(rateLimiter, { apiUrl: config.slack.apiUrl ?? SLACK_API_URL, timeoutMs: CALL_TIMEOUT_MS, logger: deps.logger }),
      ...clientOptions,
    },
  };
  const app =
    config.mode === 'socket'
      ? new DurableApp({ ...common, socketMode: true, appToken: config.slack.appToken, installerOptions: { port: config.port }, customRoutes: routes }, inbox)
      : new DurableApp({ ...common, receiver: httpReceiver(config, routes, common.logger) }, inbox);

  app.use(inFlight.middleware);
  app.use(inbox.middleware);
  registerListeners(app, deps);
  app.error(async ({ error, body }: ExtendedErrorHandlerArgs) => {
    const b = body as { type?: string; event?: { type?: string }; command?: string } | undefined;
    deps.logger.error(
      { err: error.original ?? error, code: error.code, request: b?.type ?? b?.command, event: b?.event?.type },
      'a Slack request failed',
    );
  });
  return { app, inFlight };
}
