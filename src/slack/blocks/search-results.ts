import type { KnownBlock } from '@slack/types';
import { slackDate } from '../../mrkdwn/date-token';
import { escapeAndTruncate, escapeMrkdwn } from '../../mrkdwn/escape';
import type { SlackMessage } from '../../render/slack-message';
import { markedParts } from '../../search/match-marks';
import type { SearchField } from '../../search/search-document';
import { type PostmortemState, SEARCH_RESULTS_MAX, type SearchHit, type SearchOutcome } from '../../search/search-incidents';
import { COMMAND } from '../ids';
import { contextLine, mrkdwnSection } from './block-kit';
import { stateLine } from './incident-card';

const QUERY_SHOWN_MAX = 100;
const TITLE_MAX = 200;
/** Characters of a snippet shown: about a line and a half. */
const SNIPPET_MAX = 240;

const FIELD_WORDS: Record<SearchField, string> = {
  title: 'the title',
  summary: 'the summary',
  tags: 'the tags',
  causes: 'the causes',
  alerts: 'the alerts',
};

const POSTMORTEM_WORDS: Record<PostmortemState, string> = {
  none: 'No post-mortem yet',
  draft: 'Post-mortem in draft',
  published: ':white_check_mark: Post-mortem published',
};

/** `<words>` is escaped: mrkdwn would take it for a link. */
export const SEARCH_USAGE = `Search past incidents by the words in their titles, summaries, causes, tags and alerts: \`${COMMAND} search &lt;words&gt;\`, e.g. \`${COMMAND} search checkout timeout\`.`;

/** The private answer to `/incident search <query>`: the incidents found, best first, each with why it matched. */
export function searchResults(query: string, outcome: SearchOutcome): SlackMessage {
  if (outcome.kind === 'no_words') return { text: SEARCH_USAGE, blocks: [mrkdwnSection(SEARCH_USAGE)] };
  const asked = `“${escapeAndTruncate(query, QUERY_SHOWN_MAX)}”`;
  if (outcome.hits.length === 0) {
    const text = `No incidents you can see match ${asked}.`;
    return { text, blocks: [mrkdwnSection(`:mag: ${text}`), contextLine('Every word must appear. Try fewer or other words.')] };
  }
  const blocks: KnownBlock[] = [mrkdwnSection(`:mag: *Incidents matching ${asked}*, best first`)];
  for (const hit of outcome.hits) blocks.push(...hitBlocks(hit));
  if (outcome.hits.length >= SEARCH_RESULTS_MAX) blocks.push(contextLine(`The best ${SEARCH_RESULTS_MAX} are shown. Add a word to narrow the search.`));
  const count = outcome.hits.length === 1 ? '1 incident' : `${outcome.hits.length} incidents`;
  return { text: `${count} matching ${asked}`, blocks };
}

function hitBlocks({ incident, postmortem, matchedIn, snippet }: SearchHit): KnownBlock[] {
  const where = incident.channelId ? ` · <#${incident.channelId}>` : '';
  const line = `${stateLine(incident)} — *${escapeAndTruncate(incident.title, TITLE_MAX)}*\nDeclared ${slackDate(incident.declaredAt)}${where} · ${POSTMORTEM_WORDS[postmortem]}`;
  const why = `Matched in ${listed(matchedIn.map((field) => FIELD_WORDS[field]))}`;
  return [mrkdwnSection(line), contextLine(snippet ? `${why}: ${highlighted(snippet)}` : why)];
}

/** The passage with its matched words in bold; the writer's text is escaped, whatever it holds. */
function highlighted(snippet: string): string {
  let budget = SNIPPET_MAX;
  const shown: string[] = [];
  for (const part of markedParts(snippet.replace(/\s+/g, ' '))) {
    if (budget <= 0) break;
    const text = part.text.length > budget ? `${part.text.slice(0, budget - 1)}…` : part.text;
    budget -= text.length;
    shown.push(part.matched && text.trim() ? `*${escapeMrkdwn(text.trim())}*` : escapeMrkdwn(text));
  }
  return shown.join('');
}

function listed(words: string[]): string {
  if (words.length <= 1) return words[0] ?? 'the incident';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
