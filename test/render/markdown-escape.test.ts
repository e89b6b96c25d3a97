import { markdownHeading, markdownInline, markdownLine, markdownLink, markdownParagraphs } from '../../src/render/markdown-escape';
import { renderedText } from './read-markdown';

/** Text people type that Markdown would otherwise read as structure. */
const HOSTILE = [
  '# Not a heading',
  '## also not #',
  'Disk full #',
  '---',
  '***',
  '___',
  '===',
  '> not a quote',
  '- not a list',
  '+ nor this',
  '* nor this',
  '1. not numbered',
  '2) nor this',
  '| a | b |',
  ':--- | ---:',
  '<div>html</div>',
  '<img src=x onerror=alert(1)>',
  '<!-- comment -->',
  '<https://evil.example>',
  '[bank](https://evil.example)',
  '![pixel](https://evil.example/p.png)',
  '[^1] footnote',
  '`code` and ```fence```',
  '~~~',
  '*bold* _em_ **strong** __strong__ ~~gone~~',
  'snake_case_name and _leading',
  '&gt; &amp; &#60; &#x3C; AT&T',
  'C:\\path\\to\\file \\* \\',
  '$x$ costs $5 and $$y$$',
  'a < b > c',
  '    four spaces',
  '\ttab',
];

/** A small seeded generator: the same "random" strings every run. */
function randomTexts(count: number): string[] {
  const alphabet = ['#', '-', '+', '*', '_', '=', '>', '<', '|', '`', '~', '[', ']', '(', ')', '!', '&', ';', '\\', '$', ':', '1', '.', ')', 'a', 'b', ' ', 'gt', 'amp', '/', '?', 'x'];
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join(''));
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('Markdown escaping', () => {
  it.each(HOSTILE.map((text) => [text]))('shows %j as written, as one paragraph', (text) => {
    const read = renderedText(markdownLine(text));
    expect(read.types).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
    expect(read.text).toBe(oneLine(text));
  });

  it('shows thousands of random mixes of special characters as written', () => {
    const wrong = randomTexts(3000)
      .filter((text) => oneLine(text))
      .filter((text) => {
        const read = renderedText(markdownLine(text));
        const cell = renderedText(`| a | b |\n| --- | --- |\n| ${markdownInline(text)} | x |`);
        return (
          read.text !== oneLine(text) ||
          read.types.join() !== 'paragraph_open,inline,paragraph_close' ||
          cell.text !== `a\n\nb\n\n${oneLine(text)}\n\nx`
        );
      });
    expect(wrong).toEqual([]);
  });

  it('keeps random lines of a text box as lines of one paragraph', () => {
    const texts = randomTexts(4000);
    const wrong: string[] = [];
    for (let i = 0; i < texts.length; i += 4) {
      const lines = texts.slice(i, i + 4);
      const expected = lines.map(oneLine).filter(Boolean).join('\n');
      if (!expected) continue;
      const read = renderedText(markdownParagraphs(lines.join('\n')));
      if (read.text !== expected || read.types.join() !== 'paragraph_open,inline,paragraph_close') wrong.push(lines.join('\n'));
    }
    expect(wrong).toEqual([]);
  });

  it.each(HOSTILE.map((text) => [text]))('keeps %j one cell of a table', (text) => {
    const read = renderedText(['| Field | Value |', '| --- | --- |', `| ${markdownInline(text)} | x |`].join('\n'));
    expect(read.types.filter((t) => t === 'td_open')).toHaveLength(2);
    expect(read.text.split('\n\n')).toEqual(['Field', 'Value', oneLine(text), 'x']);
  });

  it.each(HOSTILE.map((text) => [text]))('keeps %j whole in a heading', (text) => {
    const read = renderedText(`# ${markdownHeading(text)}`);
    expect(read.types).toEqual(['heading_open', 'inline', 'heading_close']);
    expect(read.text).toBe(oneLine(text));
  });

  it('keeps the lines and paragraphs of a text box, and nothing else', () => {
    const text = `${HOSTILE.join('\n')}\n\n\nSecond paragraph\n  indented line  \n\n`;
    const read = renderedText(markdownParagraphs(text));
    expect(read.types).toEqual(['paragraph_open', 'inline', 'paragraph_close', 'paragraph_open', 'inline', 'paragraph_close']);
    expect(read.text).toBe(`${HOSTILE.map(oneLine).join('\n')}\n\nSecond paragraph\nindented line`);
    expect(read.html).not.toMatch(/<(?!\/?(?:p|br)\b)/);
  });

  it('writes characters, not entities, and escapes only what needs it', () => {
    expect(markdownLine('Retries <on> & 5 > 3 at 50% for snake_case')).toBe('Retries \\<on> & 5 > 3 at 50% for snake_case');
    expect(markdownLine('# 1. *a* _b_ [c](d) | `f`')).toBe('\\# 1. \\*a\\* \\_b\\_ \\[c\\](d) \\| \\`f\\`');
    expect(markdownLine('1. first')).toBe('1\\. first');
    expect(markdownLine('&gt; typed out')).toBe('\\&gt; typed out');
    expect(renderedText(markdownLine('&gt; typed out')).html).toBe('<p>&amp;gt; typed out</p>\n');
  });

  it('links only web addresses, with nothing that ends the link early', () => {
    expect(markdownLink('OPS-1', 'https://tracker.example.com/OPS-1')).toBe('[OPS-1](https://tracker.example.com/OPS-1)');
    expect(markdownLink('a [b]', 'https://x.example/a(b)<c>\\d')).toBe('[a \\[b\\]](https://x.example/a%28b%29%3Cc%3E%5Cd)');
    expect(renderedText(markdownLink('a [b]', 'https://x.example/a(b)<c>\\d')).html).toBe('<p><a href="https://x.example/a%28b%29%3Cc%3E%5Cd">a [b]</a></p>\n');
    expect(markdownLink('run me', 'javascript:alert(1)')).toBe('run me');
  });
});
