import type { KnownBlock } from '@slack/types';
import { ACTION_ITEM_TYPE_LABELS } from '../action-items/action-item';
import { humanDuration } from '../duration';
import { CAUSE_GROUPS, CAUSE_GROUP_QUESTIONS } from '../postmortems/postmortem';
import { escapeAndTruncate, escapeMrkdwn, mrkdwnLink } from '../mrkdwn/escape';
import type { SlackMessage } from './slack-message';
import { slackDate } from '../mrkdwn/date-token';
import { MILESTONE_LABELS, type TimelineEntry } from '../timeline/timeline-entry';
import { describeChange } from '../timeline/describe-change';
import { plainFromSlack } from '../mrkdwn/plain-text';
import type { PostmortemDocument } from './postmortem-document';
import { SECTION_TEXT_MAX, splitText } from './split-text';

/**
 * Slack's documented limits are 50 blocks a message and 3000 characters a section; in practice
 * it also refuses messages whose blocks hold roughly 13,000 characters. These stay under all three.
 */
export const POSTMORTEM_LIMITS = { blocksPerMessage: 45, sectionChars: SECTION_TEXT_MAX, messageChars: 11_000 } as const;

const HEADER_MAX = 150;

type Part = { kind: 'header'; text: string } | { kind: 'text'; text: string } | { kind: 'divider' } | { kind: 'fields'; fields: string[] };

const bullets = (items: string[]) => (items.length ? items.map((i) => `• ${escapeMrkdwn(i)}`).join('\n') : '_None recorded._');

function timelineLine(doc: PostmortemDocument, entry: TimelineEntry): string {
  const when = slackDate(entry.occurredAt, '{date_short} {time}');
  const name = (id: string | null | undefined) => escapeMrkdwn(doc.person(id));
  switch (entry.kind) {
    case 'system':
      return `${when} _${describeChange(entry, { name, text: escapeMrkdwn })}_`;
    case 'message': {
      const text = escapeMrkdwn(plainFromSlack(entry.text, (id) => doc.person(id)).replace(/\s*\n\s*/g, ' '));
      const link = entry.permalink ? ` ${mrkdwnLink(entry.permalink, '↗')}` : '';
      return `${when} *${name(entry.authorId)}:* ${text}${entry.filesNote ? ` _(${escapeMrkdwn(entry.filesNote)})_` : ''}${link}`;
    }
    case 'manual': {
      const milestone = entry.milestone ? `*${MILESTONE_LABELS[entry.milestone]}:* ` : '';
      return `${when} ${milestone}${escapeMrkdwn(entry.text.replace(/\s*\n\s*/g, ' '))}`;
    }
  }
}

function parts(doc: PostmortemDocument): Part[] {
  const { incident, postmortem, metrics } = doc;
  const content = postmortem.content;
  const duration = (ms: number | null) => (ms === null ? '—' : humanDuration(ms));
  const heading = (text: string): Part => ({ kind: 'text', text: `*${text}*` });
  const title = `Post-mortem: ${incident.title}`;
  const list: Part[] = [
    { kind: 'header', text: title.length > HEADER_MAX ? `${title.slice(0, HEADER_MAX - 1)}…` : title },
    {
      kind: 'fields',
      fields: [
        `*Severity*\n${incident.severity}`,
        `*Duration*\n${duration(metrics.durationMs)}`,
        `*Time to detect*\n${duration(metrics.timeToDetectMs)}`,
        `*Time to mitigate*\n${duration(metrics.timeToMitigateMs)}`,
        `*Time to resolve*\n${duration(metrics.timeToResolveMs)}`,
        `*Commander*\n${escapeAndTruncate(doc.person(incident.commanderId), 200)}`,
        `*Impact started*\n${slackDate(incident.impactStartedAt)}`,
        `*Authors*\n${escapeAndTruncate(postmortem.authorIds.map((id) => doc.person(id)).join(', ') || '—', 1500)}`,
      ],
    },
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
    {
      kind: 'text',
      text:
        doc.actionItems
          .map((item) => {
            const ticket = item.ticketUrl ? ` · ${mrkdwnLink(item.ticketUrl, 'ticket')}` : '';
            const state = item.status === 'done' ? ' · :white_check_mark: done' : item.status === 'wont_do' ? " · won't do" : '';
            return `• ${escapeMrkdwn(item.description)} — ${escapeMrkdwn(doc.person(item.ownerId))}, due ${item.dueDate}, ${ACTION_ITEM_TYPE_LABELS[item.type]}${ticket}${state}`;
          })
          .join('\n') || '_None._',
    },
    { kind: 'divider' },
    heading(`Timeline (${doc.timeline.length})`),
    { kind: 'text', text: doc.timeline.map((e) => timelineLine(doc, e)).join('\n') || '_No entries._' },
  );
  return list;
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

/**
 * The post-mortem as Slack messages, split wherever a message would break Slack's limits,
 * however long the timeline: it is never refused for its length.
 */
export function postmortemMessages(doc: PostmortemDocument): SlackMessage[] {
  const messages: KnownBlock[][] = [[]];
  let chars = 0;
  for (const block of parts(doc).flatMap(toBlocks)) {
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
  const title = escapeMrkdwn(doc.incident.title);
  return messages.map((blocks, i) => ({
    text: messages.length === 1 ? `Post-mortem: ${title}` : `Post-mortem: ${title} (part ${i + 1} of ${messages.length})`,
    blocks,
  }));
}
