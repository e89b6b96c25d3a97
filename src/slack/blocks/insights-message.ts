import type { KnownBlock } from '@slack/types';
import { humanDuration } from '../../duration';
import { type Change, type Count, type InsightFigures, type NamedCount, type OwnerItems, type Phase, hasChart } from '../../insights/insight-figures';
import type { DigestItem, DigestList, InsightsDigest } from '../../insights/insights-digest';
import { escapeAndTruncate, truncateSlackText } from '../../mrkdwn/escape';
import { slackDate } from '../../mrkdwn/date-token';
import { mention } from '../../mrkdwn/mention';
import type { SlackMessage } from '../../render/slack-message';
import { COMMAND } from '../ids';
import { contextLine, header, mrkdwnSection } from './block-kit';
import { SEVERITY_EMOJI } from './severity-emoji';

/** Slack refuses a section whose text is longer. */
const SECTION_MAX = 3000;
const NAME_MAX = 80;
const DESCRIPTION_MAX = 150;

const PHASE_LABELS: Record<Phase, string> = {
  timeToDetect: 'Time to detect',
  timeToMitigate: 'Time to mitigate',
  timeToResolve: 'Time to resolve',
};

/** How a person is shown: a mention where nobody is notified (a private reply, the Home tab), a name in a channel. */
export type PersonLabel = (userId: string) => string;

const section = (text: string) => mrkdwnSection(truncateSlackText(text, SECTION_MAX));

/** `*12* done (↑ 3 from 9)`. */
function countChange(count: Count, noun = ''): string {
  const now = `*${count.current}*${noun ? ` ${noun}` : ''}`;
  const diff = count.current - count.previous;
  if (diff === 0) return `${now} (same as before)`;
  return `${now} (${diff > 0 ? '↑' : '↓'} ${Math.abs(diff)} from ${count.previous})`;
}

/** `*12 min* (↓ 3 min from 15 min)`; a minute either way is the same. */
function durationChange(change: Change): string {
  if (change.current === null) return '_none measured_';
  const now = `*${humanDuration(change.current)}*`;
  if (change.previous === null) return `${now} (none before)`;
  const diff = change.current - change.previous;
  if (Math.abs(diff) < 60_000) return `${now} (same as before)`;
  return `${now} (${diff > 0 ? '↑' : '↓'} ${humanDuration(diff)} from ${humanDuration(change.previous)})`;
}

function incidentsText(figures: InsightFigures): string {
  const severities = figures.bySeverity.map((s) => `${SEVERITY_EMOJI[s.severity]} ${s.severity} *${s.current}*${s.previous !== s.current ? ` (${s.previous} before)` : ''}`);
  return `*Incidents declared:* ${countChange(figures.incidents)}\n${severities.join(' · ')}`;
}

function durationsText(figures: InsightFigures): string {
  const lines = (Object.keys(PHASE_LABELS) as Phase[]).map((phase) => {
    const d = figures.durations[phase];
    return `*${PHASE_LABELS[phase]}:* median ${durationChange(d.median)} · p90 ${durationChange(d.p90)}`;
  });
  return lines.join('\n');
}

function postmortemsText(figures: InsightFigures): string {
  const { current, previous, dueHours } = figures.postmortems;
  const owed = (p: typeof current) => p.onTime + p.late + p.overdue;
  const share = (p: typeof current) => (owed(p) === 0 ? '' : ` (${Math.round((100 * p.onTime) / owed(p))}%)`);
  const head = `*Post-mortems within ${dueHours} h of resolving:* ${owed(current) === 0 ? '_none owed_' : `*${current.onTime} of ${owed(current)}*${share(current)}`}`;
  const parts = [
    current.late > 0 ? `${current.late} late` : '',
    current.overdue > 0 ? `${current.overdue} overdue` : '',
    current.notYetDue > 0 ? `${current.notYetDue} not due yet` : '',
    owed(previous) > 0 ? `before: ${previous.onTime} of ${owed(previous)}${share(previous)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `${head}\n${parts.join(' · ')}` : head;
}

function ownerLine(owner: OwnerItems, person: PersonLabel): string {
  const who = owner.ownerId ? person(owner.ownerId) : '_others_';
  const counts = [
    owner.done ? `${owner.done} done` : '',
    owner.verified ? `${owner.verified} verified` : '',
    owner.wontDo ? `${owner.wontDo} won't do` : '',
    owner.overdue ? `*${owner.overdue} overdue*` : '',
  ].filter(Boolean);
  return `• ${who}: ${counts.join(' · ')}`;
}

function itemsText(figures: InsightFigures, person: PersonLabel): string {
  const { totals, previous, byOwner } = figures.items;
  const head =
    `*Action items:* ${countChange({ current: totals.done, previous: previous.done }, 'done')} · ` +
    `${countChange({ current: totals.verified, previous: previous.verified }, 'verified')} · ` +
    `${countChange({ current: totals.wontDo, previous: previous.wontDo }, "won't do")} · *${totals.overdue}* overdue now`;
  return byOwner.length > 0 ? `${head}\n${byOwner.map((o) => ownerLine(o, person)).join('\n')}` : head;
}

function namesText(title: string, names: NamedCount[]): string {
  if (names.length === 0) return `*${title}:* _none_`;
  return `*${title}:* ${names.map((n) => `${escapeAndTruncate(n.name, NAME_MAX)} (${n.current})`).join(', ')}`;
}

/** The figures as sections, in the order a reader asks: how many, how fast, did we learn, did we follow up. */
function figureBlocks(figures: InsightFigures, person: PersonLabel): KnownBlock[] {
  return [
    section(incidentsText(figures)),
    section(durationsText(figures)),
    section(postmortemsText(figures)),
    section(itemsText(figures, person)),
    section(`${namesText('Most frequent tags', figures.tags)}\n${namesText('Most frequent alerts', figures.alerts)}`),
  ];
}

const periodLine = (figures: InsightFigures) => `${figures.period.label}, compared with ${figures.period.previousLabel}`;

/** The fallback text: the headline figures in one line. */
function summary(figures: InsightFigures): string {
  const ttr = figures.durations.timeToResolve.median.current;
  return `Insights, ${figures.period.label.toLowerCase()}: ${figures.incidents.current} incidents${ttr === null ? '' : `, median time to resolve ${humanDuration(ttr)}`}, ${figures.items.totals.overdue} action items overdue.`;
}

/**
 * The answer to `/incident insights`, for the person alone (mentions notify nobody in a private
 * reply). `chartInDm` says the chart went to their DM: a private reply cannot carry a file.
 */
export function insightsMessage(figures: InsightFigures, options: { chartInDm: boolean }): SlackMessage {
  const notes = [
    'Times are medians and 90th percentiles over the incidents declared in the period. Private incidents count only if you are in their channel.',
    options.chartInDm ? 'The chart of incidents per week is in your DM with the bot.' : '',
    `Other periods: \`${COMMAND} insights 30d|90d|quarter|year\``,
  ].filter(Boolean);
  return {
    text: summary(figures),
    blocks: [header('Insights'), contextLine(periodLine(figures)), ...figureBlocks(figures, mention), contextLine(notes.join(' '))],
  };
}

/** The comment the chart's file comes with in the person's DM. */
export function chartComment(figures: InsightFigures): string {
  return `Incidents per week by severity, ${figures.period.label.toLowerCase()} (${figures.incidents.current} in all). The figures are in your \`${COMMAND} insights\` reply.`;
}

function itemLine(item: DigestItem, person: PersonLabel, when: string): string {
  const where = item.channelId ? ` · <#${item.channelId}>` : ` · ${escapeAndTruncate(item.incidentTitle, NAME_MAX)}`;
  return `• ${escapeAndTruncate(item.description, DESCRIPTION_MAX)} — ${person(item.ownerId)}, ${when}${where}`;
}

function listText(title: string, list: DigestList, line: (item: DigestItem) => string): string {
  if (list.total === 0) return `*${title}:* none :tada:`;
  const more = list.total > list.items.length ? `\n…and ${list.total - list.items.length} more` : '';
  return `*${title} (${list.total}):*\n${list.items.map(line).join('\n')}${more}`;
}

/**
 * The weekly digest, posted in the post-mortems channel: the past week's figures, then what
 * needs revisiting. People are shown by name, so the post pings nobody; `names` holds those Slack
 * could name.
 */
export function insightsDigestMessage(digest: InsightsDigest, names: ReadonlyMap<string, string>): SlackMessage {
  const person: PersonLabel = (userId) => escapeAndTruncate(names.get(userId) ?? 'a former member', NAME_MAX);
  const { figures } = digest;
  const overdue = listText('Action items overdue', digest.overdue, (item) => itemLine(item, person, `due ${item.dueDate}`));
  const unverified = listText('Countermeasures not yet confirmed to work', digest.unverified, (item) =>
    itemLine(item, person, item.checkDueAt ? `check was due ${slackDate(item.checkDueAt, '{date_short}')}` : 'nobody could say'),
  );
  return {
    text: `Weekly insights: ${summary(figures)}`,
    blocks: [
      header('Weekly insights'),
      contextLine(`${periodLine(figures)} · public incidents only · ${digest.schedule}`),
      ...figureBlocks(figures, person),
      { type: 'divider' },
      section(overdue),
      section(unverified),
      contextLine(
        `Revisit the post-mortems these came from: is the work still right?${hasChart(figures) ? ' The chart is in the thread.' : ''} \`${COMMAND} insights\` shows more, privately.`,
      ),
    ],
  };
}

/** The App Home's Insights section: the last 30 days in three blocks, leaving the tab well under 100. */
export function insightsHomeBlocks(figures: InsightFigures): KnownBlock[] {
  const { totals } = figures.items;
  const ttr = figures.durations.timeToResolve;
  const pm = figures.postmortems.current;
  const owed = pm.onTime + pm.late + pm.overdue;
  const lines = [
    incidentsText(figures),
    `*Time to resolve:* median ${durationChange(ttr.median)} · p90 ${durationChange(ttr.p90)}`,
    `*Post-mortems within ${figures.postmortems.dueHours} h:* ${owed === 0 ? '_none owed_' : `${pm.onTime} of ${owed}`}`,
    `*Action items:* ${totals.done} done · ${totals.verified} verified · ${totals.wontDo} won't do · ${totals.overdue} overdue now`,
  ];
  return [
    { type: 'divider' },
    section(`*Insights* · ${figures.period.label}\n${lines.join('\n')}`),
    contextLine(`Compared with ${figures.period.previousLabel}. More, and a chart: \`${COMMAND} insights\``),
  ];
}
