import type * as Resvg from '@resvg/resvg-js';
import { CHART_FONT_FAMILY } from './chart-svg';

/**
 * The fonts, from the `dejavu-fonts-ttf` package: system fonts are never read, so the image is the
 * same on a laptop, in CI and in the slim container, which has no fonts at all.
 */
const FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'];

let loaded: { renderAsync: typeof Resvg.renderAsync; options: Resvg.ResvgRenderOptions } | undefined;

/** resvg's native module and its options, loaded on first use: most processes never draw a chart. */
function renderer(): NonNullable<typeof loaded> {
  loaded ??= {
    renderAsync: (require('@resvg/resvg-js') as typeof Resvg).renderAsync,
    options: {
      font: { fontFiles: FONT_FILES.map((file) => require.resolve(file)), loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
      // A white page: a transparent image shows black text on Slack's dark theme.
      background: '#ffffff',
      logLevel: 'off',
    },
  };
  return loaded;
}

/**
 * Rasterises an SVG document to PNG bytes with the shipped font, off the event loop (resvg
 * renders on libuv's thread pool). The same SVG gives the same bytes.
 */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { renderAsync, options } = renderer();
  const image = await renderAsync(svg, options);
  return image.asPng();
}
