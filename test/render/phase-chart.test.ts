import { chartSvg } from '../../src/charts/chart-svg';
import type { Incident } from '../../src/incidents/incident';
import { incidentMetrics } from '../../src/postmortems/incident-metrics';
import { PHASE_CHART_WIDTH, phaseChart } from '../../src/render/phase-chart';
import type { DocumentEntry, PostmortemDocument, RecalledEntry } from '../../src/render/postmortem-document';
import type { SystemChange, SystemEntry, TimelineEntry } from '../../src/timeline/timeline-entry';
import { at, doc, entries, incident } from '../../tools/harness/postmortem-fixture';
import { countElements, fills, svgTexts } from '../charts/read-chart';

const system = (id: string, minute: number, change: SystemChange, newValue: string | null, oldValue: string | null = null): SystemEntry => ({
  id,
  incidentId: 'i1',
  kind: 'system',
  occurredAt: at(minute),
  actorId: change.startsWith('alert') ? null : 'U1',
  editedAt: null,
  editedBy: null,
  change,
  oldValue,
  newValue,
  text: change === 'alert_fired' ? 'error rate > 2% & <rising>' : null,
});
const message = (id: string, minute: number, authorId: string): TimelineEntry => ({ ...(entries(2)[1] as TimelineEntry & { kind: 'message' }), id, occurredAt: at(minute), authorId });
const recalled: RecalledEntry = { kind: 'recalled', occurredAt: at(8), label: 'Bob | Builder', text: 'Saw 5xx <errors>' };
const byTime = (list: DocumentEntry[]) => [...list].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

/**
 * The fixture's SEV2 (impact 14:00, detected 14:05, declared 14:12, mitigated 14:30, resolved
 * 14:42) with an alert that fired before impact was recorded and one still firing, status and
 * severity changes, messages from two people, entries written in (12 of them, one a
 * milestone), a recalled moment and a quiet stretch from 14:20 to 14:30.
 */
const TIMELINE = byTime([
  system('a1', -3, 'alert_fired', 'PaymentErrors', 'alertmanager'),
  ...entries(12),
  system('d', 12, 'declared', 'SEV2'),
  system('s1', 15, 'severity', 'SEV1', 'SEV2'),
  system('a2', 16, 'alert_fired', 'Latency p99: high; #3', 'alertmanager'),
  system('s2', 20, 'status', 'identified', 'investigating'),
  system('s3', 30, 'status', 'monitoring', 'identified'),
  system('a3', 31, 'alert_resolved', 'PaymentErrors', 'alertmanager'),
  message('late', 35, 'U3'),
  system('r', 42, 'resolved', null),
  recalled,
]);
const svgOf = (document: PostmortemDocument, until?: Date) => chartSvg(phaseChart(document, { until }));

describe('the phase chart of a post-mortem', () => {
  const svg = svgOf(doc(TIMELINE, []));
  const texts = svgTexts(svg);

  it('is the same SVG, byte for byte, every time it is drawn', () => {
    svgOf(doc(entries(30), [], true));
    expect(svgOf(doc(TIMELINE, []))).toBe(svg);
  });

  it('is wide enough for Slack’s preview, as tall as its lanes need', () => {
    const spec = phaseChart(doc(TIMELINE, []));
    expect(spec.width).toBe(PHASE_CHART_WIDTH);
    expect(spec.height).toBeGreaterThanOrEqual(460);
    expect(spec.height).toBeLessThanOrEqual(800);
    expect(spec.option.animation).toBe(false);
    expect(svg).toMatch(new RegExp(`^<svg width="${PHASE_CHART_WIDTH}" height="${spec.height}"`));
  });

  it('names each phase with its duration, and marks each milestone with its time', () => {
    expect(texts).toEqual(expect.arrayContaining(['Detecting · 5 min', 'Declaring · 7 min', 'Mitigating · 18 min', 'Resolving · 12 min']));
    // Inside the bands too, where they fit.
    expect(texts).toEqual(expect.arrayContaining(['Mitigating 18 min', 'Resolving 12 min']));
    expect(texts).toEqual(expect.arrayContaining(['Impact started 14:00', 'Detected 14:05', 'Declared 14:12', 'Mitigated 14:30', 'Resolved 14:42']));
    for (const colour of ['#d1453b', '#e8832a', '#e3b21b', '#3b8f57']) expect(fills(svg)).toContain(colour);
  });

  it('titles the chart with the incident, its severity, span and measures', () => {
    expect(texts[texts.indexOf('Payments <failing> & more') + 1]).toBe(
      'SEV2 · 2026-11-22 13:57 – 14:42 UTC · impact 30 min · time to detect 5 min · to mitigate 25 min · to resolve 37 min (from detection)',
    );
    expect(svg).not.toContain('<failing>');
  });

  it('puts the timeline on lanes: alerts, status and severity, each person, entries written in, recalled moments', () => {
    const lanes = ['Phases', 'Alert PaymentErrors', 'Alert Latency p99: h…', 'Status & severity', 'Bob | Builder (6)', 'Carol (1)', 'Written in (6)', 'Recalled (1)'];
    expect(texts.filter((t) => lanes.includes(t))).toEqual(lanes);
    // Long names are cut to the room beside the plot. The alert that fired before impact was recorded
    // resolved after 34 minutes; the other never did.
    expect(texts).toEqual(expect.arrayContaining(['34 min', 'still firing']));
    // A change's label too close to the one before it is left out rather than drawn over it (SEV1, here).
    expect(texts).toEqual(expect.arrayContaining(['Declared SEV2', 'Identified', 'Monitoring', 'Resolved', 'Detected']));
  });

  it('shades the longest silences', () => {
    expect(texts).toEqual(expect.arrayContaining(['10 min quiet', '7 min quiet', 'Shaded: the longest stretches with nothing recorded.']));
    expect(svg).toContain('stroke-dasharray');
  });

  it('draws no text anyone wrote: only names, alert names and its own words', () => {
    for (const written of ['CPU at', 'Step 2', 'Saw 5xx', 'error rate', 'Re-enabled retries']) expect(svg).not.toContain(written);
  });

  it('shows roles, not names, when the post-mortem is anonymised', () => {
    const anonymous = svgTexts(svgOf(doc(TIMELINE, [], true)));
    expect(anonymous).toEqual(expect.arrayContaining(['Responder A (6)', 'Responder B (1)']));
    expect(anonymous.join('\n')).not.toMatch(/Alice|Bob|Carol|Builder/);
  });

  it('shows the phase going on, as of the time it is asked for, while the incident runs', () => {
    const running: Incident = { ...incident, status: 'identified', mitigatedAt: null, resolvedAt: null };
    const live = { ...doc(TIMELINE.filter((e) => e.occurredAt <= at(20)), []), incident: running, metrics: incidentMetrics(running) };
    const liveTexts = svgTexts(svgOf(live, at(20)));
    expect(liveTexts).toEqual(expect.arrayContaining(['Detecting · 5 min', 'Declaring · 7 min', 'Mitigating · 8 min so far', 'still firing']));
    expect(liveTexts.find((t) => t.startsWith('SEV2 · '))).toBe('SEV2 · 2026-11-22 13:57 UTC – ongoing, as of 14:20 UTC · time to detect 5 min');
    expect(liveTexts.join('\n')).not.toMatch(/Resolving|Mitigated 14/);
  });

  it('keeps a large incident readable: the busiest people and first alerts get lanes, the rest share one', () => {
    const people = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8'].flatMap((id, i) => Array.from({ length: 8 - i }, (_, j) => message(`${id}-${j}`, 12 + i + j / 10, id)));
    const storm = Array.from({ length: 9 }, (_, i) => system(`storm${i}`, 1, 'alert_fired', `Disk${i}`));
    const lanes = svgTexts(svgOf(doc(byTime([...people, ...storm]), [])));
    expect(lanes).toEqual(expect.arrayContaining(['Alert Disk0', 'Alert Disk2', 'Other alerts (6)', 'Alice Ops (8)', 'U5 (4)', '3 more people']));
    expect(lanes).not.toContain('U6 (3)');
  });

  it('leaves out what happened outside its span, and says so', () => {
    const texts2000 = svgTexts(svgOf(doc(entries(2000), [])));
    expect(texts2000).toContain('1957 timeline entries outside this span not shown.');
    expect(texts2000).toEqual(expect.arrayContaining(['Bob | Builder (21)', 'Written in (22)']));
  });

  it('draws thousands of entries as marks without one element each', () => {
    const busy = entries(2000).map((e, i) => ({ ...e, occurredAt: new Date(at(0).getTime() + i * 1200) }));
    const big = svgOf(doc(busy, []));
    expect(svgTexts(big)).toEqual(expect.arrayContaining(['Bob | Builder (1000)', 'Written in (1000)']));
    expect(countElements(big, 'path')).toBeLessThan(1500);
  });
});
