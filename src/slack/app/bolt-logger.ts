import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger';

const TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

/**
 * The Web API client's debug lines that carry what was sent or answered: titles, messages,
 * people's names and email addresses. Logs say which method ran (its `apiCall('…')` lines stay),
 * with ids and errors, never the bodies.
 */
const BODY_LINES = /^http request (?:body|result|headers):/;

/**
 * Routes Bolt's and the WebClient's logging through pino, so every line is JSON, shares the
 * redaction rules and obeys LOG_LEVEL. Bolt's own `setLevel` is ignored: LOG_LEVEL decides.
 */
export function boltLogger(logger: Logger, name = 'bolt'): BoltLogger {
  let child = logger.child({ component: name });
  return {
    debug: (...msg: unknown[]) => {
      const line = format(...msg);
      if (!BODY_LINES.test(line)) child.debug(line);
    },
    info: (...msg: unknown[]) => child.info(format(...msg)),
    warn: (...msg: unknown[]) => child.warn(format(...msg)),
    error: (...msg: unknown[]) => child.error(format(...msg)),
    setLevel: () => undefined,
    getLevel: () => TO_BOLT[logger.level] ?? LogLevel.ERROR,
    setName: (newName: string) => {
      child = logger.child({ component: newName });
    },
  };
}
