import { hasLineBreak, joinLines, normaliseTypedLine, normaliseTypedText } from '../../../src/slack/parse/normalise-text';

describe('normaliseTypedText (any length of text)', () => {
  it('drops NUL, which PostgreSQL refuses', () => {
    expect(normaliseTypedText('DB\u0000 down')).toBe('DB down');
  });

  it('makes every line break a \\n: a lone \\r would otherwise join lines for us and split them for Markdown', () => {
    expect(normaliseTypedText('one\r\ntwo\rthree\u2028four\u2029five\u0085six')).toBe('one\ntwo\nthree\nfour\nfive\nsix');
  });

  it('drops the other C0 and C1 control characters, DEL included, and keeps tabs and line breaks', () => {
    expect(normaliseTypedText('a\u0007b\u001Bc\u007Fd\u0080e\u009Ff\tg\nh')).toBe('abcdef\tg\nh');
  });

  it('keeps what people mean to type: other scripts, emoji joined by ZWJ, direction marks inside a paragraph', () => {
    const text = 'שלום 🔥 👩\u200D💻 Ünïcödé';
    expect(normaliseTypedText(text)).toBe(text);
  });
});

describe('normaliseTypedLine (a title, a note)', () => {
  it('also drops direction overrides and isolates, so a title reads as what it says', () => {
    expect(normaliseTypedLine('Outage \u202Eevil\u202C \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068')).toBe('Outage evil x ');
  });

  it('also drops zero-width characters, so two titles that look the same are the same', () => {
    expect(normaliseTypedLine('\uFEFFcheck\u200Bout\u200C\u200D\u2060')).toBe('checkout');
  });

  it('turns tabs into spaces and keeps line breaks, for the rules to refuse', () => {
    expect(normaliseTypedLine('a\tb\r\nc\u0000')).toBe('a b\nc');
  });
});

describe('line breaks in one-line text', () => {
  it('are found', () => {
    expect(hasLineBreak('one\ntwo')).toBe(true);
    expect(hasLineBreak('one two')).toBe(false);
  });

  it('are joined into single spaces', () => {
    expect(joinLines('API down\n\n  EU only \nsince 10:00')).toBe('API down EU only since 10:00');
  });
});
