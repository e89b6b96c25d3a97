import { NOTE_LINKS_MAX, captureNoteText } from '../../../src/slack/web-api/capture-note';

describe('captureNoteText', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 14, minute));
  const capture = (i: number, text = `Observation ${i}`) => ({
    text,
    authorId: 'U2',
    postedAt: at(i),
    permalink: `https://acme.slack.com/archives/C1/p17000000000000${String(i).padStart(2, '0')}`,
  });

  it('lists the first messages oldest first with links, and counts the rest', () => {
    const captures = Array.from({ length: NOTE_LINKS_MAX + 2 }, (_, i) => capture(i)).reverse();
    const lines = captureNoteText(captures).split('\n');
    expect(lines[0]).toBe(`:memo: ${NOTE_LINKS_MAX + 2} messages added to the timeline`);
    expect(lines).toHaveLength(NOTE_LINKS_MAX + 2);
    expect(lines[1]).toContain('<@U2>: Observation 0 <https://acme.slack.com/archives/C1/p1700000000000000|view>');
    expect(lines[1]).toContain('<!date^');
    expect(lines.at(-1)).toBe('…and 2 more: see `/incident timeline`');
  });

  it('quotes what people wrote without pinging anyone again, on one short line', () => {
    const text = captureNoteText([capture(1, `<!channel> DB down &lt;again&gt;\nsee ${'x'.repeat(200)}`)]);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('@channel DB down &lt;again&gt; see x');
    expect(text.split('\n')).toHaveLength(2);
    expect(text.split('\n')[1]!.length).toBeLessThan(250);
  });
});
