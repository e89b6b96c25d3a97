import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';

/**
 * Reads a chart without a DOM: the SVG's elements by regular expression (zrender writes one
 * element per tag, never nested text), and a PNG's header chunk.
 */

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) =>
  e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] as string),
);

/** Every `<text>` element's content, as a reader sees it. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1] as string));
}

/** How many elements of a kind the SVG holds (`path`, `rect`, `text`…). */
export function countElements(svg: string, tag: string): number {
  return svg.match(new RegExp(`<${tag}\\b`, 'g'))?.length ?? 0;
}

/** The fill colours of the SVG's paths and rectangles, lower-cased. */
export function fills(svg: string): string[] {
  return [...svg.matchAll(/<(?:path|rect)\b[^>]*\bfill="([^"]+)"/g)].map((m) => (m[1] as string).toLowerCase());
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A PNG's size from its IHDR chunk, which must come first: 8-byte signature, then length (13),
 * `IHDR`, width and height as big-endian 32-bit integers, bit depth and colour type.
 */
export function pngHeader(png: Buffer): { width: number; height: number; bitDepth: number; colourType: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: no signature');
  if (png.readUInt32BE(8) !== 13 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG: no IHDR chunk first');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png.readUInt8(24), colourType: png.readUInt8(25) };
}

/** Bytes per pixel for 8-bit images, by colour type: grey, RGB, palette, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a PNG as far as a viewer must: every chunk's length and CRC, IHDR first and IEND last,
 * and the image data inflating to exactly one filter byte plus one row of pixels per row.
 * Returns the chunk types in order; throws on anything a viewer would refuse.
 */
export function decodePng(png: Buffer): { width: number; height: number; chunks: string[] } {
  const { width, height, bitDepth, colourType } = pngHeader(png);
  const chunks: string[] = [];
  const data: Buffer[] = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    if (at + 12 + length > png.length) throw new Error('truncated PNG');
    const type = png.toString('latin1', at + 4, at + 8);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    chunks.push(type);
    at += 12 + length;
  }
  if (chunks[0] !== 'IHDR' || chunks.at(-1) !== 'IEND') throw new Error('PNG chunks out of order');
  if (bitDepth !== 8 || !CHANNELS[colourType]) throw new Error(`unexpected PNG format: depth ${bitDepth}, colour type ${colourType}`);
  const pixels = inflateSync(Buffer.concat(data));
  if (pixels.length !== height * (1 + width * (CHANNELS[colourType] as number))) throw new Error('PNG image data has the wrong size');
  return { width, height, chunks };
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
