import { chartSvg } from '../src/charts/chart-svg';
import { svgToPng } from '../src/charts/svg-to-png';
import { phaseChart } from '../src/render/phase-chart';
import { postmortemMarkdown } from '../src/render/postmortem-markdown';
import type { SystemChange, TimelineEntry } from '../src/timeline/timeline-entry';
import { at, doc, entries, item } from '../tools/harness/postmortem-fixture';
import type { BenchResult } from './result';
import { median, percentile, round, timed } from './stats';

const ENTRIES = 2000;
const RUNS = 40;
const TARGET_MEDIAN_MS = 1000;
const TARGET_P99_MS = 2000;
/** The fixture's incident runs from impact (minute 0) to resolution (minute 42). */
const SPAN_MS = 42 * 60_000;

const system = (i: number, minute: number, change: SystemChange, newValue: string): TimelineEntry => ({
  id: `s${i}`,
  incidentId: 'i1',
  kind: 'system',
  occurredAt: at(minute),
  actorId: null,
  editedAt: null,
  editedBy: null,
  change,
  oldValue: 'alertmanager',
  newValue,
  text: null,
});

/**
 * A busy incident: 2,000 entries spread over its 42 minutes, messages from eight people, and
 * twelve alerts firing and resolving (more than get lanes of their own).
 */
function busyTimeline(): TimelineEntry[] {
  const spread = entries(ENTRIES).map((e, i): TimelineEntry => {
    const occurredAt = new Date(at(0).getTime() + Math.floor((i * SPAN_MS) / ENTRIES));
    return e.kind === 'message' ? { ...e, occurredAt, authorId: `U${1 + (i % 8)}` } : { ...e, occurredAt };
  });
  const alerts = Array.from({ length: 12 }, (_, i) => [system(2 * i, i, 'alert_fired', `Alert${i}`), system(2 * i + 1, 20 + i, 'alert_resolved', `Alert${i}`)]).flat();
  return [...spread, ...alerts].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

/**
 * B11: the phase chart of a post-mortem with 2,000 timeline entries, drawn to SVG (ECharts, on
 * the event loop) and rasterised to PNG (resvg, on the thread pool), median and p99 of 40. The
 * same post-mortem's Markdown is rendered in the same run, alternately, for the ratio: what the
 * chart adds to publishing and to each git export. The first chart, which loads ECharts and
 * resvg, is reported on its own.
 */
export async function benchChart(): Promise<BenchResult> {
  const document = doc(busyTimeline(), Array.from({ length: 20 }, (_, i) => item(i)));
  const svgOnly = () => chartSvg(phaseChart(document));
  const chart = async () => {
    const svg = svgOnly();
    return { svg, png: await svgToPng(svg) };
  };

  const first = await timed(chart);
  for (let i = 0; i < 3; i += 1) {
    await chart();
    postmortemMarkdown(document);
  }
  const totals: number[] = [];
  const svgs: number[] = [];
  const markdowns: number[] = [];
  let last = first.value;
  for (let i = 0; i < RUNS; i += 1) {
    svgs.push((await timed(svgOnly)).ms);
    const run = await timed(chart);
    totals.push(run.ms);
    last = run.value;
    markdowns.push((await timed(() => postmortemMarkdown(document))).ms);
  }
  const [ms, p99, svgMs, markdownMs] = [median(totals), percentile(totals, 99), median(svgs), median(markdowns)];
  const ratio = ms / markdownMs;
  return {
    id: 'B11',
    what: `phase chart of ${ENTRIES} entries (SVG + PNG), against the same post-mortem's Markdown`,
    figures: {
      median_ms: round(ms),
      p99_ms: round(p99),
      svg_median_ms: round(svgMs),
      first_chart_ms: round(first.ms),
      markdown_median_ms: round(markdownMs),
      png_kb: round(last.png.length / 1024, 1),
      svg_kb: round(last.svg.length / 1024, 1),
    },
    comparison: { with: 'rendering the same post-mortem to Markdown', ratio: round(ratio, 1), ratioMeaning: 'times as long as the Markdown' },
    target: `≤ ${TARGET_MEDIAN_MS} ms median, ≤ ${TARGET_P99_MS} ms p99`,
    met: ms <= TARGET_MEDIAN_MS && p99 <= TARGET_P99_MS,
    summary: `${round(ms)} ms median, ${round(p99)} ms p99 of ${RUNS} (SVG ${round(svgMs)} ms); ${round(ratio, 1)}× the Markdown's ${round(markdownMs)} ms; first ${round(first.ms)} ms; PNG ${round(last.png.length / 1024)} KB`,
  };
}
