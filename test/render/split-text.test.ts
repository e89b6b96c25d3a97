import { SECTION_TEXT_MAX, splitText } from '../../src/render/split-text';

describe('splitText', () => {
  it('keeps short text whole, and empty text as one empty piece', () => {
    expect(splitText('one\ntwo')).toEqual(['one\ntwo']);
    expect(splitText('')).toEqual(['']);
  });

  it('packs whole lines into pieces of at most the limit', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(4));
    expect(splitText(lines.join('\n'), 9)).toEqual(['0000\n1111', '2222\n3333', '4444\n5555', '6666\n7777', '8888\n9999']);
  });

  it('loses no text and keeps every piece under a section’s limit', () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i} `.repeat(1 + (i % 13))).join('\n');
    const pieces = splitText(text);
    expect(pieces.every((p) => p.length <= SECTION_TEXT_MAX)).toBe(true);
    expect(pieces.join('\n')).toBe(text);
  });

  it('cuts inside a huge line only, and never through an entity or a link', () => {
    const pieces = splitText(`${'a'.repeat(2897)}&amp;b\nshort`, 2900);
    expect(pieces).toEqual(['a'.repeat(2897), '&amp;b\nshort']);
    expect(splitText(`${'a'.repeat(2890)} <https://x.example/long|link>`, 2900)).toEqual([`${'a'.repeat(2890)} `, '<https://x.example/long|link>']);
  });
});
