import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';

/**
 * Reads Markdown as a CommonMark + GFM renderer does (markdown-it: GitHub's tables and
 * strikethrough), with raw HTML allowed as GitHub allows it, so a test can see whether user text
 * turned into HTML.
 */
const markdownIt = new MarkdownIt({ html: true });
type Token = MarkdownIt.Token;

export interface ReadMarkdown {
  /** The front matter as YAML 1.2 reads it. */
  frontMatter: Record<string, unknown>;
  /** The front matter's own lines, between the `---` lines. */
  frontMatterText: string;
  html: string;
  tokens: Token[];
  headings: Array<{ level: number; text: string }>;
  /** Every table as rows of cells (the header row first), each cell as the reader sees it. */
  tables: string[][][];
  links: Array<{ text: string; href: string }>;
  /** Block types that only appear if something in the text became structure. */
  blockTypes: Set<string>;
  /** The text of each section: what follows a heading up to the next, as plain text. */
  section(heading: string): string;
}

/** An inline token's text as a reader sees it; hard breaks become line breaks. */
export function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      if (child.type === 'softbreak') return ' ';
      if (child.type === 'hardbreak') return '\n';
      if (child.type === 'html_inline') return child.content;
      return '';
    })
    .join('');
}

/** Splits off the front matter the way GitHub and static-site tools do: from the first line `---` to the next. */
export function splitFrontMatter(markdown: string): { frontMatterText: string; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error('No front matter');
  return { frontMatterText: match[1] as string, body: markdown.slice(match[0].length) };
}

export function readMarkdown(markdown: string): ReadMarkdown {
  const { frontMatterText, body } = splitFrontMatter(markdown);
  const tokens = markdownIt.parse(body, {});
  const headings: ReadMarkdown['headings'] = [];
  const tables: string[][][] = [];
  const links: ReadMarkdown['links'] = [];
  const blockTypes = new Set<string>();
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  let row: string[] | undefined;

  tokens.forEach((token, i) => {
    blockTypes.add(token.type);
    if (token.type === 'heading_open') {
      const text = inlineText(tokens[i + 1]);
      headings.push({ level: Number(token.tag.slice(1)), text });
      current = [];
      sections.set(text, current);
    } else if (token.type === 'table_open') {
      tables.push([]);
    } else if (token.type === 'tr_open') {
      row = [];
      tables[tables.length - 1]!.push(row);
    } else if ((token.type === 'th_open' || token.type === 'td_open') && row) {
      row.push(inlineText(tokens[i + 1]));
    } else if (token.type === 'inline') {
      if (tokens[i - 1]?.type !== 'heading_open') current?.push(inlineText(token));
      const children = token.children ?? [];
      children.forEach((child, j) => {
        if (child.type !== 'link_open') return;
        const close = children.findIndex((c, k) => k > j && c.type === 'link_close');
        links.push({ text: inlineText({ children: children.slice(j + 1, close) } as Token), href: String(child.attrGet('href') ?? '') });
      });
    }
  });

  return {
    frontMatter: parseYaml(frontMatterText) as Record<string, unknown>,
    frontMatterText,
    html: markdownIt.render(body),
    tokens,
    headings,
    tables,
    links,
    blockTypes,
    section: (heading) => {
      const lines = sections.get(heading);
      if (!lines) throw new Error(`No section "${heading}"`);
      return lines.join('\n');
    },
  };
}

/** Renders one fragment of Markdown and reads back its text, for the escaping tests. */
export function renderedText(markdown: string): { text: string; types: string[]; html: string } {
  const tokens = markdownIt.parse(markdown, {});
  return {
    text: tokens.filter((t) => t.type === 'inline').map((t) => inlineText(t)).join('\n\n'),
    types: tokens.map((t) => t.type),
    html: markdownIt.render(markdown),
  };
}
