import { chartSvg } from '../../src/charts/chart-svg';
import { svgToPng } from '../../src/charts/svg-to-png';
import { phaseChartPathBeside, phaseChartPng } from '../../src/postmortems/phase-chart-png';
import { phaseChart } from '../../src/render/phase-chart';
import { doc, entries } from '../../tools/harness/postmortem-fixture';
import { PNG_SIGNATURE, decodePng, sha256 } from './read-chart';

describe('an SVG chart rasterised to PNG with the shipped font', () => {
  const spec = phaseChart(doc(entries(12), []));

  it('is a PNG of the SVG’s size that decodes', async () => {
    const png = await svgToPng(chartSvg(spec));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const image = decodePng(png);
    expect(image).toMatchObject({ width: spec.width, height: spec.height });
    expect(image.chunks[0]).toBe('IHDR');
    // Big enough to hold text and bands, small enough to upload and commit without a thought.
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.length).toBeLessThan(400_000);
  });

  it('gives the same bytes every time, with no time stamp in the file', async () => {
    const first = await phaseChartPng(doc(entries(12), []));
    await svgToPng(chartSvg(phaseChart(doc(entries(40), [], true))));
    const second = await phaseChartPng(doc(entries(12), []));
    expect(sha256(second)).toBe(sha256(first));
    expect(decodePng(first).chunks).not.toContain('tIME');
  });

  it('draws text with the shipped font: a chart with text has more ink than one without', async () => {
    const blank = (text: string) =>
      svgToPng(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" style="font-size:24px;font-family:DejaVu Sans">${text}</text></svg>`);
    // With no font found, resvg would draw no glyphs and the two images would be alike.
    expect(sha256(await blank('Detecting'))).not.toBe(sha256(await blank('')));
  });

  it('sits beside the post-mortem’s file', () => {
    expect(phaseChartPathBeside('incidents/2026/11/20261122-payments-failing/README.md')).toBe('incidents/2026/11/20261122-payments-failing/phase-chart.png');
  });
});
