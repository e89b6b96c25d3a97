import type { WebhookReading, WebhookRequest } from '../tracker';
import { sha256SignatureMatches } from '../webhook-signature';
import { toTrackerIssue, type JiraIssueJson } from './jira-issue';

/** What reading a delivery needs to know of the bot's Jira. */
export interface JiraWebhookContext {
  /** The admin webhook's secret; unset, every delivery is refused. */
  secret: string | undefined;
  projectKey: string;
  baseUrl: string;
  /** Whether the user a payload names is the bot's own account. */
  isBot(user: { accountId?: string; emailAddress?: string }): boolean;
}

interface IssueEventPayload {
  webhookEvent?: string;
  user?: { accountId?: string; displayName?: string; emailAddress?: string };
  issue?: JiraIssueJson;
}

const ISSUE_EVENTS = new Set(['jira:issue_created', 'jira:issue_updated']);

/**
 * Reads one admin-webhook delivery: refused unless signed with the secret; issue events of the
 * configured project on issues the bot filed (they carry its marker) become one change each,
 * read like `GET /issue`, with who made it; everything else is ignored.
 */
export function readJiraWebhook(request: WebhookRequest, context: JiraWebhookContext): WebhookReading {
  if (!context.secret) return { kind: 'forged', reason: 'JIRA_WEBHOOK_SECRET is not set' };
  const signature = request.headers['x-hub-signature'];
  if (!signature) return { kind: 'forged', reason: 'no X-Hub-Signature header' };
  if (!sha256SignatureMatches(signature, request.body, context.secret)) return { kind: 'forged', reason: 'X-Hub-Signature does not match the body' };

  let payload: IssueEventPayload;
  try {
    payload = JSON.parse(request.body.toString('utf8')) as IssueEventPayload;
  } catch {
    return { kind: 'ignored', reason: 'the body is not JSON' };
  }
  const event = payload.webhookEvent ?? 'no webhookEvent';
  if (!ISSUE_EVENTS.has(event)) return { kind: 'ignored', reason: `${event} is not an issue event` };
  const issue = payload.issue;
  if (!issue?.key) return { kind: 'ignored', reason: `${event} names no issue` };
  const project = issue.fields?.project?.key;
  if (project !== context.projectKey) return { kind: 'ignored', reason: `${issue.key} is in project ${project ?? 'unknown'}, not ${context.projectKey}` };

  let read;
  try {
    read = toTrackerIssue(issue, context.baseUrl);
  } catch {
    return { kind: 'ignored', reason: `${issue.key} is missing fields the bot reads` };
  }
  if (!read.marker) return { kind: 'ignored', reason: `${issue.key} was not filed by the bot` };
  const user = payload.user;
  return {
    kind: 'changes',
    changes: [{ issue: read, actorName: user?.displayName ?? null, byBot: user ? context.isBot(user) : false }],
  };
}
