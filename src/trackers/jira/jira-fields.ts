import { createHash } from 'node:crypto';
import { itemIdOfMarker, type IssueContent } from '../tracker';
import { issueDescription, type AdfDocument } from './jira-adf';

/** The label every issue the bot files carries: the poll for missed webhooks searches by it. */
export const POLL_LABEL = 'incident';

/** Jira's limit on one label. */
const MAX_LABEL = 255;

/**
 * The label naming an item's issue, `incident-bot-item-<first 8 hex of the item id>`, searched
 * for after a create whose answer was lost. A label, because JQL matches labels exactly, whereas
 * `text ~` goes through Jira's tokenizer and stemmer (a marker full of colons and dashes is split
 * into words and matched loosely). Eight hex digits keep it short for people; two items sharing
 * them are told apart by the full marker in the description, which the search confirms.
 */
export function markerLabel(marker: string): string {
  const itemId = itemIdOfMarker(marker);
  const hex = itemId ? itemId.replace(/-/g, '') : createHash('sha256').update(marker).digest('hex');
  return `incident-bot-item-${hex.slice(0, 8)}`;
}

/**
 * An issue's labels: the content's, with whitespace turned into `-` (Jira refuses a label with a
 * space), the poll's label and the marker's label; without duplicates or empty ones.
 */
export function issueLabels(labels: string[], marker: string): string[] {
  const cleaned = labels.map((label) => label.trim().replace(/\s+/g, '-').slice(0, MAX_LABEL)).filter((label) => label !== '');
  return [...new Set([...cleaned, POLL_LABEL, markerLabel(marker)])];
}

/** Jira's summary: one line of at most 255 characters (it refuses longer ones and line breaks). */
export function issueSummary(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim() || 'Action item';
  if (line.length <= 255) return line;
  // Cut before a surrogate pair rather than through it.
  const cut = /[\uD800-\uDBFF]/.test(line.charAt(253)) ? 253 : 254;
  return `${line.slice(0, cut)}…`;
}

/** The fields `content` sets on an issue: what create sends, and what an update of the body sends. */
export function contentFields(content: IssueContent): { summary: string; description: AdfDocument } {
  return { summary: issueSummary(content.title), description: issueDescription(content.lines, content.marker) };
}

/**
 * `POST /issue`'s `fields`: project and issue type by key and name, the summary and ADF
 * description, labels, the due date, and the assignee when there is one.
 */
export function createFields(content: IssueContent, projectKey: string, issueType: string): Record<string, unknown> {
  return {
    project: { key: projectKey },
    issuetype: { name: issueType },
    ...contentFields(content),
    labels: issueLabels(content.labels, content.marker),
    duedate: content.dueDate || null,
    ...(content.assignee ? { assignee: { accountId: content.assignee } } : {}),
  };
}
