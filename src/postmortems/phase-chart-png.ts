import { chartSvg } from '../charts/chart-svg';
import { svgToPng } from '../charts/svg-to-png';
import { PHASE_CHART_FILE, type PhaseChartOptions, phaseChart } from '../render/phase-chart';
import type { PostmortemDocument } from '../render/postmortem-document';

/**
 * The post-mortem's phase chart as PNG bytes: shared with the published post-mortem, committed
 * beside its file, and sent on request while the incident runs. The same document gives the
 * same bytes. Render the Markdown first when both are made from one anonymised document: roles
 * are handed out in the order people are first named.
 */
export async function phaseChartPng(doc: PostmortemDocument, options: PhaseChartOptions = {}): Promise<Buffer> {
  return svgToPng(chartSvg(phaseChart(doc, options)));
}

/** Where the chart sits: beside the post-mortem's file (`incidents/2026/05/<slug>/phase-chart.png`). */
export function phaseChartPathBeside(file: string): string {
  return `${file.slice(0, file.lastIndexOf('/') + 1)}${PHASE_CHART_FILE}`;
}
