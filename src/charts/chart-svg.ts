import type * as Echarts from 'echarts';

/** The one font charts are drawn in: shipped as a file with the bot (see `svg-to-png.ts`), so every host draws them alike. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

export interface ChartSize {
  width: number;
  height: number;
}

/** An ECharts option with the size to draw it at: what a chart renderer returns. */
export interface ChartSpec {
  option: Echarts.EChartsOption;
  width: number;
  height: number;
}

let loaded: typeof Echarts | undefined;

/**
 * ECharts, loaded on first use: its bundle takes a quarter of a second to load and most of the
 * bot's processes never draw a chart. Its CommonJS build (`dist/echarts.js`) is what `require` gets.
 */
function echarts(): typeof Echarts {
  loaded ??= require('echarts') as typeof Echarts;
  return loaded;
}

/**
 * The ids zrender puts in an SVG count up across the whole process (`zr3-cls-41`): the same chart
 * drawn twice would differ. They are renamed by order of first appearance, so identical input
 * gives identical bytes.
 */
function stableIds(svg: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-(cls-|ani-|[a-z])(\d+)\b/g, (id: string, kind: string) => {
    let name = names.get(id);
    if (!name) {
      name = `chart-${kind}${names.size}`;
      names.set(id, name);
    }
    return name;
  });
}

/**
 * Draws an ECharts option as an SVG document, on the server, with no browser: no animation, UTC
 * times, and ids that do not depend on what was drawn before, so the same option always gives
 * the same bytes. Fonts are named, not embedded: rasterise with `svgToPng`, which has the font.
 */
export function chartSvg(spec: ChartSpec): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption({ textStyle: { fontFamily: CHART_FONT_FAMILY }, ...spec.option, animation: false, useUTC: true });
    return stableIds(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
