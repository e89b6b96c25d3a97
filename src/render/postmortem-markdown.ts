import { ACCOUNT_QUESTIONS, ACCOUNT_QUESTION_HEADINGS } from '../accounts/account';
import { ACTION_ITEM_TYPE_LABELS, type ActionItem } from '../action-items/action-item';
import { PROGRESS_WORDS, allVerified, itemProgress } from '../action-items/item-progress';
import { humanDuration } from '../duration';
import { CAUSE_GROUPS, CAUSE_GROUP_QUESTIONS } from '../postmortems/postmortem';
import type { Milestone } from '../timeline/timeline-entry';
import { MILESTONE_LABELS } from '../timeline/timeline-entry';
import { localParts } from '../zoned-time';
import { describeChange } from '../timeline/describe-change';
import { plainFromSlack } from '../mrkdwn/plain-text';
import { channelName, channelUrl } from './channel-link';
import { postmortemFrontMatter } from './front-matter';
import { markdownHeading, markdownInline, markdownLine, markdownLink, markdownParagraphs } from './markdown-escape';
import { mermaidGantt } from './mermaid-gantt';
import { PHASE_CHART_FILE } from './phase-chart';
import type { DocumentEntry, PostmortemDocument } from './postmortem-document';
import { relatedIncidentsMarkdown } from './related-incidents';

/** Alerts listed under Detection; an alert storm would bury the section, and the timeline has them all. */
const DETECTION_ALERTS_MAX = 10;

/** `2026-11-22 14:05`, in UTC, read off the ISO form (a time-zone lookup per entry was most of the rendering time). */
const utcMinute = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');
const duration = (ms: number | null) => (ms === null ? '—' : humanDuration(ms));

const list = (items: string[], empty = '_None recorded._') => (items.length ? items.map((item) => `- ${markdownLine(item)}`).join('\n') : empty);
const table = (headers: string[], rows: string[][]) =>
  [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map((c) => c || '—').join(' | ')} |`)].join('\n');

/** One line of the timeline: `- **2026-05-12 13:47** what happened`. */
function timelineLine(at: Date, markdown: string): string {
  return `- **${utcMinute(at)}** ${markdown}`;
}

function entryLine(doc: PostmortemDocument, entry: DocumentEntry): string {
  switch (entry.kind) {
    case 'system':
      return timelineLine(entry.occurredAt, markdownInline(describeChange(entry, { name: (id) => doc.person(id), text: (t) => t })));
    case 'message': {
      // Captured messages are Slack-formatted (`&gt;`, `<@U…>`): read as plain text first, then escaped for Markdown.
      const text = plainFromSlack(entry.text, (id) => doc.person(id));
      const files = entry.filesNote ? ` (${entry.filesNote})` : '';
      return timelineLine(entry.occurredAt, markdownInline(`${doc.person(entry.authorId)}: ${text}${files}`));
    }
    case 'manual': {
      const milestone = entry.milestone ? `**${MILESTONE_LABELS[entry.milestone]}:** ` : '';
      return timelineLine(entry.occurredAt, `${milestone}${markdownInline(entry.text)}`);
    }
    case 'recalled':
      return timelineLine(entry.occurredAt, `${markdownInline(entry.label)} _(recalled)_: ${markdownInline(entry.text)}`);
  }
}

/** Only a captured entry marks a milestone: a recalled moment is someone's memory of it, not the record. */
const marks = (entry: DocumentEntry, milestone: Milestone) => entry.kind === 'manual' && entry.milestone === milestone;

/**
 * The whole timeline, with the moment impact started on it when no entry marks it: impact often
 * starts before anyone wrote anything (the alert's own time, a time read off a graph later), and
 * a timeline that opens at the first message hides how long nobody knew.
 */
function timelineLines(doc: PostmortemDocument): string[] {
  const lines = doc.timeline.map((entry) => ({ at: entry.occurredAt, line: entryLine(doc, entry) }));
  const started = doc.incident.impactStartedAt;
  if (!doc.timeline.some((e) => marks(e, 'impact_started'))) {
    const index = lines.findIndex((l) => l.at.getTime() >= started.getTime());
    lines.splice(index < 0 ? lines.length : index, 0, { at: started, line: timelineLine(started, `**${MILESTONE_LABELS.impact_started}.**`) });
  }
  return lines.map((l) => l.line);
}

/** `2026-05-12 13:46 – 14:42 UTC`, the date written once when impact started and ended on the same day. */
function dateRange(from: Date, to: Date | null): string {
  if (!to) return `${utcMinute(from)} UTC – not resolved`;
  const [start, end] = [utcMinute(from), utcMinute(to)];
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} – ${end.slice(11)} UTC` : `${start} UTC – ${end} UTC`;
}

function statusLine(doc: PostmortemDocument): string {
  if (!doc.postmortem.publishedAt) return 'Draft';
  const open = doc.actionItems.filter((item) => item.status === 'open').length;
  return open ? `Complete, action items in progress (${open} of ${doc.actionItems.length} open)` : 'Complete';
}

/** What a ticket link shows: its key (`OPS-4821`), `owner/repo#12` for an issue, else the tracker's host. */
export function ticketLabel(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'ticket';
  }
  let where = `${parsed.pathname}${parsed.search}`;
  try {
    where = decodeURIComponent(where);
  } catch {
    // A stray `%` in a hand-typed link: its key can still be read as it is.
  }
  const key = /(?:^|[^A-Za-z0-9])([A-Z][A-Z0-9_]*-\d+)(?![A-Za-z0-9])/.exec(where);
  if (key) return key[1] as string;
  const issue = /^\/([^/]+\/[^/]+)(?:\/-)?\/(?:issues|pull|merge_requests)\/(\d+)/.exec(parsed.pathname);
  if (issue) return `${issue[1]}#${issue[2]}`;
  const number = /\/(\d+)\/?$/.exec(parsed.pathname);
  return number ? `${parsed.hostname} #${number[1]}` : parsed.hostname;
}

/** `- [ ] What to do` with who, when, what kind and where on a line of their own, so no column squeezes them. */
function actionItemLines(doc: PostmortemDocument, item: ActionItem): string {
  const progress = itemProgress(item);
  const status =
    progress === 'wont_do'
      ? `won't do${item.statusReason ? ` (${item.statusReason})` : ''}`
      : progress === 'reopened'
        ? `reopened: ${item.verificationNote ?? 'not effective'}`
        : PROGRESS_WORDS[progress];
  const description = markdownInline(item.description);
  const details = [
    `**Owner:** ${markdownInline(doc.person(item.ownerId))}`,
    `**Due:** ${item.dueDate}`,
    `**Type:** ${ACTION_ITEM_TYPE_LABELS[item.type]}`,
    `**Status:** ${markdownInline(status)}`,
    ...(item.issue ? [`**Issue:** ${markdownLink(item.issue.label, item.issue.url)}`] : []),
    ...(item.ticketUrl ? [`**Ticket:** ${markdownLink(ticketLabel(item.ticketUrl), item.ticketUrl)}`] : []),
  ];
  const box = item.status === 'done' ? '[x]' : '[ ]';
  // A won't-do item is struck through: closed, but not done.
  return `- ${box} ${item.status === 'wont_do' ? `~~${description}~~` : description}\\\n  ${details.join(' · ')}`;
}

/** Google's *Trigger*, *Detection* and *Resolution*: what happened, from the milestones, the alerts and the resolution note. */
function whatHappened(doc: PostmortemDocument): string[] {
  const { incident, metrics, timeline } = doc;
  const lines = (entries: DocumentEntry[]) => entries.map((e) => entryLine(doc, e)).join('\n');
  const started = `Impact started at ${utcMinute(incident.impactStartedAt)} UTC.`;
  const trigger = [started, lines(timeline.filter((e) => marks(e, 'impact_started')))];

  const declared = `declared at ${utcMinute(incident.declaredAt)} UTC`;
  const detection = [
    incident.detectedAt
      ? `Detected at ${utcMinute(incident.detectedAt)} UTC, ${duration(metrics.timeToDetectMs)} after impact started; ${declared}.`
      : `Detected when the incident was ${declared}, ${duration(metrics.timeToDetectMs)} after impact started.`,
  ];
  const alerts = timeline.filter((e) => e.kind === 'system' && e.change === 'alert_fired');
  const listed = new Set(alerts.slice(0, DETECTION_ALERTS_MAX));
  detection.push(lines(timeline.filter((e) => marks(e, 'detected') || listed.has(e))));
  if (alerts.length > DETECTION_ALERTS_MAX) detection.push(`_${alerts.length - DETECTION_ALERTS_MAX} more alerts fired; the timeline lists them all._`);

  const resolution = [incident.resolutionNote ? markdownParagraphs(incident.resolutionNote) : ''];
  const times: string[] = [];
  if (incident.mitigatedAt) {
    times.push(`Mitigated at ${utcMinute(incident.mitigatedAt)} UTC, ${duration(metrics.timeToMitigateMs)} after detection.`);
  }
  if (incident.resolvedAt) times.push(`Resolved at ${utcMinute(incident.resolvedAt)} UTC, ${duration(metrics.timeToResolveMs)} after detection.`);
  if (metrics.impactMs !== null) times.push(`Impact lasted ${duration(metrics.impactMs)}.`);
  resolution.push(
    times.join(' ') || 'Not resolved yet.',
    lines(timeline.filter((e) => marks(e, 'mitigated') || marks(e, 'resolved') || (e.kind === 'system' && e.change === 'alert_resolved'))),
  );

  const section = (heading: string, parts: string[]) => [`## ${heading}`, ...parts.filter(Boolean)].join('\n\n');
  return [section('Trigger', trigger), section('Detection', detection), section('Resolution', resolution)];
}

/**
 * The participants' accounts, each under its writer's label, one paragraph block per answered
 * question; no section when nobody wrote one.
 */
function perspectives(doc: PostmortemDocument): string[] {
  const accounts = doc.perspectives
    .map((perspective) => {
      const answers = ACCOUNT_QUESTIONS.map((q) => ({ q, text: markdownParagraphs(perspective.answers[q]) })).filter((a) => a.text);
      if (answers.length === 0) return null;
      return [`### ${markdownHeading(perspective.label)}`, ...answers.map((a) => `**${ACCOUNT_QUESTION_HEADINGS[a.q]}**\n\n${a.text}`)].join('\n\n');
    })
    .filter((account): account is string => account !== null);
  const note = "Each in the writer's own words. The times they wrote are given in UTC, and are on the timeline too, marked recalled.";
  return accounts.length ? [`## Perspectives\n\n${note}\n\n${accounts.join('\n\n')}`] : [];
}

/**
 * When the review meeting starts: in the zone it was scheduled in, which is the team's, and in UTC
 * like every other time in the file: `2026-12-08 14:00 Europe/Berlin (13:00 UTC)`.
 */
function meetingStart(startsAt: Date, timeZone: string): string {
  const local = localParts(startsAt, timeZone);
  const utc = utcMinute(startsAt);
  const inUtc = utc.slice(0, 10) === local.date ? utc.slice(11) : utc;
  return `${local.date} ${local.time} ${markdownInline(timeZone)} (${inUtc} UTC)`;
}

/** The Details rows about the review: the scheduled meeting, or what the draft names before it is scheduled. */
function meetingRows(doc: PostmortemDocument): string[][] {
  const name = (id: string | null) => (id ? markdownInline(doc.person(id)) : '');
  const { meeting } = doc;
  const content = doc.postmortem.content;
  if (!meeting) return [['Facilitator', name(content.facilitatorId)], ['Review meeting', content.meetingDate ?? '']];
  return [
    ['Facilitator', name(meeting.facilitatorId)],
    ['Review meeting', meetingStart(meeting.startsAt, meeting.timeZone)],
    ['Invited', meeting.inviteeIds.map((id) => name(id)).join(', ')],
  ];
}

function supportingInformation(doc: PostmortemDocument): string {
  const { incident, postmortem, metrics } = doc;
  const content = postmortem.content;
  const at = (date: Date | null) => (date ? utcMinute(date) : '');
  const times = table(
    ['Moment', 'Time (UTC)'],
    [
      ['Impact started', at(incident.impactStartedAt)],
      ['Detected', incident.detectedAt ? at(incident.detectedAt) : `${at(incident.declaredAt)} (when declared)`],
      ['Declared', at(incident.declaredAt)],
      ['Mitigated', at(incident.mitigatedAt)],
      ['Resolved', at(incident.resolvedAt)],
    ],
  );
  const durations = table(
    ['Measure', 'From → to', 'Duration'],
    [
      ['Impact duration', incident.mitigatedAt || !incident.resolvedAt ? 'impact started → mitigated' : 'impact started → resolved (no mitigation recorded)', duration(metrics.impactMs)],
      ['Time to detect', 'impact started → detected', duration(metrics.timeToDetectMs)],
      ['Time to mitigate', 'detected → mitigated', duration(metrics.timeToMitigateMs)],
      ['Time to resolve', 'detected → resolved', duration(metrics.timeToResolveMs)],
    ],
  );
  const channel = channelName(doc);
  const url = channelUrl(doc);
  const details = table(
    ['Detail', 'Value'],
    [
      ['Severity', incident.severity],
      ['Incident commander', markdownInline(doc.person(incident.commanderId))],
      ...meetingRows(doc),
      ['Tags', markdownInline(content.tags.join(', '))],
      ['Channel', channel ? (url ? markdownLink(channel, url) : markdownInline(channel)) : ''],
    ],
  );
  // The phase chart sits beside the file in the repository; the gantt is drawn by GitHub and GitLab themselves.
  const phases = [`![Phase chart](${PHASE_CHART_FILE})`, mermaidGantt(doc)];
  return ['## Supporting information', '### Times', times, '### Durations', durations, ...phases, '### Details', details].join('\n\n');
}

/**
 * The post-mortem as the Markdown file a team keeps in its repository: YAML front matter for
 * tools, then Google's SRE post-mortem template (with the participants' own accounts), all times
 * in UTC (the review meeting in its own zone as well). Everything people wrote is
 * escaped so it shows as written and cannot change the document's structure.
 */
export function postmortemMarkdown(doc: PostmortemDocument): string {
  const { incident, postmortem } = doc;
  const content = postmortem.content;
  const authors = postmortem.authorIds.map((id) => doc.person(id)).join(', ');
  const causes = CAUSE_GROUPS.map((g) => `### ${CAUSE_GROUP_QUESTIONS[g]}\n\n${list(content.causes[g])}`);
  if (content.fiveWhys.length) {
    causes.push(`### Five Whys\n\n${content.fiveWhys.map((why, i) => `${i + 1}. ${markdownLine(why)}`).join('\n')}`);
  }

  const sections = [
    `# ${markdownHeading(incident.title) || 'Untitled incident'}`,
    `## Date\n\n${dateRange(incident.impactStartedAt, incident.resolvedAt)} (impact started → resolved)`,
    `## Authors\n\n${markdownInline(authors) || '—'}`,
    `## Status\n\n${statusLine(doc)}`,
    `## Summary\n\n${markdownParagraphs(content.summary) || '_Not written._'}`,
    `## Impact\n\n${markdownParagraphs(content.impact) || '_Not written._'}`,
    `## Root Causes\n\n${causes.join('\n\n')}`,
    ...whatHappened(doc),
    `## Action Items\n\n${allVerified(doc.actionItems) ? 'Every action item is done and verified to work.\n\n' : ''}${doc.actionItems.map((item) => actionItemLines(doc, item)).join('\n') || '_None._'}`,
    ...relatedIncidentsMarkdown(doc),
    `## Lessons Learned\n\n### What went well\n\n${list(content.wentWell)}\n\n### What went wrong\n\n${list(
      content.wentWrong,
    )}\n\n### Where we got lucky\n\n${list(content.gotLucky)}`,
    ...perspectives(doc),
    `## Timeline\n\nAll times UTC.\n\n${timelineLines(doc).join('\n')}`,
    supportingInformation(doc),
  ];
  return `${postmortemFrontMatter(doc)}\n${sections.join('\n\n')}\n`;
}

/** `incidents/YYYY/MM/<slug>/README.md`, by the month impact started (UTC). */
export function postmortemPath(slug: string, impactStartedAt: Date): string {
  return `incidents/${impactStartedAt.toISOString().slice(0, 7).replace('-', '/')}/${slug}/README.md`;
}
