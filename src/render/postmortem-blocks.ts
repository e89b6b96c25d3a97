import type { KnownBlock } from '@slack/types';
import { ACCOUNT_QUESTIONS, ACCOUNT_QUESTION_HEADINGS } from '../accounts/account';
import { ACTION_ITEM_TYPE_LABELS, type ActionItem } from '../action-items/action-item';
import { type ItemProgress, allVerified, itemProgress } from '../action-items/item-progress';
import { humanDuration } from '../duration';
import { CAUSE_GROUPS, CAUSE_GROUP_QUESTIONS } from '../postmortems/postmortem';
import { escapeAndTruncate, escapeMrkdwn, mrkdwnLink, truncateSlackText } from '../mrkdwn/escape';
import type { SlackMessage } from './slack-message';
import { slackDate } from '../mrkdwn/date-token';
import { MILESTONE_LABELS } from '../timeline/timeline-entry';
import { describeChange } from '../timeline/describe-change';
import { plainFromSlack } from '../mrkdwn/plain-text';
import type { DocumentEntry, PostmortemDocument } from './postmortem-document';
import { SECTION_TEXT_MAX, splitText } from './split-text';
import { repositoryLink } from '../mrkdwn/repository-link';
import { relatedIncidentsMrkdwn } from './related-incidents';

/**
 * Slack's documented limits are 50 blocks a message and 3000 characters a section; in practice
 * it also refuses messages whose blocks hold roughly 13,000 characters. These stay under all three.
 */
export const POSTMORTEM_LIMITS = { blocksPerMessage: 45, sectionChars: SECTION_TEXT_MAX, messageChars: 11_000 } as const;

/**
 * The most messages a post-mortem takes in one channel, however long it is. Eight hold about
 * 88,000 characters: everything written in the form (ten fields of at most 3,000 characters), up
 * to 100 action items, a few participants' accounts in full and an excerpt of the timeline. At
 * Slack's one message a second per channel they take about eight seconds to post, and an edit
 * touches only the parts that changed. More would bury the channel; when accounts outgrow the room
 * they are shortened here, and the Markdown file published alongside has everything.
 */
export const MAX_POSTMORTEM_MESSAGES = 8;

/** The most timeline entries shown in Slack: enough to follow the incident, short enough to read. */
export const TIMELINE_SHOWN_MAX = 100;

/** An entry's text in an excerpted timeline is cut here; the file has it whole. */
const EXCERPT_TEXT_MAX = 500;

/**
 * Accounts are shortened only as far as it takes to keep this many of the timeline's most
 * important entries: the timeline is what the accounts are read against.
 */
const TIMELINE_KEPT_FOR_ACCOUNTS = 20;

/** Shortened answers keep at least this much: a sentence or two, enough to see what someone said. */
const ANSWER_EXCERPT_MIN = 280;

const HEADER_MAX = 150;
const TAGS_MAX = 1000;

type Part = { kind: 'header'; text: string } | { kind: 'text'; text: string } | { kind: 'divider' } | { kind: 'fields'; fields: string[] };

const bullets = (items: string[]) => (items.length ? items.map((i) => `• ${escapeMrkdwn(i)}`).join('\n') : '_None recorded._');

function timelineLine(doc: PostmortemDocument, entry: DocumentEntry, textMax = Infinity): string {
  const when = slackDate(entry.occurredAt, '{date_short} {time}');
  const name = (id: string | null | undefined) => escapeMrkdwn(doc.person(id));
  const userText = (text: string) => escapeAndTruncate(text.replace(/\s*\n\s*/g, ' '), textMax);
  switch (entry.kind) {
    case 'system':
      return `${when} _${describeChange(entry, { name, text: userText })}_`;
    case 'message': {
      const text = userText(plainFromSlack(entry.text, (id) => doc.person(id)));
      const link = entry.permalink ? ` ${mrkdwnLink(entry.permalink, '↗')}` : '';
      return `${when} *${name(entry.authorId)}:* ${text}${entry.filesNote ? ` _(${escapeMrkdwn(entry.filesNote)})_` : ''}${link}`;
    }
    case 'manual': {
      const milestone = entry.milestone ? `*${MILESTONE_LABELS[entry.milestone]}:* ` : '';
      return `${when} ${milestone}${userText(entry.text)}`;
    }
    case 'recalled':
      return `${when} *${escapeMrkdwn(entry.label)}* _(recalled)_: ${userText(entry.text)}`;
  }
}

/**
 * The review meeting as a header field: the scheduled one (each reader sees their own time), or
 * what the draft names before it is scheduled. Null when there is nothing to say.
 */
function meetingField(doc: PostmortemDocument): string | null {
  const name = (id: string) => escapeAndTruncate(doc.person(id), 200);
  const { meeting } = doc;
  const content = doc.postmortem.content;
  let parts: string[];
  if (meeting) {
    parts = [slackDate(meeting.startsAt)];
    if (meeting.facilitatorId) parts.push(`facilitated by ${name(meeting.facilitatorId)}`);
    // Everyone the invitation mentions: the invitees and the facilitator, once each.
    const invited = new Set([...meeting.inviteeIds, ...(meeting.facilitatorId ? [meeting.facilitatorId] : [])]).size;
    if (invited) parts.push(`${invited} invited`);
  } else if (content.meetingDate || content.facilitatorId) {
    // The draft's date is a calendar day in the zone of whoever chose it: shown as written, not converted.
    parts = [content.meetingDate ?? 'Not scheduled yet'];
    if (content.facilitatorId) parts.push(`facilitated by ${name(content.facilitatorId)}`);
  } else {
    return null;
  }
  return `*Review meeting*\n${parts.join(' · ')}`;
}

/**
 * The participants' accounts, each answered question under its heading, every answer cut to
 * `answerMax` characters (as escaped); empty when nobody wrote one.
 */
function perspectiveParts(doc: PostmortemDocument, answerMax: number): Part[] {
  const written = doc.perspectives.filter((p) => ACCOUNT_QUESTIONS.some((q) => p.answers[q].trim() !== ''));
  if (written.length === 0) return [];
  let shortened = false;
  const parts: Part[] = [
    { kind: 'text', text: `*Perspectives (${written.length})*\n_Each in the writer's own words; the times they wrote are given in UTC._` },
  ];
  // One part an account (split into sections only where it is long): many short accounts take few blocks.
  for (const perspective of written) {
    const answered = ACCOUNT_QUESTIONS.filter((q) => perspective.answers[q].trim() !== '');
    const answers = answered.map((question) => {
      const whole = escapeMrkdwn(perspective.answers[question].trim());
      const shown = whole.length > answerMax ? truncateSlackText(whole, answerMax) : whole;
      shortened ||= shown !== whole;
      return `_${ACCOUNT_QUESTION_HEADINGS[question]}_\n${shown}`;
    });
    parts.push({ kind: 'text', text: `*${escapeAndTruncate(perspective.label, 200)}*\n${answers.join('\n\n')}` });
  }
  if (shortened) parts.push({ kind: 'text', text: '_Accounts are shortened here; the attached Markdown file has them in full._' });
  parts.push({ kind: 'divider' });
  return parts;
}

/** Everything but the timeline, which gets the room that is left; each answer in an account is cut to `answerMax`. */
function writtenParts(doc: PostmortemDocument, answerMax = Infinity): Part[] {
  const { incident, postmortem, metrics } = doc;
  const content = postmortem.content;
  const duration = (ms: number | null) => (ms === null ? '—' : humanDuration(ms));
  const heading = (text: string): Part => ({ kind: 'text', text: `*${text}*` });
  const title = `Post-mortem: ${incident.title}`;
  const meeting = meetingField(doc);
  const list: Part[] = [
    { kind: 'header', text: title.length > HEADER_MAX ? `${title.slice(0, HEADER_MAX - 1)}…` : title },
    {
      kind: 'fields',
      fields: [
        `*Severity*\n${incident.severity}`,
        `*Impact duration*\n${duration(metrics.impactMs)}`,
        `*Time to detect*\n${duration(metrics.timeToDetectMs)}`,
        `*Time to mitigate*\n${duration(metrics.timeToMitigateMs)}`,
        `*Time to resolve*\n${duration(metrics.timeToResolveMs)}`,
        `*Commander*\n${escapeAndTruncate(doc.person(incident.commanderId), 200)}`,
        `*Impact started*\n${slackDate(incident.impactStartedAt)}`,
        `*Authors*\n${escapeAndTruncate(postmortem.authorIds.map((id) => doc.person(id)).join(', ') || '—', 1500)}`,
        ...(content.tags.length ? [`*Tags*\n${escapeAndTruncate(content.tags.join(', '), TAGS_MAX)}`] : []),
        // The tenth field at most: Slack allows ten a section.
        ...(meeting ? [meeting] : []),
      ],
    },
    ...(doc.fileLink ? [{ kind: 'text', text: `:page_facing_up: In the repository: ${repositoryLink(doc.fileLink, doc.path)}` } as Part] : []),
    heading('Summary'),
    { kind: 'text', text: escapeMrkdwn(content.summary) || '_Not written._' },
    heading('Impact'),
    { kind: 'text', text: escapeMrkdwn(content.impact) || '_Not written._' },
    { kind: 'divider' },
    heading('Causes'),
    ...CAUSE_GROUPS.map((g): Part => ({ kind: 'text', text: `_${CAUSE_GROUP_QUESTIONS[g]}_\n${bullets(content.causes[g])}` })),
  ];
  if (content.fiveWhys.length) {
    list.push(heading('Five whys'), { kind: 'text', text: content.fiveWhys.map((w, i) => `${i + 1}. ${escapeMrkdwn(w)}`).join('\n') });
  }
  list.push(
    heading('Lessons'),
    { kind: 'text', text: `_What went well_\n${bullets(content.wentWell)}` },
    { kind: 'text', text: `_What went wrong_\n${bullets(content.wentWrong)}` },
    { kind: 'text', text: `_Where we got lucky_\n${bullets(content.gotLucky)}` },
    { kind: 'divider' },
    heading(`Action items (${doc.actionItems.length})`),
    ...(allVerified(doc.actionItems) ? [{ kind: 'text', text: ':white_check_mark: _Every action item is done and verified to work._' } as Part] : []),
    {
      kind: 'text',
      text:
        doc.actionItems
          .map((item) => {
            const ticket = item.ticketUrl ? ` · ${mrkdwnLink(item.ticketUrl, 'ticket')}` : '';
            const issue = item.issue ? ` · ${mrkdwnLink(item.issue.url, item.issue.label)}` : '';
            return `• ${escapeMrkdwn(item.description)} — ${escapeMrkdwn(doc.person(item.ownerId))}, due ${item.dueDate}, ${ACTION_ITEM_TYPE_LABELS[item.type]}${issue}${ticket}${progressMark(item)}`;
          })
          .join('\n') || '_None._',
    },
    { kind: 'divider' },
    ...relatedParts(doc),
    // After the action items, which a long set of accounts must never push out of the messages.
    ...perspectiveParts(doc, answerMax),
  );
  return list;
}

/** First and last entries, then milestones and lifecycle changes, then the rest, each in time order. */
function byImportance(timeline: DocumentEntry[]): number[] {
  const last = timeline.length - 1;
  const middle = Array.from({ length: Math.max(0, last - 1) }, (_, i) => i + 1);
  // A recalled moment is an ordinary entry: what someone remembers marks no milestone.
  const landmark = (e: DocumentEntry) => e.kind === 'system' || (e.kind === 'manual' && e.milestone !== null);
  return [
    ...(last >= 0 ? [0] : []),
    ...(last >= 1 ? [last] : []),
    ...middle.filter((i) => landmark(timeline[i] as DocumentEntry)),
    ...middle.filter((i) => !landmark(timeline[i] as DocumentEntry)),
  ];
}

/** The timeline section showing the entries at `shown` (indices, in time order). */
function timelineParts(doc: PostmortemDocument, shown: number[], excerpt: boolean): Part[] {
  const total = doc.timeline.length;
  const lines = shown.map((i) => timelineLine(doc, doc.timeline[i] as DocumentEntry, excerpt ? EXCERPT_TEXT_MAX : Infinity));
  const hidden = total - shown.length;
  if (hidden > 0) {
    lines.push(`_${hidden.toLocaleString('en-US')} more ${hidden === 1 ? 'entry is' : 'entries are'} in the attached Markdown file._`);
  }
  return [
    { kind: 'text', text: `*Timeline (${total.toLocaleString('en-US')})*` },
    { kind: 'text', text: lines.join('\n') || '_No entries._' },
  ];
}

function toBlocks(part: Part): KnownBlock[] {
  switch (part.kind) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: part.text } }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'fields':
      return [{ type: 'section', fields: part.fields.map((text) => ({ type: 'mrkdwn' as const, text })) }];
    case 'text':
      return splitText(part.text, POSTMORTEM_LIMITS.sectionChars).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text: text || ' ' } }));
  }
}

function blockChars(block: KnownBlock): number {
  let chars = 0;
  JSON.stringify(block, (key, value) => {
    if (key === 'text' && typeof value === 'string') chars += value.length;
    return value;
  });
  return chars;
}

/** Fills messages block by block, starting a new one wherever the next block would break a limit. */
function pack(blocks: KnownBlock[]): KnownBlock[][] {
  const messages: KnownBlock[][] = [[]];
  let chars = 0;
  for (const block of blocks) {
    const size = blockChars(block);
    const current = messages[messages.length - 1] as KnownBlock[];
    if (current.length > 0 && (current.length >= POSTMORTEM_LIMITS.blocksPerMessage || chars + size > POSTMORTEM_LIMITS.messageChars)) {
      messages.push([block]);
      chars = size;
    } else {
      current.push(block);
      chars += size;
    }
  }
  return messages;
}

/**
 * The post-mortem as Slack messages, at most {@link MAX_POSTMORTEM_MESSAGES}, each within Slack's
 * limits; it is never refused for its length. Everything written in the form is shown; the
 * timeline is shown whole when it fits, and otherwise as an excerpt (the first and last entries,
 * then every milestone and lifecycle change that fits) with a count of the entries only the
 * Markdown file has. Participants' accounts are shown whole unless that would leave the timeline
 * fewer than {@link TIMELINE_KEPT_FOR_ACCOUNTS} entries; then each answer is shortened to the
 * longest that leaves them.
 */
export function postmortemMessages(doc: PostmortemDocument): SlackMessage[] {
  const written = writtenParts(doc, answerRoom(doc)).flatMap(toBlocks);
  const layout = (shown: number[], excerpt: boolean) => pack([...written, ...timelineParts(doc, shown, excerpt).flatMap(toBlocks)]);
  const fits = (messages: KnownBlock[][]) => messages.length <= MAX_POSTMORTEM_MESSAGES;

  const all = doc.timeline.map((_, i) => i);
  let messages = all.length <= TIMELINE_SHOWN_MAX ? layout(all, false) : undefined;
  if (!messages || !fits(messages)) {
    // The most entries, in order of importance, that still fit: more entries never take less room.
    const order = byImportance(doc.timeline);
    const excerpt = (count: number) => layout(order.slice(0, count).sort((a, b) => a - b), true);
    let low = 0;
    let high = Math.min(order.length, TIMELINE_SHOWN_MAX);
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(excerpt(mid))) low = mid;
      else high = mid - 1;
    }
    messages = excerpt(low);
    if (!fits(messages)) messages = cutToLimit(messages);
  }
  const title = escapeMrkdwn(doc.incident.title);
  const count = messages.length;
  return messages.map((blocks, i) => ({
    text: count === 1 ? `Post-mortem: ${title}` : `Post-mortem: ${title} (part ${i + 1} of ${count})`,
    blocks,
  }));
}

/**
 * How long each answer in the accounts may be (as escaped): the longest with which everything
 * written and the timeline's {@link TIMELINE_KEPT_FOR_ACCOUNTS} most important entries still fit.
 */
function answerRoom(doc: PostmortemDocument): number {
  if (doc.perspectives.length === 0) return Infinity;
  const kept = byImportance(doc.timeline)
    .slice(0, TIMELINE_KEPT_FOR_ACCOUNTS)
    .sort((a, b) => a - b);
  const timeline = timelineParts(doc, kept, true).flatMap(toBlocks);
  const fitsWith = (answerMax: number) => pack([...writtenParts(doc, answerMax).flatMap(toBlocks), ...timeline]).length <= MAX_POSTMORTEM_MESSAGES;
  if (fitsWith(Infinity)) return Infinity;
  // Longer answers never take less room, so the longest that fits is found by halving.
  let low = ANSWER_EXCERPT_MIN;
  let high = Math.max(low, ...doc.perspectives.flatMap((p) => ACCOUNT_QUESTIONS.map((q) => escapeMrkdwn(p.answers[q].trim()).length)));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fitsWith(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Only when what was written alone outgrows the messages (a hundred long action items, say): the
 * first messages, ending with a pointer to the file, which has everything.
 */
function cutToLimit(messages: KnownBlock[][]): KnownBlock[][] {
  const kept = messages.slice(0, MAX_POSTMORTEM_MESSAGES);
  const last = kept[kept.length - 1] as KnownBlock[];
  const note: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: '_The rest of this post-mortem is in the attached Markdown file._' } };
  while (last.length > 0 && (last.length >= POSTMORTEM_LIMITS.blocksPerMessage || last.reduce((n, b) => n + blockChars(b), 0) + blockChars(note) > POSTMORTEM_LIMITS.messageChars)) {
    last.pop();
  }
  last.push(note);
  return kept;
}

const PROGRESS_MARKS: Record<ItemProgress, string> = {
  open: '',
  reopened: ' · :repeat: reopened: not effective',
  done: ' · :white_check_mark: done',
  verified: ' · :white_check_mark: done → :white_check_mark: verified',
  unconfirmed: ' · :white_check_mark: done, not confirmed to work',
  wont_do: " · won't do",
};

/** Where the item stands, done → verified included; nothing for an open one. */
function progressMark(item: ActionItem): string {
  return PROGRESS_MARKS[itemProgress(item)];
}

/** The related incidents the author kept, after the action items; nothing when there are none. */
function relatedParts(doc: PostmortemDocument): Part[] {
  const text = relatedIncidentsMrkdwn(doc);
  return text ? [{ kind: 'text', text }, { kind: 'divider' }] : [];
}
