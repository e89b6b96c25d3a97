import pino, { type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Config } from './config';

export type { Logger } from 'pino';

/** Slack tokens: bot, user, app-level, refresh and configuration tokens all start `xox?-` or `xapp-`. */
const TOKEN_PATTERN = /\b(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]+/g;

/** Replaces anything shaped like a Slack token, wherever it appears in a log line. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, '[REDACTED]');
}

/** Fields that hold secrets by name, whatever their shape (a signing secret is plain hex). */
const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
  'config.headers.Authorization',
  '*.config.headers.Authorization',
];

/**
 * JSON lines on stdout by default; `pretty` gives a readable form for local use. Token-shaped
 * strings are scrubbed from messages and string arguments, and secret fields are redacted.
 */
export function createLogger(options: Config['log'], destination?: DestinationStream): Logger {
  const stream = destination ?? (options.pretty ? pinoPretty({ colorize: true, sync: true }) : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? scrubTokens(a) : a)) as Parameters<typeof method>;
          method.apply(this, clean);
        },
      },
      serializers: {
        err: (err: unknown) => {
          const serialized = pino.stdSerializers.err(err as Error);
          return JSON.parse(scrubTokens(JSON.stringify(serialized)));
        },
      },
    },
    stream,
  );
}
