import type { Kysely } from 'kysely';
import { chartSvg } from '../charts/chart-svg';
import { svgToPng } from '../charts/svg-to-png';
import type { Database } from '../db/database';
import { fromStoredInstant, toStoredInstant } from '../db/instant';
import { incidentsById } from '../incidents/incidents-by-id';
import { isVisibleTo } from '../incidents/incidents-visible-to';
import { SEVERITIES, type Severity } from '../incidents/severity';
import type { InsightDeps } from './insight-deps';
import { type IncidentFacts, type InsightFacts, type InsightFigures, type KeyedCount, hasChart, insightFigures, privateIncidentsOf } from './insight-figures';
import type { InsightPeriod } from './insight-period';
import { insightsChart } from './insights-chart';
import type { ChartImage } from './insights-port';
import {
  type InsightIncidentRow,
  type KeyedCountRow,
  type StoredRanges,
  alertNamesOfIncidentsIn,
  incidentsDeclaredIn,
  itemsClosedIn,
  itemsOverdue,
  itemsVerifiedIn,
  tagsOfIncidentsIn,
} from './insights.repository';

/**
 * The insights a person may see for a period: every public incident, and a private one only while
 * they are in its channel now (as Slack says on this request). `today` is their calendar day,
 * against which items are overdue.
 */
export async function insightsFor(deps: InsightDeps, userId: string, period: InsightPeriod, today: string): Promise<InsightFigures> {
  const facts = await readFacts(deps.db, period, today);
  const visiblePrivate = await privateIncidentsVisibleTo(deps, facts, userId);
  return insightFigures(facts, { period, now: deps.clock.now(), policy: deps.policy, visiblePrivate });
}

/** The insights for a channel, where anyone may read them: no private incident counts at all. */
export async function channelInsights(deps: InsightDeps, period: InsightPeriod, today: string): Promise<InsightFigures> {
  const facts = await readFacts(deps.db, period, today);
  return insightFigures(facts, { period, now: deps.clock.now(), policy: deps.policy, visiblePrivate: new Set() });
}

/** Channels whose members are asked of Slack at once: a year can hold hundreds of private incidents. */
const MEMBERSHIP_CHECKS_AT_ONCE = 10;

/**
 * Which of the private incidents the facts mention the person is in the channel of now. A channel
 * Slack cannot list (archived, or Slack failing) counts as not theirs: the figures may show less
 * than the person could see, never more.
 */
async function privateIncidentsVisibleTo(deps: InsightDeps, facts: InsightFacts, userId: string): Promise<Set<string>> {
  const candidates = privateIncidentsOf(facts);
  // Channels of the incidents declared in the period are known; those only items point to are read.
  const channels = new Map(facts.incidents.map((incident) => [incident.id, incident.channelId]));
  const unknown = candidates.filter((id) => !channels.has(id));
  for (const [id, incident] of await incidentsById(deps.db, unknown)) channels.set(id, incident.channelId);
  const visible = new Set<string>();
  for (let i = 0; i < candidates.length; i += MEMBERSHIP_CHECKS_AT_ONCE) {
    const batch = candidates.slice(i, i + MEMBERSHIP_CHECKS_AT_ONCE);
    const answers = await Promise.all(
      batch.map((id) => isVisibleTo(deps.members, { isPrivate: true, channelId: channels.get(id) ?? null }, userId).catch(() => false)),
    );
    for (const [j, id] of batch.entries()) if (answers[j]) visible.add(id);
  }
  return visible;
}

/** Sends a person the chart of their figures in their DM with the bot, when there is one. */
export async function sendInsightsChart(deps: InsightDeps, userId: string, figures: InsightFigures): Promise<boolean> {
  if (!hasChart(figures)) return false;
  await deps.port.sendChart(userId, figures, await insightsChartImage(figures));
  return true;
}

/** Incidents per week by severity, drawn as a PNG. */
export async function insightsChartImage(figures: InsightFigures): Promise<ChartImage> {
  const png = await svgToPng(chartSvg(insightsChart(figures)));
  const { period } = figures;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    png,
    filename: `incidents-per-week-${period.name}-${day(period.to)}.png`,
    title: `Incidents per week by severity · ${period.label}`,
  };
}

const rangesOf = (period: InsightPeriod): StoredRanges => ({
  current: { from: toStoredInstant(period.from), to: toStoredInstant(period.to) },
  previous: { from: toStoredInstant(period.previous.from), to: toStoredInstant(period.previous.to) },
});

/** Everything the figures are made of, counted by the database where it counts. */
async function readFacts(db: Kysely<Database>, period: InsightPeriod, today: string): Promise<InsightFacts> {
  const ranges = rangesOf(period);
  const [incidents, done, wontDo, verified, overdue, tags, alerts] = await Promise.all([
    incidentsDeclaredIn(db, ranges),
    itemsClosedIn(db, 'done', ranges),
    itemsClosedIn(db, 'wont_do', ranges),
    itemsVerifiedIn(db, ranges),
    itemsOverdue(db, today),
    tagsOfIncidentsIn(db, ranges),
    alertNamesOfIncidentsIn(db, ranges),
  ]);
  return {
    incidents: incidents.flatMap(toIncidentFacts),
    items: { done: done.map(toKeyedCount), wontDo: wontDo.map(toKeyedCount), verified: verified.map(toKeyedCount), overdue: overdue.map(toKeyedCount) },
    tags: tags.map(toKeyedCount),
    alerts: alerts.map(toKeyedCount),
  };
}

const maybeInstant = (value: string | null) => (value ? fromStoredInstant(value) : null);

/** A row of a severity this version does not know is left out rather than miscounted. */
function toIncidentFacts(row: InsightIncidentRow): IncidentFacts[] {
  const severity = SEVERITIES.find((s) => s === row.severity) as Severity | undefined;
  if (!severity) return [];
  return [
    {
      id: row.id,
      severity,
      isPrivate: row.is_private === 1,
      channelId: row.channel_id,
      impactStartedAt: fromStoredInstant(row.impact_started_at),
      declaredAt: fromStoredInstant(row.declared_at),
      detectedAt: maybeInstant(row.detected_at),
      mitigatedAt: maybeInstant(row.mitigated_at),
      resolvedAt: maybeInstant(row.resolved_at),
      postmortemPublishedAt: maybeInstant(row.published_at),
    },
  ];
}

function toKeyedCount(row: KeyedCountRow): KeyedCount {
  return {
    key: row.key,
    current: row.current,
    previous: row.previous,
    privateIncidentId: row.private_id,
  };
}
