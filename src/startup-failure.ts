/** A step of starting the bot, named by what a person would have to fix for it to work. */
export type StartupStep = 'database' | 'slack_bot_token' | 'slack_app_token' | 'listen' | 'postmortems_git' | 'tracker';

/** Starting the bot failed at `step`; `cause` is what that step threw. */
export class StartupFailure extends Error {
  constructor(
    readonly step: StartupStep,
    cause: unknown,
  ) {
    super(`start-up failed at ${step}`, { cause });
    this.name = 'StartupFailure';
  }
}

/** Runs one start-up step, naming it when it fails. */
export async function startupStep<T>(step: StartupStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof StartupFailure ? error : new StartupFailure(step, error);
  }
}

const REJECTED_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

interface Failure {
  code?: string;
  errno?: string;
  hostname?: string;
  message?: string;
  data?: { error?: string };
  original?: unknown;
  cause?: unknown;
}

/** The first network error code (ENOTFOUND…) in an error's chain of causes, with its host. */
function networkProblem(error: unknown): { code: string; host?: string } | undefined {
  for (let e = error as Failure | undefined, depth = 0; e && depth < 6; depth += 1) {
    const code = e.code ?? e.errno;
    if (code && UNREACHABLE.has(code)) return { code, host: e.hostname };
    e = (e.original ?? e.cause) as Failure | undefined;
  }
  return undefined;
}

/**
 * One line for the person starting the bot: what could not be done and what to change. Never a
 * stack; the full error is logged beside it.
 */
export function explainStartupFailure(error: unknown, where: { slackApiUrl: string; port: number; database: string }): string {
  const step = error instanceof StartupFailure ? error.step : undefined;
  const cause = (error instanceof StartupFailure ? error.cause : error) as Failure | undefined;
  const slackError = cause?.data?.error;
  const network = networkProblem(cause);
  if (step === 'slack_bot_token' || step === 'slack_app_token') {
    if (network) return `could not reach Slack at ${where.slackApiUrl} (${network.code}${network.host ? ` ${network.host}` : ''}); check the network, a proxy, or SLACK_API_URL`;
    if (slackError && REJECTED_TOKEN.has(slackError)) {
      return step === 'slack_bot_token'
        ? `Slack rejected SLACK_BOT_TOKEN (${slackError}); copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions again`
        : `Slack rejected SLACK_APP_TOKEN (${slackError}); generate an app-level token (xapp-…) with connections:write under Basic Information`;
    }
    if (slackError) return `Slack refused to start the bot (${slackError})`;
  }
  if (step === 'listen' && cause?.code === 'EADDRINUSE') return `port ${where.port} is already in use; stop what uses it or set PORT`;
  // Git's own message is one line already, without credentials.
  if (step === 'postmortems_git') return `POSTMORTEMS_GIT_URL: ${cause?.message ?? String(cause)}`;
  // The tracker's check says what to fix in one line, naming the variable.
  if (step === 'tracker') return `TRACKER: ${cause?.message ?? String(cause)}`;
  if (step === 'database') return `could not open the database at ${where.database}: ${cause?.message ?? String(cause)}`;
  return cause?.message ?? String(cause);
}
