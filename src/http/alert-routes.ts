import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { ALERT_SOURCES, type AlertSource } from '../alerts/alert-notification';
import { bearerTokenMatches } from '../alerts/http/bearer-token';
import { pagerDutySignatureMatches } from '../alerts/http/pagerduty-signature';
import { receiveNotification } from '../alerts/receive-notification';
import { parseAlertPayload } from '../alerts/sources';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { isAppError } from '../errors';
import type { Logger } from '../logger';
import { BodyTooLarge, readBody } from './read-body';

/** Alertmanager sends every alert of a group at once; a megabyte is thousands of alerts. */
export const ALERT_BODY_LIMIT = 1024 * 1024;

export interface AlertIntake {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** `Authorization: Bearer …` for every source but PagerDuty; unset turns those endpoints off. */
  webhookToken?: string;
  /** PagerDuty signs its webhooks with it; unset turns `/alerts/pagerduty` off. */
  pagerdutySecret?: string;
  /** Called once a notification is stored: handling it starts. */
  onStored(): void;
}

/**
 * `POST /alerts/<source>` for each source, on the bot's HTTP port in both modes. A notification
 * is stored before the 2xx; wrong credentials get 401 with no detail, a malformed body 400 naming
 * what is wrong, an oversized one 413. Only the source, group key and outcome are logged.
 */
export function alertRoutes(intake: AlertIntake) {
  return ALERT_SOURCES.map((source) => ({
    path: `/alerts/${source}`,
    method: ['POST'],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      receive(intake, source, req, res).catch((err: unknown) => {
        intake.logger.error({ err, source }, 'an alert notification could not be stored');
        if (!res.headersSent) reply(res, 503, { error: 'could not store the notification; send it again' });
      });
    },
  }));
}

async function receive(intake: AlertIntake, source: AlertSource, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { logger } = intake;
  const secret = source === 'pagerduty' ? intake.pagerdutySecret : intake.webhookToken;
  if (!secret) {
    req.resume();
    return reply(res, 404, { error: `alerts from ${source} are off: see README, "Alerts"` });
  }
  if (source !== 'pagerduty' && !bearerTokenMatches(header(req, 'authorization'), secret)) {
    req.resume();
    logger.warn({ source, outcome: 'unauthorized' }, 'alert notification refused');
    return reply(res, 401, {});
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, ALERT_BODY_LIMIT);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    logger.warn({ source, outcome: 'too_large' }, 'alert notification refused');
    return reply(res, 413, { error: `the body is over ${ALERT_BODY_LIMIT} bytes` }, true);
  }
  if (source === 'pagerduty' && !pagerDutySignatureMatches(header(req, 'x-pagerduty-signature'), raw, secret)) {
    logger.warn({ source, outcome: 'unauthorized' }, 'alert notification refused');
    return reply(res, 401, {});
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return reply(res, 400, { error: 'body: expected JSON' });
  }
  let parsed;
  try {
    parsed = parseAlertPayload(source, body, intake.clock.now());
  } catch (error) {
    if (!isAppError(error)) throw error;
    logger.warn({ source, outcome: 'malformed' }, 'alert notification refused');
    return reply(res, 400, { error: error.message });
  }
  if (parsed.kind === 'ignored') {
    logger.info({ source, outcome: 'ignored' }, 'alert notification ignored');
    return reply(res, 200, { status: 'ignored', reason: parsed.reason });
  }
  const { notification } = parsed;
  const fresh = await receiveNotification(intake, notification, raw);
  logger.info({ source, groupKey: notification.groupKey, outcome: fresh ? 'stored' : 'duplicate' }, 'alert notification received');
  reply(res, fresh ? 202 : 200, { status: fresh ? 'accepted' : 'already_received' });
  if (fresh) intake.onStored();
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function reply(res: ServerResponse, status: number, body: object, close = false): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...(close ? { connection: 'close' } : {}) });
  res.end(JSON.stringify(body));
}
