import { slackDate } from '../mrkdwn/date-token';
import { escapeAndTruncate, mrkdwnLink } from '../mrkdwn/escape';
import { outcomesText } from '../recurrence/item-outcomes';
import type { PastIncident } from '../recurrence/past-incident';
import { markdownInline, markdownLink } from './markdown-escape';
import type { PostmortemDocument } from './postmortem-document';

const TITLE_MAX = 150;
const isWebLink = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);

/**
 * Where a past incident's post-mortem can be read, in mrkdwn: its published message, its file in
 * the repository (a web link), else its channel; "not published" when there is none yet.
 */
function whereToRead(past: PastIncident): string {
  const places: string[] = [];
  if (past.postmortem.messageUrl) places.push(mrkdwnLink(past.postmortem.messageUrl, 'post-mortem'));
  if (isWebLink(past.postmortem.fileUrl)) places.push(mrkdwnLink(past.postmortem.fileUrl, 'in the repository'));
  if (places.length === 0) places.push(past.postmortem.published ? 'post-mortem' : 'post-mortem not published');
  if (past.channelId) places.push(`<#${past.channelId}>`);
  return places.join(' · ');
}

/**
 * One past incident on one line of mrkdwn: its title, severity and day (each reader's own), where
 * its post-mortem is, and what became of its action items.
 */
export function pastIncidentMrkdwn(past: PastIncident): string {
  const day = slackDate(past.declaredAt, '{date_short_pretty}');
  return `*${escapeAndTruncate(past.title, TITLE_MAX)}* · ${past.severity} · ${day} · ${whereToRead(past)}\n${escapeAndTruncate(outcomesText(past.items), 200)}`;
}

/** The Slack section of the post-mortem: null when no incident was kept as related. */
export function relatedIncidentsMrkdwn(doc: Pick<PostmortemDocument, 'related'>): string | null {
  const related = doc.related ?? [];
  if (related.length === 0) return null;
  return `*Related incidents (${related.length})*\n${related.map((p) => `• ${pastIncidentMrkdwn(p).replace('\n', ' — ')}`).join('\n')}`;
}

/**
 * The Markdown section: each related incident with its UTC day, a link to its post-mortem (the
 * file in the repository first, being where this one is read, then its Slack message), and its
 * action items. None when no incident was kept as related.
 */
export function relatedIncidentsMarkdown(doc: Pick<PostmortemDocument, 'related'>): string[] {
  const related = doc.related ?? [];
  if (related.length === 0) return [];
  const lines = related.map((p) => {
    const link = isWebLink(p.postmortem.fileUrl) ? p.postmortem.fileUrl : p.postmortem.messageUrl;
    const where = link ? markdownLink('post-mortem', link) : p.channelName ? markdownInline(`#${p.channelName}`) : 'no post-mortem link';
    return `- **${markdownInline(p.title)}** (${p.severity}, ${p.declaredAt.toISOString().slice(0, 10)}) — ${where} · ${markdownInline(outcomesText(p.items))}`;
  });
  return [`## Related Incidents\n\nPast incidents like this one, and what became of their action items.\n\n${lines.join('\n')}`];
}
