import type { Button, KnownBlock, ModalView, Overflow } from '@slack/types';
import { humanDuration } from '../../duration';
import type { Incident } from '../../incidents/incident';
import { MILESTONE_LABELS, type TimelineEntry } from '../../timeline/timeline-entry';
import { BlockId, CallbackId, TimelineAction } from '../ids';
import { changeNotice } from './change-notice';
import { escapeAndTruncate, mrkdwnLink, quoteSlackText, truncateSlackText } from '../../mrkdwn/escape';
import { slackDate } from '../../mrkdwn/date-token';
import { button, contextLine, modal, option } from './block-kit';

/** Entries per page: with their gap lines and controls a page stays under 100 blocks. */
export const TIMELINE_PAGE_SIZE = 40;
/** A gap at least this long is shown between entries. */
const SHOWN_GAP_MS = 15 * 60_000;
/** How many of the longest gaps are called out. */
const LONGEST_GAPS = 3;
/** Longer entries are cut in the view (the link leads to the whole message). */
const SHOWN_TEXT_MAX = 2500;
/** Gaps at least this long can be called out as among the longest. */
const NOTABLE_GAP_MS = 5 * 60_000;

export interface TimelineViewMetadata {
  incidentId: string;
  page: number;
}

/** What a person reads for one entry: when, who, what. */
export function entryText(entry: TimelineEntry): string {
  const when = `*${slackDate(entry.occurredAt, '{date_short} {time}')}*`;
  const edited = entry.editedAt ? ' _(corrected)_' : '';
  switch (entry.kind) {
    case 'system':
      return `${when} ${changeNotice(entry)}`;
    case 'message': {
      const author = entry.authorId ? `<@${entry.authorId}>` : 'Someone';
      const quoted = quoteSlackText(entry.text);
      const body = truncateSlackText(quoted, SHOWN_TEXT_MAX);
      const files = entry.filesNote ? `\n:paperclip: ${escapeAndTruncate(entry.filesNote, 200)}` : '';
      const link = entry.permalink ? ` ${mrkdwnLink(entry.permalink, 'view message')}` : '';
      return `${when} ${author}: ${body}${files}${link}${edited}`;
    }
    case 'manual': {
      const milestone = entry.milestone ? `*[${MILESTONE_LABELS[entry.milestone]}]* ` : '';
      const by = entry.actorId ? ` _(added by <@${entry.actorId}>)_` : '';
      return `${when} ${milestone}${escapeAndTruncate(entry.text, SHOWN_TEXT_MAX)}${by}${edited}`;
    }
  }
}

/** The gaps before each entry (index i: the time since entry i-1), and which are the longest. */
export function gapsBetween(entries: TimelineEntry[]): { gaps: number[]; longest: Set<number> } {
  const gaps = entries.map((e, i) => (i === 0 ? 0 : e.occurredAt.getTime() - (entries[i - 1] as TimelineEntry).occurredAt.getTime()));
  const longest = new Set(
    gaps
      .map((gap, index) => ({ gap, index }))
      .filter(({ gap }) => gap >= NOTABLE_GAP_MS)
      .sort((a, b) => b.gap - a.gap)
      .slice(0, LONGEST_GAPS)
      .map(({ index }) => index),
  );
  return { gaps, longest };
}

export function pageCount(entries: number): number {
  return Math.max(1, Math.ceil(entries / TIMELINE_PAGE_SIZE));
}

function entryMenu(entry: TimelineEntry): Overflow | undefined {
  if (entry.kind === 'system') return undefined;
  return {
    type: 'overflow',
    action_id: TimelineAction.entryMenu,
    options: [option('Edit text or time', `edit:${entry.id}`), option('Delete', `delete:${entry.id}`)],
  };
}

function pageButton(text: string, page: number): Button {
  return button(text, TimelineAction.page, { value: String(page) });
}

/**
 * The incident's timeline, one page at a time (the last page by default: during an incident the
 * latest entries matter most). Gaps of a quarter of an hour or more are shown between entries,
 * the longest ones called out, because long silences are where detection and response stalled.
 */
export function timelineView(incident: Incident, entries: TimelineEntry[], requestedPage?: number): ModalView {
  const pages = pageCount(entries.length);
  const page = Math.min(Math.max(requestedPage ?? pages - 1, 0), pages - 1);
  const first = page * TIMELINE_PAGE_SIZE;
  const { gaps, longest } = gapsBetween(entries);

  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: BlockId.timelineTop,
      text: {
        type: 'mrkdwn',
        text: `*${escapeAndTruncate(incident.title, 200)}* · ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`,
      },
      accessory: button('Add entry', TimelineAction.addEntry, { value: incident.id }),
    },
  ];
  if (entries.length === 0) {
    blocks.push(contextLine('Nothing yet. React with the timeline emoji to a message in the channel, or add an entry.'));
  }
  entries.slice(first, first + TIMELINE_PAGE_SIZE).forEach((entry, offset) => {
    const index = first + offset;
    const gap = gaps[index] ?? 0;
    if (index > 0 && (gap >= SHOWN_GAP_MS || longest.has(index))) {
      const note = longest.has(index) ? ' — *one of the longest gaps*' : '';
      blocks.push(contextLine(`:hourglass: ${humanDuration(gap)} with nothing recorded${note}`));
    }
    const menu = entryMenu(entry);
    blocks.push({
      type: 'section',
      block_id: `entry:${entry.id}`,
      text: { type: 'mrkdwn', text: entryText(entry) },
      ...(menu ? { accessory: menu } : {}),
    });
  });
  if (pages > 1) {
    const buttons: Button[] = [];
    if (page > 0) buttons.push(pageButton('◀ Earlier', page - 1));
    if (page < pages - 1) buttons.push({ ...pageButton('Later ▶', page + 1), action_id: TimelineAction.pageLater });
    blocks.push(
      contextLine(`Page ${page + 1} of ${pages} · entries ${first + 1}–${Math.min(first + TIMELINE_PAGE_SIZE, entries.length)} of ${entries.length}`),
      { type: 'actions', block_id: BlockId.timelinePages, elements: buttons },
    );
  }
  return modal({
    callbackId: CallbackId.timeline,
    title: 'Incident timeline',
    close: 'Close',
    privateMetadata: JSON.stringify({ incidentId: incident.id, page } satisfies TimelineViewMetadata),
    blocks,
  });
}
