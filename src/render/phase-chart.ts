import type { CustomSeriesOption, CustomSeriesRenderItem, EChartsOption, ScatterSeriesOption, SeriesOption } from 'echarts';
import type { ChartSpec } from '../charts/chart-svg';
import { humanDuration } from '../duration';
import { STATUS_LABELS, isStatus } from '../incidents/status';
import { MILESTONE_LABELS, type SystemEntry } from '../timeline/timeline-entry';
import { type Phase, PHASE_MOMENT_LABELS, type PhaseMoment, incidentPhases } from './incident-phases';
import type { DocumentEntry, PostmortemDocument } from './postmortem-document';

/** The chart's file name, beside the post-mortem's README.md in the repository and in the Markdown's image link. */
export const PHASE_CHART_FILE = 'phase-chart.png';

/** Wide enough to read in Slack's preview and in the repository; the height follows the lanes. */
export const PHASE_CHART_WIDTH = 1200;
const MIN_HEIGHT = 460;
const GRID = { left: 224, right: 36, top: 126, bottom: 96 };
/** Sizes that stay legible when Slack shows the image at half its width. */
const FONT = { title: 22, subtitle: 15, lane: 15, band: 14, mark: 13, axis: 13, note: 13 };
/** Lanes are roomier when there are few of them. */
const laneHeight = (lanes: number) => (lanes <= 6 ? 58 : lanes <= 10 ? 44 : 34);

/** People with lanes of their own; the rest share one, so a big incident does not become a wall of names. */
const PEOPLE_LANES_MAX = 6;
/** Alerts with lanes of their own; an alert storm shares one. */
const ALERT_LANES_MAX = 4;
/** The longest silences are shaded, as on the timeline view: where detection and response stalled. */
const SILENCES_SHOWN = 3;
const SILENCE_MIN_MS = 5 * 60_000;

const INK = '#1f2328';
const MUTED = '#57606a';
const PHASE_COLORS: Record<Phase['moment'], { fill: string; text: string }> = {
  detected: { fill: '#d1453b', text: '#ffffff' },
  declared: { fill: '#e8832a', text: '#ffffff' },
  mitigated: { fill: '#e3b21b', text: INK },
  resolved: { fill: '#3b8f57', text: '#ffffff' },
};
const ALERT_COLOR = '#a2315a';
const MARKS = {
  status: '#24425f',
  message: '#2f6db5',
  manual: '#5f6b77',
  recalled: '#7b4fae',
};

interface AlertPeriod {
  lane: number;
  from: number;
  to: number;
  /** No resolution recorded: it runs to the chart's end. */
  open: boolean;
}

interface Mark {
  at: number;
  lane: number;
  label?: string;
}

export interface PhaseChartOptions {
  /** Where the chart ends for an incident not yet resolved: the caller's now. Never the wall clock. */
  until?: Date;
}

const utcMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** One line of plain text: people's names and alert names can hold anything. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What a lifecycle change is called on the chart: the new value, briefly. */
function changeLabel(entry: SystemEntry): string | undefined {
  switch (entry.change) {
    case 'declared':
      return entry.newValue ? `Declared ${entry.newValue}` : 'Declared';
    case 'severity':
      return entry.newValue ?? undefined;
    case 'status':
      return entry.newValue === null ? undefined : isStatus(entry.newValue) ? STATUS_LABELS[entry.newValue] : entry.newValue;
    case 'commander':
      return 'New commander';
    case 'resolved':
      return 'Resolved';
    case 'reopened':
      return 'Reopened';
    default:
      return undefined;
  }
}

/** The time the chart covers: from the first alert or the start of impact, to resolution (or `until`). */
function timeSpan(doc: PostmortemDocument, options: PhaseChartOptions): { start: number; end: number } {
  const { incident } = doc;
  const fired = doc.timeline.find((e) => e.kind === 'system' && e.change === 'alert_fired');
  const start = Math.min(incident.impactStartedAt.getTime(), fired ? fired.occurredAt.getTime() : Infinity);
  const last = doc.timeline.length ? (doc.timeline[doc.timeline.length - 1] as DocumentEntry).occurredAt.getTime() : start;
  const latestMoment = Math.max(...[incident.declaredAt, incident.detectedAt, incident.mitigatedAt].map((d) => d?.getTime() ?? start));
  const end = incident.resolvedAt?.getTime() ?? options.until?.getTime() ?? Math.max(last, latestMoment);
  return { start, end: Math.max(end, start + 60_000) };
}

/** People by their messages: the busiest get lanes, in order of their first message. */
function peopleLanes(messages: Array<{ authorId: string | null }>): { lanes: Array<string | null>; others: number; counts: Map<string | null, number> } {
  const counts = new Map<string | null, number>();
  for (const m of messages) counts.set(m.authorId, (counts.get(m.authorId) ?? 0) + 1);
  const order = [...counts.keys()];
  const busiest = new Set(
    [...counts.entries()]
      .map(([id, count], index) => ({ id, count, index }))
      .sort((a, b) => b.count - a.count || a.index - b.index)
      .slice(0, counts.size > PEOPLE_LANES_MAX ? PEOPLE_LANES_MAX - 1 : PEOPLE_LANES_MAX)
      .map(({ id }) => id),
  );
  return { lanes: order.filter((id) => busiest.has(id)), others: order.filter((id) => !busiest.has(id)).length, counts };
}

/**
 * Alerts' firing periods from the timeline's alert entries: a resolution closes the earliest open
 * firing of the same alert from the same source; one with no resolution runs to the end.
 */
function alertPeriods(entries: SystemEntry[], end: number, laneOf: (name: string) => number): AlertPeriod[] {
  const open = new Map<string, number[]>();
  const periods: AlertPeriod[] = [];
  for (const entry of entries) {
    const name = entry.newValue ?? '';
    const key = `${entry.oldValue ?? ''}\n${name}`;
    const at = entry.occurredAt.getTime();
    const firing = open.get(key) ?? [];
    if (entry.change === 'alert_fired') {
      firing.push(at);
      open.set(key, firing);
    } else {
      const from = firing.shift();
      // Resolved with no firing recorded: it was firing before the chart starts.
      periods.push({ lane: laneOf(name), from: from ?? -Infinity, to: at, open: false });
    }
  }
  for (const [key, starts] of open) {
    const name = key.slice(key.indexOf('\n') + 1);
    for (const from of starts) periods.push({ lane: laneOf(name), from, to: end, open: true });
  }
  return periods.sort((a, b) => a.from - b.from || a.lane - b.lane);
}

/** The longest gaps between consecutive entries, longest first: where nothing was recorded. */
function longestSilences(times: number[]): Array<{ from: number; to: number }> {
  return times
    .slice(1)
    .map((to, i) => ({ from: times[i] as number, to }))
    .filter(({ from, to }) => to - from >= SILENCE_MIN_MS)
    .sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from)
    .slice(0, SILENCES_SHOWN);
}

/** Text width in pixels, roughly, in the chart's font: enough to decide whether a label fits. */
const textWidth = (text: string, fontSize: number) => text.length * fontSize * 0.6;

/** A lane's name cut to the room left of the plot, keeping its prefix and its count. */
function laneName(prefix: string, name: string, suffix: string): string {
  const room = Math.floor((GRID.left - 28) / (FONT.lane * 0.6)) - prefix.length - suffix.length;
  return `${prefix}${truncate(oneLine(name), Math.max(room, 4))}${suffix}`;
}

/** A band on one lane from `from` to `to`, clipped to the plot, with a label inside when it fits. */
function band(lane: number, from: number, to: number, style: { fill: string; text: string; height: number; labels: string[]; minWidth?: number }): CustomSeriesRenderItem {
  return (params, api) => {
    const plot = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
    const [x0 = 0, y = 0] = api.coord([from, lane]);
    const [x1 = 0] = api.coord([to, lane]);
    const left = Math.max(x0, plot.x);
    const right = Math.min(Math.max(x1, left + (style.minWidth ?? 1)), plot.x + plot.width);
    const laneSize = (api.size?.([0, 1]) as number[] | undefined)?.[1] ?? 40;
    const height = laneSize * style.height;
    const width = right - left;
    const label = style.labels.find((text) => textWidth(text, FONT.band) + 10 <= width);
    return {
      type: 'group',
      children: [
        { type: 'rect', shape: { x: left, y: y - height / 2, width, height, r: 3 }, style: { fill: style.fill } },
        ...(label
          ? [{ type: 'text' as const, x: left + width / 2, y, style: { text: label, fill: style.text, font: `${FONT.band}px DejaVu Sans`, align: 'center' as const, verticalAlign: 'middle' as const } }]
          : []),
      ],
    };
  };
}

interface BandItem {
  lane: number;
  from: number;
  to: number;
  render: CustomSeriesRenderItem;
}

function bandSeries(name: string, color: string, items: BandItem[], extra: Partial<CustomSeriesOption> = {}): CustomSeriesOption {
  return {
    type: 'custom',
    name,
    silent: true,
    clip: true,
    itemStyle: { color },
    encode: { x: [0, 1], y: 2 },
    data: items.map((item) => [item.from, item.to, item.lane]),
    renderItem: (params, api) => (items[params.dataIndex] as BandItem).render(params, api),
    ...extra,
  };
}

/** Above this many marks a series is drawn as one path, not one element a mark: thousands of entries stay quick and small. */
const LARGE_MARKS = 300;

/**
 * One lane's marks: those with a label as points of their own (labels too close to another are
 * left out), the rest, when there are many, drawn in ECharts' large mode.
 */
function markSeries(name: string, marks: Mark[], style: Pick<ScatterSeriesOption, 'symbol' | 'symbolSize'> & { color: string }): ScatterSeriesOption[] {
  const series = (data: ScatterSeriesOption['data'], extra: Partial<ScatterSeriesOption> = {}): ScatterSeriesOption => ({
    type: 'scatter',
    name,
    silent: true,
    symbol: style.symbol,
    symbolSize: style.symbolSize,
    itemStyle: { color: style.color, opacity: 0.9 },
    emphasis: { disabled: true },
    data,
    ...extra,
  });
  const labelled = marks.filter((mark) => mark.label);
  const plain = marks.filter((mark) => !mark.label).map((mark) => [mark.at, mark.lane]);
  return [
    ...(plain.length ? [series(plain, plain.length > LARGE_MARKS ? { large: true, largeThreshold: LARGE_MARKS } : {})] : []),
    ...(labelled.length
      ? [
          series(
            labelled.map((mark) => [mark.at, mark.lane]),
            {
              labelLayout: { hideOverlap: true },
              label: { show: true, position: 'top', distance: 6, fontSize: FONT.mark, color: INK, formatter: (p) => labelled[p.dataIndex]?.label ?? '' },
            },
          ),
        ]
      : []),
  ];
}

/**
 * Milestone lines with their labels above the plot, on a second row when the first is taken
 * there; moments at the same instant share a line ("Detected, declared 14:12").
 */
function milestoneLines(milestones: Array<{ moment: PhaseMoment; at: number }>, toX: (ms: number) => number) {
  const rowEnds = [-Infinity, -Infinity];
  const instants = [...new Set(milestones.map((m) => m.at))];
  return instants.map((at) => {
    const names = milestones.filter((m) => m.at === at).map((m, i) => (i === 0 ? PHASE_MOMENT_LABELS[m.moment] : PHASE_MOMENT_LABELS[m.moment].toLowerCase()));
    const text = `${names.join(', ')} ${clockTime(at)}`;
    const x = toX(at);
    const half = textWidth(text, FONT.mark) / 2 + 6;
    const row = rowEnds[0]! <= x - half ? 0 : rowEnds[1]! <= x - half ? 1 : rowEnds[0]! <= rowEnds[1]! ? 0 : 1;
    rowEnds[row] = x + half;
    return { xAxis: at, label: { formatter: text, distance: 6 + row * 20 } };
  });
}

/**
 * The incident at a glance, as an ECharts option: a time axis from the first alert or the start
 * of impact to resolution; the phases (impact → detected → declared → mitigated → resolved) as
 * coloured bands with their durations; the timeline's entries as marks on lanes (alerts' firing
 * periods, status and severity changes, messages by person, entries written in, recalled
 * moments); the longest silences shaded. People are named by `doc.person`, so an anonymised
 * post-mortem shows roles. No text anyone wrote is drawn, only names, alert names and the
 * milestones' labels. Pure: the same document gives the same option.
 */
export function phaseChart(doc: PostmortemDocument, options: PhaseChartOptions = {}): ChartSpec {
  const { incident, metrics } = doc;
  const { start, end } = timeSpan(doc, options);
  const { milestones, phases } = incidentPhases(incident, options.until ?? (incident.resolvedAt ? undefined : new Date(end)));
  const inRange = doc.timeline.filter((e) => e.occurredAt.getTime() >= start && e.occurredAt.getTime() <= end);
  const outside = doc.timeline.length - inRange.length;

  const alerts = inRange.filter((e): e is SystemEntry => e.kind === 'system' && (e.change === 'alert_fired' || e.change === 'alert_resolved'));
  const changes = inRange.filter((e): e is SystemEntry => e.kind === 'system' && changeLabel(e) !== undefined);
  const messages = inRange.filter((e) => e.kind === 'message');
  const manual = inRange.filter((e) => e.kind === 'manual');
  const recalled = inRange.filter((e) => e.kind === 'recalled');

  const lanes = ['Phases'];
  /** Adds a lane below the others; returns its index on the category axis. */
  const addLane = (name: string) => lanes.push(name) - 1;

  const alertNames = [...new Set(alerts.map((e) => e.newValue ?? ''))];
  const ownAlertLanes = alertNames.length > ALERT_LANES_MAX ? ALERT_LANES_MAX - 1 : ALERT_LANES_MAX;
  const alertLane = new Map(alertNames.slice(0, ownAlertLanes).map((name) => [name, addLane(laneName('Alert ', name || '(unnamed)', ''))]));
  const otherAlerts = alertNames.length > ownAlertLanes ? addLane(`Other alerts (${alertNames.length - ownAlertLanes})`) : -1;
  const periods = alertPeriods(alerts, end, (name) => alertLane.get(name) ?? otherAlerts);

  const statusLane = changes.length ? addLane('Status & severity') : -1;
  const people = peopleLanes(messages);
  const personLane = new Map(people.lanes.map((id) => [id, addLane(laneName('', doc.person(id), ` (${people.counts.get(id)})`))]));
  const othersLane = people.others ? addLane(`${people.others} more ${people.others === 1 ? 'person' : 'people'}`) : -1;
  const manualLane = manual.length ? addLane(`Written in (${manual.length})`) : -1;
  const recalledLane = recalled.length ? addLane(`Recalled (${recalled.length})`) : -1;

  const height = Math.max(MIN_HEIGHT, GRID.top + GRID.bottom + lanes.length * laneHeight(lanes.length));
  const pad = (end - start) * 0.015;
  const [min, max] = [start - pad, end + pad];
  const plotWidth = PHASE_CHART_WIDTH - GRID.left - GRID.right;
  const toX = (ms: number) => GRID.left + ((ms - min) / (max - min)) * plotWidth;

  const phaseSeries = phases.map((phase) =>
    bandSeries(
      `${phase.name} · ${phase.duration}`,
      PHASE_COLORS[phase.moment].fill,
      [
        {
          lane: 0,
          from: phase.from.getTime(),
          to: phase.to.getTime(),
          render: band(0, phase.from.getTime(), phase.to.getTime(), {
            ...PHASE_COLORS[phase.moment],
            height: 0.66,
            labels: [`${phase.name} ${phase.duration}`, phase.name, phase.duration],
          }),
        },
      ],
      // The phase tints every lane, faintly, so a mark reads as "during mitigation".
      { markArea: { silent: true, itemStyle: { color: PHASE_COLORS[phase.moment].fill, opacity: 0.07 }, data: [[{ xAxis: phase.from.getTime() }, { xAxis: phase.to.getTime() }]] } },
    ),
  );

  const alertSeries = bandSeries(
    'Alerts',
    ALERT_COLOR,
    periods.map((p) => {
      const from = Math.max(p.from, min);
      // No duration for one still firing or whose start is not known, nor in the shared lane, where bars overlap.
      const labels = p.lane === otherAlerts ? [] : p.open ? ['still firing'] : p.from < min ? [] : [humanDuration(p.to - p.from)];
      return { lane: p.lane, from, to: p.to, render: band(p.lane, from, p.to, { fill: ALERT_COLOR, text: '#ffffff', height: 0.42, labels, minWidth: 3 }) };
    }),
  );

  const silences = longestSilences(inRange.map((e) => e.occurredAt.getTime()));
  const guides: SeriesOption = {
    type: 'line',
    name: 'Milestones',
    silent: true,
    data: [],
    markArea: {
      silent: true,
      itemStyle: { color: 'rgba(87, 96, 106, 0.10)', borderColor: '#8c959f', borderWidth: 1, borderType: 'dashed' },
      label: { show: true, position: 'insideBottom', distance: 4, fontSize: FONT.mark, color: MUTED },
      data: silences.map((s) => [{ xAxis: s.from, name: `${humanDuration(s.to - s.from)} quiet` }, { xAxis: s.to }]),
    },
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: '#444c56', type: 'dashed', width: 1 },
      label: { show: true, position: 'start', fontSize: FONT.mark, color: INK },
      data: milestoneLines(
        milestones.map((m) => ({ moment: m.moment, at: m.at.getTime() })),
        toX,
      ),
    },
  };

  const marks: SeriesOption[] = [];
  if (statusLane >= 0) {
    const data = changes.map((e) => ({ at: e.occurredAt.getTime(), lane: statusLane, label: changeLabel(e) }));
    marks.push(...markSeries('Status & severity', data, { symbol: 'diamond', symbolSize: 13, color: MARKS.status }));
  }
  if (messages.length) {
    const data = messages.map((e) => ({ at: e.occurredAt.getTime(), lane: personLane.get(e.authorId) ?? othersLane }));
    marks.push(...markSeries('Messages', data, { symbol: 'rect', symbolSize: [3, 18], color: MARKS.message }));
  }
  if (manualLane >= 0) {
    const data = manual.map((e) => ({ at: e.occurredAt.getTime(), lane: manualLane, label: e.milestone ? MILESTONE_LABELS[e.milestone] : undefined }));
    marks.push(...markSeries('Written in', data, { symbol: 'triangle', symbolSize: 12, color: MARKS.manual }));
  }
  if (recalledLane >= 0) {
    const data = recalled.map((e) => ({ at: e.occurredAt.getTime(), lane: recalledLane }));
    marks.push(...markSeries('Recalled', data, { symbol: 'emptyCircle', symbolSize: 11, color: MARKS.recalled }));
  }

  const measures = [
    metrics.impactMs !== null ? `impact ${humanDuration(metrics.impactMs)}` : null,
    metrics.timeToDetectMs !== null ? `time to detect ${humanDuration(metrics.timeToDetectMs)}` : null,
    metrics.timeToMitigateMs !== null ? `to mitigate ${humanDuration(metrics.timeToMitigateMs)}` : null,
    metrics.timeToResolveMs !== null ? `to resolve ${humanDuration(metrics.timeToResolveMs)} (from detection)` : null,
  ].filter((m): m is string => m !== null);
  const sameDay = utcMinute(start).slice(0, 10) === utcMinute(end).slice(0, 10);
  const until = sameDay ? clockTime(end) : utcMinute(end);
  const when = incident.resolvedAt ? `${utcMinute(start)} – ${until} UTC` : `${utcMinute(start)} UTC – ongoing, as of ${until} UTC`;
  const notes = [
    outside ? `${outside} timeline ${outside === 1 ? 'entry' : 'entries'} outside this span not shown.` : '',
    silences.length ? 'Shaded: the longest stretches with nothing recorded.' : '',
  ].filter(Boolean);

  const option: EChartsOption = {
    animation: false,
    useUTC: true,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: 'DejaVu Sans', color: INK },
    title: {
      text: truncate(oneLine(incident.title) || 'Untitled incident', 90),
      subtext: [incident.severity, when, ...measures].join(' · '),
      left: 16,
      top: 12,
      itemGap: 8,
      textStyle: { fontSize: FONT.title, fontWeight: 'bold', color: INK },
      subtextStyle: { fontSize: FONT.subtitle, color: MUTED },
    },
    grid: { ...GRID, containLabel: false },
    xAxis: {
      type: 'time',
      min,
      max,
      name: 'UTC',
      nameGap: 8,
      nameTextStyle: { color: MUTED, fontSize: FONT.axis },
      axisLine: { lineStyle: { color: '#8c959f' } },
      axisLabel: {
        fontSize: FONT.axis,
        color: MUTED,
        hideOverlap: true,
        formatter: { year: '{yyyy}', month: '{d} {MMM}', day: '{d} {MMM}', hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}', millisecond: '{HH}:{mm}:{ss}' },
      },
      splitLine: { show: true, lineStyle: { color: '#e6e8eb' } },
    },
    yAxis: {
      type: 'category',
      data: lanes,
      inverse: true,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: FONT.lane, color: INK, width: GRID.left - 24, overflow: 'truncate' },
      splitLine: { show: true, lineStyle: { color: '#e6e8eb' } },
      splitArea: { show: true, areaStyle: { color: ['#ffffff', '#f6f8fa'] } },
    },
    legend: {
      bottom: 30,
      left: 'center',
      icon: 'rect',
      itemWidth: 16,
      itemHeight: 12,
      itemGap: 22,
      textStyle: { fontSize: FONT.lane, color: INK },
      data: phaseSeries.map((s) => s.name as string),
    },
    graphic: notes.length ? [{ type: 'text', left: 16, bottom: 8, style: { text: notes.join(' '), fill: MUTED, font: `${FONT.note}px DejaVu Sans` } }] : [],
    series: [...phaseSeries, guides, alertSeries, ...marks],
  };
  return { option, width: PHASE_CHART_WIDTH, height };
}
