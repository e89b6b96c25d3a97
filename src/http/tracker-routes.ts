import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import type { TrackerKind, WebhookReading } from '../trackers/tracker';
import type { IssueChangeOutcome } from '../trackers/apply-issue-change';
import { BodyTooLarge, readBody } from './read-body';

/** Issue webhooks are small; GitHub caps payloads at 25 MB, but an issue event is a few kilobytes. */
export const TRACKER_BODY_LIMIT = 1024 * 1024;

/** What the endpoint needs once the bot is up: the tracker's reader and where its changes go. */
export interface TrackerIntake {
  kind: TrackerKind;
  read(request: { headers: Record<string, string | undefined>; body: Buffer }): WebhookReading;
  apply(reading: Extract<WebhookReading, { kind: 'changes' }>): Promise<IssueChangeOutcome[]>;
}

/**
 * `POST /trackers/github` and `POST /trackers/jira` on the bot's HTTP port, in both modes. A
 * delivery is verified by its signature before anything is read from it (401 otherwise, with no
 * detail); its changes are applied before the 2xx, so a failure answers 503 and the tracker (or
 * the poll) brings the change again. Until the bot is ready, or for a tracker it does not use, 404.
 */
export function trackerRoutes(logger: Logger, intake: () => TrackerIntake | undefined) {
  return (['github', 'jira'] as const).map((kind) => ({
    path: `/trackers/${kind}`,
    method: ['POST'],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      receive(logger, kind, intake(), req, res).catch((err: unknown) => {
        logger.error({ err, tracker: kind }, 'a tracker webhook could not be handled');
        if (!res.headersSent) reply(res, 503, { error: 'could not handle the delivery; send it again' });
      });
    },
  }));
}

async function receive(logger: Logger, kind: TrackerKind, intake: TrackerIntake | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!intake || intake.kind !== kind) {
    req.resume();
    return reply(res, 404, { error: `this bot does not use ${kind === 'github' ? 'GitHub' : 'Jira'}: see README, "Issue trackers"` });
  }
  let body: Buffer;
  try {
    body = await readBody(req, TRACKER_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLarge) return reply(res, 413, { error: 'body too large' });
    throw error;
  }
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  const reading = intake.read({ headers, body });
  if (reading.kind === 'forged') {
    logger.warn({ tracker: kind, outcome: 'refused', reason: reading.reason }, 'tracker webhook refused');
    return reply(res, 401, {});
  }
  if (reading.kind === 'ignored') return reply(res, 202, { ignored: reading.reason });
  const outcomes = await intake.apply(reading);
  logger.debug({ tracker: kind, outcomes }, 'tracker webhook handled');
  reply(res, 200, { outcomes });
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
