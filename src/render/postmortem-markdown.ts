import { ACTION_ITEM_TYPE_LABELS } from '../action-items/action-item';
import { humanDuration } from '../duration';
import { CAUSE_GROUPS, type CauseGroup } from '../postmortems/postmortem';
import type { TimelineEntry } from '../timeline/timeline-entry';
import { MILESTONE_LABELS } from '../timeline/timeline-entry';
import { describeChange } from '../timeline/describe-change';
import { plainFromSlack } from '../mrkdwn/plain-text';
import type { PostmortemDocument } from './postmortem-document';

/** Google's SRE template names the three cause groups after the incident's phases. */
const ROOT_CAUSE_HEADINGS: Record<CauseGroup, string> = {
  avoid: 'Trigger — how could we have avoided it?',
  detect: 'Detection — how could we have detected it sooner?',
  fixFaster: 'Resolution — how could we have fixed it faster?',
};

/** `2026-11-22 14:05`, in UTC, read off the ISO form (a time-zone lookup per entry was most of the rendering time). */
const utcMinute = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');
const utc = (date: Date | null) => (date ? `${utcMinute(date)} UTC` : '—');

/** Text that Markdown must show as written: no HTML, no accidental emphasis or links. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#|~])/g, '\\$1')
    .split('\n')
    .map((line) => line.trimStart().replace(/^([-+=]|\d+[.)])/, '\\$1'))
    .join('\n');
}

const cell = (text: string) => escapeMarkdown(text).replace(/\r?\n/g, ' ');
const list = (items: string[], empty = '_None recorded._') =>
  items.length ? items.map((item) => `- ${escapeMarkdown(item)}`).join('\n') : empty;

function entryLine(doc: PostmortemDocument, entry: TimelineEntry): string {
  const when = `**${utcMinute(entry.occurredAt)}**`;
  switch (entry.kind) {
    case 'system':
      return `- ${when} ${escapeMarkdown(describeChange(entry, { name: (id) => doc.person(id), text: (t) => t }))}`;
    case 'message': {
      const text = plainFromSlack(entry.text, (id) => doc.person(id)).replace(/\s*\n\s*/g, ' ');
      const files = entry.filesNote ? ` (${entry.filesNote})` : '';
      return `- ${when} ${escapeMarkdown(`${doc.person(entry.authorId)}: ${text}${files}`)}`;
    }
    case 'manual': {
      const milestone = entry.milestone ? `**${MILESTONE_LABELS[entry.milestone]}:** ` : '';
      return `- ${when} ${milestone}${escapeMarkdown(entry.text.replace(/\s*\n\s*/g, ' '))}`;
    }
  }
}

/**
 * The post-mortem as the Markdown file teams keep in a `post-mortems` repository, laid out like
 * Google's SRE post-mortem template, all times in UTC.
 */
export function postmortemMarkdown(doc: PostmortemDocument): string {
  const { incident, postmortem, metrics } = doc;
  const content = postmortem.content;
  const authors = postmortem.authorIds.map((id) => doc.person(id)).join(', ') || '—';
  const duration = (ms: number | null) => (ms === null ? '—' : humanDuration(ms));
  const status = postmortem.publishedAt ? 'Complete, action items in progress' : 'Draft';

  const sections = [
    `# ${escapeMarkdown(incident.title)}`,
    `### Date\n\n${utc(incident.impactStartedAt)} – ${utc(incident.resolvedAt)}`,
    `### Authors\n\n${escapeMarkdown(authors)}`,
    `### Status\n\n${status}`,
    `### Summary\n\n${escapeMarkdown(content.summary) || '_Not written._'}`,
    `### Impact\n\n${escapeMarkdown(content.impact) || '_Not written._'}`,
    `### Root Causes\n\n${CAUSE_GROUPS.map((g) => `#### ${ROOT_CAUSE_HEADINGS[g]}\n\n${list(content.causes[g])}`).join('\n\n')}`,
  ];
  if (content.fiveWhys.length) {
    sections.push(`### Five Whys\n\n${content.fiveWhys.map((why, i) => `${i + 1}. ${escapeMarkdown(why)}`).join('\n')}`);
  }
  const items = doc.actionItems.map(
    (item) =>
      `| ${cell(item.description)} | ${ACTION_ITEM_TYPE_LABELS[item.type]} | ${cell(doc.person(item.ownerId))} | ${item.dueDate} | ${
        item.ticketUrl ? `<${item.ticketUrl.replace(/[|<>\s]/g, encodeURIComponent)}>` : '—'
      } | ${item.status === 'wont_do' ? "won't do" : item.status} |`,
  );
  sections.push(
    `### Action Items\n\n${
      items.length ? ['| Action Item | Type | Owner | Due | Ticket | Status |', '| --- | --- | --- | --- | --- | --- |', ...items].join('\n') : '_None._'
    }`,
    `### Lessons Learned\n\n#### What went well\n\n${list(content.wentWell)}\n\n#### What went wrong\n\n${list(
      content.wentWrong,
    )}\n\n#### Where we got lucky\n\n${list(content.gotLucky)}`,
    `### Timeline\n\nAll times UTC.\n\n${doc.timeline.map((e) => entryLine(doc, e)).join('\n') || '_No entries._'}`,
    [
      '### Supporting information',
      '',
      '| | |',
      '| --- | --- |',
      `| Severity | ${incident.severity} |`,
      `| Impact started | ${utc(incident.impactStartedAt)} |`,
      `| Detected | ${utc(incident.detectedAt ?? incident.declaredAt)} |`,
      `| Declared | ${utc(incident.declaredAt)} |`,
      `| Mitigated | ${utc(incident.mitigatedAt)} |`,
      `| Resolved (end) | ${utc(incident.resolvedAt)} |`,
      `| Duration (impact) | ${duration(metrics.durationMs)} |`,
      `| Time to detect | ${duration(metrics.timeToDetectMs)} |`,
      `| Time to mitigate | ${duration(metrics.timeToMitigateMs)} |`,
      `| Time to resolve | ${duration(metrics.timeToResolveMs)} |`,
      `| Incident commander | ${cell(doc.person(incident.commanderId))} |`,
      `| Facilitator | ${content.facilitatorId ? cell(doc.person(content.facilitatorId)) : '—'} |`,
      `| Review meeting | ${content.meetingDate ?? '—'} |`,
      `| Tags | ${content.tags.length ? cell(content.tags.join(', ')) : '—'} |`,
    ].join('\n'),
  );
  return `${sections.join('\n\n')}\n`;
}

/** `incidents/YYYY/MM/<slug>/README.md`, by the month impact started (UTC). */
export function postmortemPath(slug: string, impactStartedAt: Date): string {
  return `incidents/${impactStartedAt.toISOString().slice(0, 7).replace('-', '/')}/${slug}/README.md`;
}
