import type { AdfDocument } from './types';

/**
 * Atlassian Document Format, checked for structure the way Jira's v3 API does before it stores a
 * description or a comment: the `doc` wrapper, known node types, what each may contain, the
 * attributes they cannot do without, non-empty text. Rules follow Atlassian's ADF reference
 * (developer.atlassian.com/cloud/jira/platform/apis/document/structure); layout, extensions and
 * other editor-only nodes are left out, so a bot using them learns it here rather than in Jira.
 */

const BLOCK = ['paragraph', 'heading', 'bulletList', 'orderedList', 'codeBlock', 'blockquote', 'rule', 'panel', 'table', 'mediaSingle', 'mediaGroup', 'expand', 'taskList', 'decisionList', 'blockCard', 'embedCard'];
const INLINE = ['text', 'hardBreak', 'mention', 'emoji', 'date', 'status', 'inlineCard', 'placeholder', 'mediaInline'];
const LIST_ITEM_CONTENT = ['paragraph', 'bulletList', 'orderedList', 'codeBlock', 'mediaSingle', 'taskList'];
const CELL_CONTENT = ['paragraph', 'heading', 'bulletList', 'orderedList', 'codeBlock', 'blockquote', 'rule', 'panel', 'mediaSingle', 'mediaGroup', 'nestedExpand', 'taskList', 'decisionList', 'blockCard', 'embedCard'];

interface NodeRule {
  /** Child node types allowed; undefined for a leaf, which must have no content. */
  children?: string[];
  /** Fewest children; content may then not be left out. */
  min?: number;
  requiredAttrs?: string[];
  check?: (attrs: Record<string, unknown>) => string | undefined;
}

const RULES: Record<string, NodeRule> = {
  paragraph: { children: INLINE },
  heading: {
    children: INLINE,
    requiredAttrs: ['level'],
    check: (a) => (Number.isInteger(a.level) && (a.level as number) >= 1 && (a.level as number) <= 6 ? undefined : 'attrs.level must be 1 to 6'),
  },
  bulletList: { children: ['listItem'], min: 1 },
  orderedList: { children: ['listItem'], min: 1 },
  listItem: { children: LIST_ITEM_CONTENT, min: 1 },
  codeBlock: { children: ['text'] },
  blockquote: { children: ['paragraph', 'bulletList', 'orderedList', 'codeBlock', 'mediaSingle', 'mediaGroup'], min: 1 },
  rule: {},
  panel: {
    children: ['paragraph', 'heading', 'bulletList', 'orderedList', 'codeBlock', 'rule', 'mediaSingle', 'mediaGroup', 'taskList', 'decisionList', 'blockCard'],
    min: 1,
    requiredAttrs: ['panelType'],
    check: (a) => (['info', 'note', 'tip', 'warning', 'error', 'success', 'custom'].includes(a.panelType as string) ? undefined : 'attrs.panelType is not a panel type'),
  },
  table: { children: ['tableRow'], min: 1 },
  tableRow: { children: ['tableHeader', 'tableCell'], min: 1 },
  tableHeader: { children: CELL_CONTENT, min: 1 },
  tableCell: { children: CELL_CONTENT, min: 1 },
  mediaSingle: { children: ['media'], min: 1 },
  mediaGroup: { children: ['media'], min: 1 },
  media: { requiredAttrs: ['type'] },
  expand: { children: BLOCK.filter((t) => t !== 'expand').concat('nestedExpand'), min: 1 },
  nestedExpand: { children: ['paragraph', 'heading', 'mediaGroup', 'mediaSingle', 'codeBlock', 'bulletList', 'orderedList', 'taskList', 'decisionList', 'rule', 'panel', 'blockquote'], min: 1 },
  taskList: { children: ['taskItem', 'taskList'], min: 1, requiredAttrs: ['localId'] },
  taskItem: { children: INLINE, requiredAttrs: ['localId', 'state'] },
  decisionList: { children: ['decisionItem'], min: 1, requiredAttrs: ['localId'] },
  decisionItem: { children: INLINE, requiredAttrs: ['localId', 'state'] },
  blockCard: { check: (a) => (typeof a.url === 'string' || a.data !== undefined ? undefined : 'needs attrs.url or attrs.data') },
  embedCard: { requiredAttrs: ['url', 'layout'] },
  hardBreak: {},
  mention: { requiredAttrs: ['id'] },
  emoji: { requiredAttrs: ['shortName'] },
  date: { requiredAttrs: ['timestamp'] },
  status: { requiredAttrs: ['text', 'color'] },
  inlineCard: { check: (a) => (typeof a.url === 'string' || a.data !== undefined ? undefined : 'needs attrs.url or attrs.data') },
  placeholder: { requiredAttrs: ['text'] },
  mediaInline: { requiredAttrs: ['id', 'collection'] },
};

const MARKS = ['strong', 'em', 'code', 'strike', 'underline', 'link', 'subsup', 'textColor', 'backgroundColor'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkMarks(marks: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(marks)) {
    problems.push(`${where}/marks must be an array`);
    return;
  }
  marks.forEach((mark, i) => {
    const at = `${where}/marks/${i}`;
    if (!isObject(mark) || typeof mark.type !== 'string') return void problems.push(`${at} must be an object with a type`);
    if (!MARKS.includes(mark.type)) return void problems.push(`${at}: unknown mark '${mark.type}'`);
    if (mark.type === 'link' && !(isObject(mark.attrs) && typeof mark.attrs.href === 'string')) problems.push(`${at}: a link needs attrs.href`);
  });
}

function checkNode(node: unknown, allowed: string[], where: string, problems: string[]): void {
  if (!isObject(node) || typeof node.type !== 'string') return void problems.push(`${where} must be an object with a type`);
  if (!allowed.includes(node.type)) {
    const known = node.type in RULES || node.type === 'text';
    return void problems.push(`${where}: ${known ? `'${node.type}' is not allowed here` : `unknown node type '${node.type}'`}`);
  }
  const extra = Object.keys(node).filter((k) => !['type', 'content', 'attrs', 'marks', 'text'].includes(k));
  if (extra.length > 0) problems.push(`${where}: unexpected ${extra.join(', ')}`);
  if (node.attrs !== undefined && !isObject(node.attrs)) problems.push(`${where}/attrs must be an object`);

  if (node.type === 'text') {
    if (typeof node.text !== 'string' || node.text.length === 0) problems.push(`${where}: a text node needs non-empty text`);
    if (node.content !== undefined) problems.push(`${where}: a text node has no content`);
    if (node.marks !== undefined) checkMarks(node.marks, where, problems);
    return;
  }
  if (node.text !== undefined) problems.push(`${where}: only text nodes have text`);
  if (node.marks !== undefined) checkMarks(node.marks, where, problems);
  const rule = RULES[node.type] ?? {};
  const attrs = isObject(node.attrs) ? node.attrs : {};
  for (const name of rule.requiredAttrs ?? []) if (attrs[name] === undefined) problems.push(`${where}: needs attrs.${name}`);
  const attrProblem = rule.check?.(attrs);
  if (attrProblem) problems.push(`${where}: ${attrProblem}`);

  if (!rule.children) {
    if (node.content !== undefined) problems.push(`${where}: '${node.type}' has no content`);
    return;
  }
  if (node.content === undefined) {
    if ((rule.min ?? 0) > 0) problems.push(`${where}: '${node.type}' needs content`);
    return;
  }
  if (!Array.isArray(node.content)) return void problems.push(`${where}/content must be an array`);
  if (node.content.length < (rule.min ?? 0)) problems.push(`${where}: '${node.type}' needs at least ${rule.min} child node(s)`);
  node.content.forEach((child, i) => {
    if (node.type === 'codeBlock' && isObject(child) && child.marks !== undefined) problems.push(`${where}/content/${i}: code block text takes no marks`);
    checkNode(child, rule.children ?? [], `${where}/content/${i}`, problems);
  });
}

/** What is wrong with a value meant as an ADF document, as JSON pointers; empty when it is well formed. */
export function checkAdf(value: unknown): string[] {
  if (!isObject(value)) return ['(root) must be an ADF document object, not ' + (value === null ? 'null' : typeof value)];
  const problems: string[] = [];
  if (value.type !== 'doc') problems.push("(root) type must be 'doc'");
  if (value.version !== 1) problems.push('(root) version must be 1');
  const extra = Object.keys(value).filter((k) => !['type', 'version', 'content'].includes(k));
  if (extra.length > 0) problems.push(`(root): unexpected ${extra.join(', ')}`);
  if (!Array.isArray(value.content)) problems.push('(root) content must be an array');
  else value.content.forEach((node, i) => checkNode(node, BLOCK, `/content/${i}`, problems));
  return problems;
}

/** A document of one paragraph per line, as a person typing plain text in Jira would make. */
export function adfFromText(text: string): AdfDocument {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
  };
}

/** The text of a document, paragraphs on their own lines (for changelog strings and assertions). */
export function adfToText(doc: AdfDocument | null): string {
  if (!doc) return '';
  const walk = (node: { type: string; text?: string; content?: unknown[] }): string =>
    node.type === 'text' ? (node.text ?? '') : node.type === 'hardBreak' ? '\n' : (node.content ?? []).map((c) => walk(c as typeof node)).join('');
  return doc.content.map((block) => walk(block)).join('\n');
}
