import type { ChartSpec } from '../charts/chart-svg';
import { SEVERITIES, type Severity } from '../incidents/severity';
import type { InsightFigures } from './insight-figures';

/** SEV1 darkest: the eye goes to the severe ones first. */
export const SEVERITY_COLOURS: Record<Severity, string> = {
  SEV1: '#a50e0e',
  SEV2: '#e8710a',
  SEV3: '#f9ab00',
  SEV4: '#8ab4f8',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-30` → `30 Nov`. */
function shortDay(day: string): string {
  const [, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date} ${MONTHS[month - 1]}`;
}

/**
 * Incidents declared each week of the period, stacked by severity: one bar a week, its Monday
 * under it. The same figures always give the same chart.
 */
export function insightsChart(figures: InsightFigures): ChartSpec {
  const weeks = figures.weekly;
  return {
    width: 800,
    height: 400,
    option: {
      backgroundColor: '#ffffff',
      title: { text: 'Incidents per week by severity', subtext: `${figures.period.label} · weeks start on Monday`, left: 'center' },
      legend: { bottom: 0, data: [...SEVERITIES] },
      grid: { left: 48, right: 24, top: 72, bottom: 64 },
      xAxis: { type: 'category', data: weeks.map((w) => shortDay(w.week)), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1, name: 'incidents' },
      series: SEVERITIES.map((severity) => ({
        name: severity,
        type: 'bar' as const,
        stack: 'incidents',
        itemStyle: { color: SEVERITY_COLOURS[severity] },
        data: weeks.map((w) => w.counts[severity]),
      })),
    },
  };
}
