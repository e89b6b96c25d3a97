import { z } from 'zod';
import type { WebhookReading, WebhookRequest } from '../tracker';
import { sha256SignatureMatches } from '../webhook-signature';
import { githubIssue, trackerIssueOf } from './github-issue';

/** The `issues` actions that can change what the bot knows of an issue: state, owner or body. */
const FOLLOWED_ACTIONS = new Set(['opened', 'edited', 'closed', 'reopened', 'assigned', 'unassigned']);

const issuesEvent = z.object({
  action: z.string(),
  issue: githubIssue,
  repository: z.object({ full_name: z.string() }),
  sender: z.object({ login: z.string() }).nullish(),
});

export interface WebhookContext {
  /** The webhook's secret; without one every delivery is refused. */
  secret: string | undefined;
  /** `owner/repo` the bot files into: deliveries about any other repository are ignored. */
  fullName: string;
  /** The bot's own login, once known: changes it made are marked `byBot`. */
  botLogin: string | null;
}

/**
 * A GitHub webhook delivery, verified then read: `forged` unless signed with the secret;
 * `changes` for an `issues` event about the bot's repository and an issue carrying a marker;
 * `ignored`, with the reason, for anything else (`ping`, other events and actions, other
 * repositories, people's own issues, a body that is not the JSON GitHub sends).
 */
export function readGitHubWebhook(request: WebhookRequest, context: WebhookContext): WebhookReading {
  if (!context.secret) return { kind: 'forged', reason: 'GITHUB_WEBHOOK_SECRET is not set' };
  const signature = request.headers['x-hub-signature-256'];
  if (!signature) return { kind: 'forged', reason: 'the delivery has no X-Hub-Signature-256' };
  if (!sha256SignatureMatches(signature, request.body, context.secret)) {
    return { kind: 'forged', reason: 'X-Hub-Signature-256 does not match the body signed with GITHUB_WEBHOOK_SECRET' };
  }

  const event = request.headers['x-github-event'] ?? '(none)';
  if (event === 'ping') return { kind: 'ignored', reason: 'ping' };
  if (event !== 'issues') return { kind: 'ignored', reason: `${event.slice(0, 60)} events are not followed` };

  let json: unknown;
  try {
    json = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { kind: 'ignored', reason: 'the body is not JSON' };
  }
  const action = (json as { action?: unknown } | null)?.action;
  if (typeof action !== 'string' || !FOLLOWED_ACTIONS.has(action)) return { kind: 'ignored', reason: `issues ${String(action).slice(0, 60)} is not followed` };
  const parsed = issuesEvent.safeParse(json);
  if (!parsed.success) return { kind: 'ignored', reason: `issues ${action} does not hold the issue, repository and sender GitHub sends` };

  const { issue, repository, sender } = parsed.data;
  if (repository.full_name.toLowerCase() !== context.fullName.toLowerCase()) {
    return { kind: 'ignored', reason: `the change is in ${repository.full_name.slice(0, 100)}, not ${context.fullName}` };
  }
  const read = trackerIssueOf(issue, context.fullName);
  if (!read.marker) return { kind: 'ignored', reason: `${read.label} is not an action item's issue (no marker)` };
  const byBot = Boolean(sender && context.botLogin && sender.login.toLowerCase() === context.botLogin.toLowerCase());
  return { kind: 'changes', changes: [{ issue: read, actorName: sender ? `@${sender.login}` : null, byBot }] };
}
