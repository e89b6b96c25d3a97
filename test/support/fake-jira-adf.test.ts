import { adfFromText, adfToText, checkAdf } from '../../tools/fake-trackers/jira';

/** The ADF check the fake Jira applies to descriptions and comments. */
describe('checkAdf', () => {
  const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
  const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });

  it("accepts the reference README's valid cases", () => {
    expect(checkAdf(doc(paragraph({ type: 'text', text: 'Follow-up from INC-7' })))).toEqual([]);
    expect(checkAdf(doc())).toEqual([]);
    const link = { type: 'text', text: 'the post-mortem', marks: [{ type: 'link', attrs: { href: 'https://example.com/pm/7' } }] };
    expect(checkAdf(doc(paragraph(link)))).toEqual([]);
  });

  it("refuses the reference README's invalid case and other malformed documents", () => {
    expect(checkAdf(doc(paragraph({ type: 'text', text: '' })))).toEqual(['/content/0/content/0: a text node needs non-empty text']);
    expect(checkAdf('Follow-up')).toEqual(['(root) must be an ADF document object, not string']);
    expect(checkAdf({ type: 'doc', content: [] })).toEqual(['(root) version must be 1']);
    expect(checkAdf(doc({ type: 'text', text: 'bare text at the top' }))).toEqual(["/content/0: 'text' is not allowed here"]);
    expect(checkAdf(doc({ type: 'bulletList', content: [] }))).toEqual(["/content/0: 'bulletList' needs at least 1 child node(s)"]);
    expect(checkAdf(doc(paragraph({ type: 'sparkle' })))).toEqual(["/content/0/content/0: unknown node type 'sparkle'"]);
    expect(checkAdf(doc(paragraph({ type: 'text', text: 'x', marks: [{ type: 'link' }] })))).toEqual(['/content/0/content/0/marks/0: a link needs attrs.href']);
    expect(checkAdf(doc({ type: 'heading', content: [] }))).toEqual(['/content/0: needs attrs.level', '/content/0: attrs.level must be 1 to 6']);
  });

  it('accepts lists, code, mentions and panels as Jira stores them', () => {
    const list = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [paragraph({ type: 'text', text: 'one' }, { type: 'hardBreak' }, { type: 'mention', attrs: { id: 'abc' } })] }],
    };
    const code = { type: 'codeBlock', attrs: { language: 'sql' }, content: [{ type: 'text', text: 'select 1' }] };
    const panel = { type: 'panel', attrs: { panelType: 'info' }, content: [paragraph({ type: 'text', text: 'note', marks: [{ type: 'strong' }] })] };
    expect(checkAdf(doc(list, code, panel, { type: 'rule' }))).toEqual([]);
  });

  it('turns plain text into paragraphs and back', () => {
    const made = adfFromText('first\n\nthird');
    expect(checkAdf(made)).toEqual([]);
    expect(adfToText(made)).toBe('first\n\nthird');
  });
});
