import { CHART_FONT_FAMILY, type ChartSpec, chartSvg } from '../../src/charts/chart-svg';
import { countElements, svgTexts } from './read-chart';

const bars = (title: string): ChartSpec => ({
  width: 400,
  height: 240,
  option: {
    title: { text: title },
    xAxis: { type: 'category', data: ['Detect', 'Mitigate'] },
    yAxis: { type: 'value' },
    // Hover styles are what give zrender's elements their process-wide class names.
    series: [{ type: 'bar', data: [5, 25], emphasis: { focus: 'series' } }],
  },
});

describe('an ECharts option drawn as SVG on the server', () => {
  it('is an SVG document of the asked size, with the option’s text, escaped', () => {
    const svg = chartSvg(bars('Payments <failing> & more'));
    expect(svg).toMatch(/^<svg width="400" height="240" [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('Payments &lt;failing&gt; &amp; more');
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Payments <failing> & more', 'Detect', 'Mitigate']));
    expect(countElements(svg, 'path')).toBeGreaterThan(2);
  });

  it('draws every text in the shipped font, with no animation', () => {
    const svg = chartSvg(bars('Phases'));
    const fonts = [...svg.matchAll(/font-family:([^;"]+)/g)].map((m) => m[1]);
    expect(new Set(fonts)).toEqual(new Set([CHART_FONT_FAMILY]));
    expect(svg).not.toMatch(/@keyframes|<animate/);
  });

  it('gives the same bytes for the same option, whatever was drawn before', () => {
    const first = chartSvg(bars('Phases'));
    chartSvg(bars('Something else'));
    chartSvg(bars('And another'));
    const again = chartSvg(bars('Phases'));
    expect(again).toBe(first);
    // zrender's own counters (`zr3-cls-41`) would differ from one chart to the next.
    expect(first).not.toMatch(/\bzr\d+-/);
    expect(first).toMatch(/class="chart-cls-0"/);
  });
});
