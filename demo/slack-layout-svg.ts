import type { SlackObject } from '../tools/fake-slack';
import { type Reader, readableMrkdwn } from './readable-mrkdwn';

/**
 * An approximation of how Slack's desktop client lays out the bot's messages, drawn as SVG from
 * their Block Kit: the app's name and time, headers, sections (bold, italic, links), fields,
 * context lines, dividers and buttons. Not Slack's renderer: fonts, emoji and spacing differ; the
 * README says so where it shows the picture. Block Kit Builder links give the real thing.
 */

const WIDTH = 960;
const LEFT = 76;
const TEXT_WIDTH = WIDTH - LEFT - 24;
/** DejaVu Sans averages about 0.55 em a character: enough to wrap lines where Slack roughly would. */
const CHAR_EM = 0.56;

/** Emoji as the shipped font can draw them; others are dropped rather than shown as `:codes:`. */
const EMOJI: Record<string, string> = {
  white_check_mark: '✔',
  heavy_check_mark: '✔',
  warning: '⚠',
  no_entry_sign: '⊘',
  repeat: '↻',
  page_facing_up: '▤',
  clock3: '◷',
  rotating_light: '◉',
  red_circle: '●',
  large_orange_circle: '●',
  large_yellow_circle: '●',
  large_blue_circle: '●',
  large_green_circle: '●',
  link: '⛓',
  mag: '⌕',
  memo: '✎',
  calendar: '▦',
  hourglass: '⧗',
};

interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  link?: boolean;
  code?: boolean;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One line of mrkdwn as styled runs: `*bold*`, `_italic_`, `` `code` `` and links (already made readable, ending in ↗). */
function runsOf(line: string): Run[] {
  const runs: Run[] = [];
  const pattern = /\*([^*\n]+)\*|_([^_\n]+)_|`([^`\n]+)`|(\S+ ↗)/g;
  let last = 0;
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    if (match.index > last) runs.push({ text: line.slice(last, match.index) });
    if (match[1] !== undefined) runs.push({ text: match[1], bold: true });
    else if (match[2] !== undefined) runs.push({ text: match[2], italic: true });
    else if (match[3] !== undefined) runs.push({ text: match[3], code: true });
    else runs.push({ text: match[4]!, link: true });
    last = match.index + match[0].length;
  }
  if (last < line.length) runs.push({ text: line.slice(last) });
  return runs;
}

/** Runs broken into lines no wider than `width` at `size`, breaking between words. */
function wrap(runs: Run[], size: number, width: number): Run[][] {
  const perLine = Math.max(10, Math.floor(width / (size * CHAR_EM)));
  const lines: Run[][] = [[]];
  let used = 0;
  for (const run of runs) {
    for (const word of run.text.split(/(?<= )/)) {
      if (used + word.trimEnd().length > perLine && used > 0) {
        lines.push([]);
        used = 0;
      }
      lines.at(-1)!.push({ ...run, text: used === 0 ? word.trimStart() : word });
      used += word.length;
    }
  }
  return lines;
}

function tspans(line: Run[]): string {
  return line
    .map((run) => {
      const style = [
        run.bold ? 'font-weight="bold"' : '',
        run.italic ? 'font-style="italic"' : '',
        run.link ? 'fill="#1264a3"' : run.code ? 'fill="#c01343"' : '',
      ].filter(Boolean);
      return `<tspan ${style.join(' ')}>${escapeXml(run.text)}</tspan>`;
    })
    .join('');
}

export interface LaidOutMessage {
  /** When it was posted, as the reader's clock shows it (e.g. `15:55`). */
  time: string;
  blocks: SlackObject[];
}

/** The messages one under another, as in a channel, with the channel's name on top. */
export function slackLayoutSvg(channelName: string, messages: LaidOutMessage[], reader: Reader, appName = 'incident-bot'): string {
  const parts: string[] = [];
  let y = 64;
  const readable = (text: string) => readableMrkdwn(text, reader).replace(/:([a-z][a-z0-9_+-]*):/g, (_all, name: string) => EMOJI[name] ?? '');
  const textLines = (text: string, size: number, width = TEXT_WIDTH, x = LEFT, colour = '#1d1c1d') => {
    for (const paragraph of readable(text).split('\n')) {
      for (const line of paragraph.trim() === '' ? [[]] : wrap(runsOf(paragraph), size, width)) {
        y += size + 6;
        parts.push(`<text x="${x}" y="${y}" font-size="${size}" fill="${colour}">${tspans(line)}</text>`);
      }
    }
  };
  for (const message of messages) {
    y += 20;
    parts.push(`<rect x="20" y="${y}" width="40" height="40" rx="6" fill="#e01e5a"/>`);
    parts.push(`<text x="40" y="${y + 27}" font-size="18" font-weight="bold" fill="#ffffff" text-anchor="middle">!</text>`);
    parts.push(`<text x="${LEFT}" y="${y + 14}" font-size="15" font-weight="bold" fill="#1d1c1d">${escapeXml(appName)}</text>`);
    const badge = LEFT + appName.length * 15 * 0.62 + 8;
    parts.push(`<rect x="${badge}" y="${y + 2}" width="30" height="16" rx="3" fill="#e8e8e8"/><text x="${badge + 15}" y="${y + 14}" font-size="10" font-weight="bold" fill="#616061" text-anchor="middle">APP</text>`);
    parts.push(`<text x="${badge + 40}" y="${y + 14}" font-size="12" fill="#616061">${escapeXml(message.time)}</text>`);
    y += 18;
    for (const block of message.blocks) {
      switch (block.type) {
        case 'header':
          y += 6;
          textLines(`*${block.text?.text ?? ''}*`, 18);
          break;
        case 'section': {
          if (block.text) textLines(block.text.text ?? '', 14);
          const fields: SlackObject[] = block.fields ?? [];
          for (let i = 0; i < fields.length; i += 2) {
            const top = y;
            textLines(fields[i]!.text ?? '', 14, TEXT_WIDTH / 2 - 12);
            const left = y;
            if (fields[i + 1]) {
              y = top;
              textLines(fields[i + 1]!.text ?? '', 14, TEXT_WIDTH / 2 - 12, LEFT + TEXT_WIDTH / 2);
            }
            y = Math.max(y, left);
          }
          y += 4;
          break;
        }
        case 'context':
          textLines((block.elements ?? []).map((e: SlackObject) => e.text ?? '').join('  '), 12, TEXT_WIDTH, LEFT, '#616061');
          y += 2;
          break;
        case 'divider':
          y += 12;
          parts.push(`<line x1="${LEFT}" y1="${y}" x2="${LEFT + TEXT_WIDTH}" y2="${y}" stroke="#dddddd"/>`);
          y += 4;
          break;
        case 'actions': {
          y += 10;
          let x = LEFT;
          for (const element of block.elements ?? []) {
            const label = element.text?.text ?? '';
            const width = label.length * 13 * 0.6 + 24;
            const primary = element.style === 'primary';
            parts.push(`<rect x="${x}" y="${y}" width="${width}" height="28" rx="4" fill="${primary ? '#007a5a' : '#ffffff'}" stroke="${primary ? '#007a5a' : '#bbbbbb'}"/>`);
            parts.push(`<text x="${x + width / 2}" y="${y + 19}" font-size="13" font-weight="bold" fill="${primary ? '#ffffff' : '#1d1c1d'}" text-anchor="middle">${escapeXml(label)}</text>`);
            x += width + 8;
          }
          y += 34;
          break;
        }
        default:
          break;
      }
    }
  }
  const height = y + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<rect width="${WIDTH}" height="44" fill="#f8f8f8"/><line x1="0" y1="44" x2="${WIDTH}" y2="44" stroke="#dddddd"/>`,
    `<text x="20" y="28" font-size="16" font-weight="bold" fill="#1d1c1d"># ${escapeXml(channelName)}</text>`,
    `<text x="${WIDTH - 20}" y="28" font-size="11" fill="#8a8a8a" text-anchor="end">An approximation of Slack's layout, drawn from the Block Kit the bot posted</text>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
