import { chartSvg } from '../../src/charts/chart-svg';
import type { Severity } from '../../src/incidents/severity';
import type { InsightFigures } from '../../src/insights/insight-figures';
import { insightPeriod } from '../../src/insights/insight-period';
import { insightsChart } from '../../src/insights/insights-chart';
import { insightsChartImage } from '../../src/insights/insights';

const counts = (c: Partial<Record<Severity, number>>) => ({ SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0, ...c });
const figures = {
  period: insightPeriod('30d', new Date('2026-12-01T00:00:00Z'), 'UTC'),
  incidents: { current: 4, previous: 0 },
  weekly: [
    { week: '2026-11-23', counts: counts({ SEV1: 1, SEV3: 2 }) },
    { week: '2026-11-30', counts: counts({ SEV2: 1 }) },
  ],
} as InsightFigures;

describe('the insights chart', () => {
  it('stacks a bar a week by severity, SEV1 first, each week under its Monday', () => {
    const { option, width, height } = insightsChart(figures);
    expect([width, height]).toEqual([800, 400]);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['23 Nov', '30 Nov'] });
    const series = option.series as Array<{ name: string; type: string; stack: string; data: number[] }>;
    expect(series.map((s) => [s.name, s.type, s.stack, s.data])).toEqual([
      ['SEV1', 'bar', 'incidents', [1, 0]],
      ['SEV2', 'bar', 'incidents', [0, 1]],
      ['SEV3', 'bar', 'incidents', [2, 0]],
      ['SEV4', 'bar', 'incidents', [0, 0]],
    ]);
    expect(option.title).toMatchObject({ text: 'Incidents per week by severity', subtext: 'Last 30 days · weeks start on Monday' });
  });

  it('draws the same SVG for the same figures, and a PNG named after the period', async () => {
    expect(chartSvg(insightsChart(figures))).toBe(chartSvg(insightsChart(figures)));
    const image = await insightsChartImage(figures);
    expect(image.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(image.filename).toBe('incidents-per-week-30d-2026-12-01.png');
  });
});
