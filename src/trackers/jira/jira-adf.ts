import type { IssueLine } from '../tracker';

/**
 * Atlassian Document Format, the only rich text REST API v3 takes for descriptions and comments
 * (a plain string is refused). Only what the bot writes is modelled: paragraphs of text with
 * `strong` and `link` marks, and hard breaks.
 */
export interface AdfNode {
  type: string;
  content?: AdfNode[];
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** The marker the bot writes into an issue (see `itemMarker`), wherever it sits in the text. */
const MARKER_IN_TEXT = /incident-bot:action-item:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * An issue's description: one paragraph per line, `label: ` in bold then the text (a link when
 * the line has a URL), and a last paragraph holding the marker as plain text, so that it reads
 * back from the description (and a person can see why the bot recognises the issue).
 */
export function issueDescription(lines: IssueLine[], marker: string): AdfDocument {
  const paragraphs = lines.map((line) => {
    const label = line.label.trim();
    const lead: AdfNode[] = label ? [{ type: 'text', text: `${label}: `, marks: [{ type: 'strong' }] }] : [];
    const marks = line.url ? [{ type: 'link', attrs: { href: line.url } }] : undefined;
    return paragraph([...lead, ...textNodes(line.text, marks)]);
  });
  return { type: 'doc', version: 1, content: [...paragraphs, paragraph(textNodes(marker))] };
}

/** Plain text (a comment) as a document: a paragraph per line, as typing it into Jira gives. */
export function adfFromText(text: string): AdfDocument {
  return { type: 'doc', version: 1, content: text.split(/\r?\n/).map((line) => paragraph(textNodes(line))) };
}

/** A document's text, a line per block; empty for none. Used to compare comments and find the marker. */
export function adfToText(doc: unknown): string {
  if (!isNode(doc)) return '';
  const walk = (node: AdfNode): string => {
    if (node.type === 'text') return node.text ?? '';
    if (node.type === 'hardBreak') return '\n';
    return (node.content ?? []).filter(isNode).map(walk).join('');
  };
  return (doc.content ?? []).filter(isNode).map(walk).join('\n');
}

/** The item marker a description holds, or null for an issue the bot did not file. */
export function markerIn(doc: unknown): string | null {
  return MARKER_IN_TEXT.exec(adfToText(doc))?.[0] ?? null;
}

function paragraph(content: AdfNode[]): AdfNode {
  // Jira refuses an empty text node but takes a paragraph without content (a blank line).
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** Text as text nodes with hard breaks between its lines; a text node may not be empty. */
function textNodes(text: string, marks?: AdfNode['marks']): AdfNode[] {
  return text.split(/\r?\n/).flatMap((part, i): AdfNode[] => {
    const node: AdfNode[] = part ? [{ type: 'text', text: part, ...(marks ? { marks } : {}) }] : [];
    return i === 0 ? node : [{ type: 'hardBreak' }, ...node];
  });
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
