import { SEVERITIES, type Severity } from '../incidents/severity';
import { incidentMetrics } from '../postmortems/incident-metrics';
import { type InsightPeriod, type TimeRange, weeksOf } from './insight-period';
import { percentile } from './percentile';

/** An incident declared in the period or the one before, as the figures need it. */
export interface IncidentFacts {
  id: string;
  severity: Severity;
  isPrivate: boolean;
  channelId: string | null;
  impactStartedAt: Date;
  declaredAt: Date;
  detectedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  postmortemPublishedAt: Date | null;
}

/**
 * How many in the period and in the one before, for one key (an owner, a tag, an alert name).
 * Public incidents are counted together (`private: null`); each private incident has counts of
 * its own, so they can be left out after counting.
 */
export interface KeyedCount {
  key: string;
  current: number;
  previous: number;
  /** The private incident counted, or null for public incidents. */
  privateIncidentId: string | null;
}

export const ITEM_KINDS = ['done', 'overdue', 'wontDo', 'verified'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** What the figures are made from: the repository's counts and rows. */
export interface InsightFacts {
  incidents: IncidentFacts[];
  /**
   * Action items by owner: closed as done or as won't do, or confirmed to work, in each period
   * (by when it happened); overdue is open past its due day now, with no count before.
   */
  items: Record<ItemKind, KeyedCount[]>;
  /** Post-mortem tags of the incidents declared in each period: incidents per tag. */
  tags: KeyedCount[];
  /** Names of the alerts linked to those incidents: incidents per alert name. */
  alerts: KeyedCount[];
}

export interface FigureContext {
  period: InsightPeriod;
  now: Date;
  /** Which severities owe a post-mortem, and how many hours after resolving it is due. */
  policy: { requiredFor: readonly Severity[]; dueHours: number };
  /** The private incidents the reader may count: those whose channel they are in now (none for a channel). */
  visiblePrivate: ReadonlySet<string>;
}

export interface Count {
  current: number;
  previous: number;
}

/** A figure now and in the period before; null where nothing was measured. */
export interface Change {
  current: number | null;
  previous: number | null;
}

export const PHASES = ['timeToDetect', 'timeToMitigate', 'timeToResolve'] as const;
export type Phase = (typeof PHASES)[number];

export interface DurationFigures {
  /** Milliseconds. */
  median: Change;
  p90: Change;
  /** Incidents with this phase known, in each period. */
  measured: Count;
}

/** Post-mortems owed by the period's incidents, by whether each came within its due time. */
export interface PostmortemFigures {
  onTime: number;
  late: number;
  /** Not published, and past due. */
  overdue: number;
  /** Not published, not due yet: not counted either way. */
  notYetDue: number;
}

export type ItemCounts = Record<ItemKind, number>;

/** One owner's items; `ownerId` null for everyone after the top few together. */
export interface OwnerItems extends ItemCounts {
  ownerId: string | null;
}

export interface NamedCount extends Count {
  name: string;
}

export interface InsightFigures {
  period: InsightPeriod;
  incidents: Count;
  bySeverity: Array<{ severity: Severity } & Count>;
  durations: Record<Phase, DurationFigures>;
  postmortems: { dueHours: number; current: PostmortemFigures; previous: PostmortemFigures };
  items: { totals: ItemCounts; previous: Omit<ItemCounts, 'overdue'>; byOwner: OwnerItems[] };
  tags: NamedCount[];
  alerts: NamedCount[];
  /** Incidents declared each week of the period, by severity: the chart. */
  weekly: Array<{ week: string; counts: Record<Severity, number> }>;
}

/** Owners shown by name; the rest are summed as "others". */
export const TOP_OWNERS = 5;
export const TOP_NAMES = 5;

const HOUR_MS = 3_600_000;

const within = (at: Date, range: TimeRange) => at.getTime() >= range.from.getTime() && at.getTime() < range.to.getTime();

/**
 * The insights of a period, compared with the period before, from its facts. Incidents count in
 * the period they were declared in: their severity, their time to detect, mitigate and resolve
 * (as the post-mortem defines them: see incident-metrics.ts), the post-mortem they owe, their
 * tags and alerts. Action items count when they were closed or confirmed to work; overdue is
 * now. Private incidents count only when the reader may see them (`visiblePrivate`).
 */
export function insightFigures(facts: InsightFacts, context: FigureContext): InsightFigures {
  const { period } = context;
  const visible = (incident: { isPrivate: boolean; id: string }) => !incident.isPrivate || context.visiblePrivate.has(incident.id);
  const counted = facts.incidents.filter(visible);
  const current = counted.filter((i) => within(i.declaredAt, period));
  const previous = counted.filter((i) => within(i.declaredAt, period.previous));
  const keep = (counts: KeyedCount[]) => counts.filter((c) => c.privateIncidentId === null || context.visiblePrivate.has(c.privateIncidentId));

  return {
    period,
    incidents: { current: current.length, previous: previous.length },
    bySeverity: SEVERITIES.map((severity) => ({
      severity,
      current: current.filter((i) => i.severity === severity).length,
      previous: previous.filter((i) => i.severity === severity).length,
    })),
    durations: Object.fromEntries(PHASES.map((phase) => [phase, durationFigures(current, previous, phase)])) as Record<Phase, DurationFigures>,
    postmortems: {
      dueHours: context.policy.dueHours,
      current: postmortemFigures(current, context),
      previous: postmortemFigures(previous, context),
    },
    items: itemFigures(facts.items, keep),
    tags: topNames(keep(facts.tags), (name) => name.trim().toLowerCase()),
    alerts: topNames(keep(facts.alerts), (name) => name),
    weekly: weekly(current, period),
  };
}

/** A chart of no incidents says nothing: there is one only when some were declared in the period. */
export function hasChart(figures: Pick<InsightFigures, 'incidents'>): boolean {
  return figures.incidents.current > 0;
}

/** The ids of the private incidents the facts mention: whether each may be counted is for the reader's membership to say. */
export function privateIncidentsOf(facts: InsightFacts): string[] {
  const found = new Set<string>();
  for (const incident of facts.incidents) if (incident.isPrivate) found.add(incident.id);
  const counts = [...Object.values(facts.items).flat(), ...facts.tags, ...facts.alerts];
  for (const count of counts) if (count.privateIncidentId) found.add(count.privateIncidentId);
  return [...found];
}

const METRIC: Record<Phase, 'timeToDetectMs' | 'timeToMitigateMs' | 'timeToResolveMs'> = {
  timeToDetect: 'timeToDetectMs',
  timeToMitigate: 'timeToMitigateMs',
  timeToResolve: 'timeToResolveMs',
};

function durationFigures(current: IncidentFacts[], previous: IncidentFacts[], phase: Phase): DurationFigures {
  const durations = (incidents: IncidentFacts[]) => incidents.flatMap((i) => {
    const ms = incidentMetrics(i)[METRIC[phase]];
    return ms === null ? [] : [ms];
  });
  const now = durations(current);
  const before = durations(previous);
  return {
    median: { current: percentile(now, 50), previous: percentile(before, 50) },
    p90: { current: percentile(now, 90), previous: percentile(before, 90) },
    measured: { current: now.length, previous: before.length },
  };
}

/** Due at resolution + the due hours, for the severities that owe one; unresolved incidents owe nothing yet. */
function postmortemFigures(incidents: IncidentFacts[], context: FigureContext): PostmortemFigures {
  const figures: PostmortemFigures = { onTime: 0, late: 0, overdue: 0, notYetDue: 0 };
  for (const incident of incidents) {
    if (!context.policy.requiredFor.includes(incident.severity) || !incident.resolvedAt) continue;
    const due = incident.resolvedAt.getTime() + context.policy.dueHours * HOUR_MS;
    const published = incident.postmortemPublishedAt;
    if (published) figures[published.getTime() <= due ? 'onTime' : 'late'] += 1;
    else figures[context.now.getTime() > due ? 'overdue' : 'notYetDue'] += 1;
  }
  return figures;
}

function itemFigures(items: InsightFacts['items'], keep: (counts: KeyedCount[]) => KeyedCount[]): InsightFigures['items'] {
  const owners = new Map<string, ItemCounts>();
  const totals: ItemCounts = { done: 0, overdue: 0, wontDo: 0, verified: 0 };
  const previous = { done: 0, wontDo: 0, verified: 0 };
  for (const kind of ITEM_KINDS) {
    for (const count of keep(items[kind])) {
      const owner = owners.get(count.key) ?? { done: 0, overdue: 0, wontDo: 0, verified: 0 };
      owner[kind] += count.current;
      owners.set(count.key, owner);
      totals[kind] += count.current;
      if (kind !== 'overdue') previous[kind] += count.previous;
    }
  }
  const activity = (c: ItemCounts) => c.done + c.overdue + c.wontDo + c.verified;
  const ranked = [...owners]
    .filter(([, counts]) => activity(counts) > 0)
    .sort(([a, ca], [b, cb]) => activity(cb) - activity(ca) || a.localeCompare(b));
  const byOwner: OwnerItems[] = ranked.slice(0, TOP_OWNERS).map(([ownerId, counts]) => ({ ownerId, ...counts }));
  const rest = ranked.slice(TOP_OWNERS);
  if (rest.length > 0) {
    const others: OwnerItems = { ownerId: null, done: 0, overdue: 0, wontDo: 0, verified: 0 };
    for (const [, counts] of rest) for (const kind of ITEM_KINDS) others[kind] += counts[kind];
    byOwner.push(others);
  }
  return { totals, previous, byOwner };
}

/** The most frequent names of the period, merged by `normalise`; ties by name. */
function topNames(counts: KeyedCount[], normalise: (name: string) => string): NamedCount[] {
  const merged = new Map<string, Count>();
  for (const count of counts) {
    const name = normalise(count.key);
    if (!name) continue;
    const total = merged.get(name) ?? { current: 0, previous: 0 };
    total.current += count.current;
    total.previous += count.previous;
    merged.set(name, total);
  }
  return [...merged]
    .filter(([, c]) => c.current > 0)
    .sort(([a, ca], [b, cb]) => cb.current - ca.current || a.localeCompare(b))
    .slice(0, TOP_NAMES)
    .map(([name, c]) => ({ name, ...c }));
}

function weekly(incidents: IncidentFacts[], period: InsightPeriod): InsightFigures['weekly'] {
  const weeks = weeksOf(period);
  const rows = weeks.map((week) => ({ week: week.label, counts: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number> }));
  for (const incident of incidents) {
    // The last week starting at or before the declaration.
    let index = weeks.length - 1;
    while (index > 0 && (weeks[index] as { start: Date }).start.getTime() > incident.declaredAt.getTime()) index -= 1;
    const row = rows[index];
    if (row) row.counts[incident.severity] += 1;
  }
  return rows;
}
