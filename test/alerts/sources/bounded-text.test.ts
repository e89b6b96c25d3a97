import { boundedText, oneLine, stripControlCharacters, truncate } from '../../../src/alerts/sources/bounded-text';

describe('bounded text', () => {
  it('strips control characters but keeps newlines and tabs, folding carriage returns', () => {
    expect(stripControlCharacters('a\u0000b\u0007c\td\r\ne\rf\u001b[0m\u007f\u0085g')).toBe('abc\td\ne\nf[0mg');
  });

  it('cuts with an ellipsis inside the bound, never through a surrogate pair', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    expect(truncate('abcd😀xyz', 6)).toBe('abcd…');
    expect(truncate('abcd😀xyz', 7)).toBe('abcd😀…');
  });

  it('trims, and reads empty or non-string text as absent', () => {
    expect(boundedText('  hello \n', 10)).toBe('hello');
    expect(boundedText(' \u0000 ', 10)).toBeNull();
    expect(boundedText(undefined, 10)).toBeNull();
    expect(boundedText(null, 10)).toBeNull();
  });

  it('puts one-line text on one line', () => {
    expect(oneLine('Disk\nfull\t on  \r\n db-1 ', 100)).toBe('Disk full on db-1');
  });
});
