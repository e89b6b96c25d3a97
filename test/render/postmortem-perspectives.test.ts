import type { KnownBlock } from '@slack/types';
import { ACCOUNT_QUESTIONS } from '../../src/accounts/account';
import { channelUrl } from '../../src/render/channel-link';
import { MAX_POSTMORTEM_MESSAGES, POSTMORTEM_LIMITS, postmortemMessages } from '../../src/render/postmortem-blocks';
import type { RecalledEntry } from '../../src/render/postmortem-document';
import { postmortemMarkdown } from '../../src/render/postmortem-markdown';
import type { TimelineEntry } from '../../src/timeline/timeline-entry';
import { blocksTextLength, checkBlocks } from '../../tools/fake-slack';
import { at, doc, entries, item, perspective } from '../../tools/harness/postmortem-fixture';
import { visibleText } from '../../tools/harness/visible-text';
import { readMarkdown } from './read-markdown';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

const alice = perspective('Alice Ops', {
  noticed: '14:03 saw 5xx <errors> & more > 2%',
  did: 'Rolled back the config.\nIt was the only recent change.',
  helped: 'A canary for config pushes',
});
const anonymous = perspective('Responder A', { surprised: 'The dashboard showed <!channel> & nothing else' });

const recalled = (minutes: number, label: string, text: string): RecalledEntry => ({ kind: 'recalled', occurredAt: at(minutes), label, text });

const withinLimits = (messages: ReturnType<typeof postmortemMessages>) => {
  expect(messages.length).toBeLessThanOrEqual(MAX_POSTMORTEM_MESSAGES);
  for (const message of messages) {
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(POSTMORTEM_LIMITS.blocksPerMessage);
    expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(12_000);
  }
};
const shown = (messages: ReturnType<typeof postmortemMessages>) => messages.map((m) => visibleText(m)).join('\n');
const sectionTexts = (messages: ReturnType<typeof postmortemMessages>) =>
  messages.flatMap((m) => m.blocks).flatMap((b: KnownBlock) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('participants’ accounts in Slack', () => {
  it('shows a Perspectives section after the action items and before the timeline, each account signed, each answer under its heading', () => {
    const messages = postmortemMessages(doc(entries(4), [item(1)], false, { perspectives: [alice, anonymous] }));
    withinLimits(messages);
    const all = shown(messages);
    const order = ['*Lessons*', '*Action items (1)*', '*Perspectives (2)*', '*Alice Ops*', '*Responder A*', '*Timeline (4)*'].map((s) => all.indexOf(s));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const texts = sectionTexts(messages);
    const aliceText = texts.find((t) => t.startsWith('*Alice Ops*'));
    expect(aliceText).toContain('*Alice Ops*\n_Noticed_\n14:03 saw 5xx &lt;errors&gt; &amp; more &gt; 2%');
    expect(aliceText).toContain('_Did, and why it made sense_\nRolled back the config.\nIt was the only recent change.');
    expect(aliceText).toContain('_Would have helped_\nA canary for config pushes');
    expect(texts).toContain('*Responder A*\n_Surprised or confused by_\nThe dashboard showed &lt;!channel&gt; &amp; nothing else');
    // Unanswered questions are left out, not shown empty.
    expect(all).not.toContain('_Expected_');
    expect(all).not.toMatch(/<!channel>|<errors>/);
  });

  it('escapes the label too', () => {
    const all = shown(postmortemMessages(doc([], [], false, { perspectives: [perspective('Dee <b> & co', { noticed: 'x' })] })));
    expect(all).toContain('*Dee &lt;b&gt; &amp; co*\n_Noticed_\nx');
  });

  it('has no Perspectives section when nobody wrote an account, or only blank ones', () => {
    for (const perspectives of [[], [perspective('Alice Ops', { noticed: '  \n ' })]]) {
      const all = shown(postmortemMessages(doc(entries(4), [item(1)], false, { perspectives })));
      expect(all).not.toContain('Perspectives');
    }
  });

  it('shows a few long accounts whole', () => {
    const long = (who: string) => perspective(who, Object.fromEntries(ACCOUNT_QUESTIONS.map((q) => [q, `${who} ${q} ${'a & b < c. '.repeat(130)}`])));
    const messages = postmortemMessages(doc(entries(40), [item(1)], false, { perspectives: [long('Alice Ops'), long('Responder A')] }));
    withinLimits(messages);
    const all = shown(messages);
    for (const who of ['Alice Ops', 'Responder A']) {
      for (const q of ACCOUNT_QUESTIONS) expect(all).toContain(`${who} ${q} ${'a &amp; b &lt; c. '.repeat(130).trim()}`);
    }
    expect(all).not.toContain('shortened');
    expect(all).toContain('*Timeline (40)*');
    expect(all).not.toContain('attached Markdown file');
  });

  it('shortens accounts too long for the messages, keeping every account, the action items and a timeline excerpt within Slack’s limits', () => {
    const writers = ['Alice Ops', 'Responder A', 'Responder B', 'Bob | Builder', 'Responder C', 'Carol', 'Responder D', 'Responder E'];
    const perspectives = writers.map((who) =>
      perspective(who, Object.fromEntries(ACCOUNT_QUESTIONS.map((q) => [q, `${who}: ${'<&> then more words\n'.repeat(200)}`.slice(0, 3000)]))),
    );
    const messages = postmortemMessages(doc(entries(500), Array.from({ length: 30 }, (_, i) => item(i)), false, { perspectives }));
    withinLimits(messages);
    expect(messages.length).toBe(MAX_POSTMORTEM_MESSAGES);
    const all = shown(messages);
    expect(all).toContain(`*Perspectives (${writers.length})*`);
    for (const who of writers) expect(all).toContain(`*${who.replace('<', '&lt;')}*\n_Noticed_\n`);
    expect(all).toContain('_Accounts are shortened here; the attached Markdown file has them in full._');
    expect(all).toContain('Automate check 29');
    expect(all).not.toContain('The rest of this post-mortem is in the attached Markdown file.');
    // The timeline keeps its first and last entries and more besides.
    expect((all.match(/^<!date\^\d+\^\{date_short\} \{time\}/gm) ?? []).length).toBeGreaterThanOrEqual(20);
    expect(all).toContain('Step 0 ');
    expect(all).toContain('CPU at 499%');
    // Cut answers end with an ellipsis and never through an entity.
    for (const text of sectionTexts(messages)) expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(all).toMatch(/…/);
  });

  it('ends with a pointer to the file when even shortened accounts cannot fit', () => {
    const perspectives = Array.from({ length: 60 }, (_, i) =>
      perspective(`Responder ${i}`, Object.fromEntries(ACCOUNT_QUESTIONS.map((q) => [q, '&'.repeat(3000)]))),
    );
    const messages = postmortemMessages(doc(entries(50), [item(1)], false, { perspectives }));
    withinLimits(messages);
    expect(messages).toHaveLength(MAX_POSTMORTEM_MESSAGES);
    expect(visibleText(messages[MAX_POSTMORTEM_MESSAGES - 1])).toContain('The rest of this post-mortem is in the attached Markdown file.');
  });
});

describe('recalled moments on the timeline', () => {
  const timeline = [...entries(3), recalled(3, 'Responder A', 'Saw 5xx <errors> & more\nthen paged')];

  it('shows a recalled moment in Slack, signed and marked as recalled', () => {
    const all = shown(postmortemMessages(doc(timeline, [])));
    expect(all).toContain(`<!date^${seconds(at(3))}^{date_short} {time}|2026-11-22 14:03 UTC> *Responder A* _(recalled)_: Saw 5xx &lt;errors&gt; &amp; more then paged`);
    expect(all).toContain('*Timeline (4)*');
  });

  it('treats recalled moments as ordinary entries in an excerpt: milestones come first', () => {
    const long: Array<TimelineEntry | RecalledEntry> = entries(1000);
    long[950] = { ...(long[950] as TimelineEntry & { kind: 'manual' }), kind: 'manual', text: 'Rolled back', milestone: 'mitigated' };
    for (let i = 900; i < 905; i += 1) long[i] = recalled(i, 'Responder A', `remembered ${i}`);
    long[999] = recalled(999, 'Responder B', 'last thing I saw');
    const all = shown(postmortemMessages(doc(long, [])));
    expect(all).toContain('*Mitigated:* Rolled back');
    expect(all).not.toContain('remembered 90');
    // The last entry is always shown, recalled or not.
    expect(all).toContain('*Responder B* _(recalled)_: last thing I saw');
  });

  it('writes a recalled moment in the file’s timeline line format, escaped', () => {
    const markdown = postmortemMarkdown(doc(timeline, []));
    expect(markdown).toContain('- **2026-11-22 14:03** Responder A _(recalled)_: Saw 5xx \\<errors> & more then paged\n');
    expect(readMarkdown(markdown).section('Timeline').split('\n')).toContain('2026-11-22 14:03 Responder A (recalled): Saw 5xx <errors> & more then paged');
  });

  it('never lets a recalled moment stand for a milestone', () => {
    const later = entries(3).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt.getTime() + 10 * 60_000) }));
    const markdown = postmortemMarkdown(doc([recalled(1, 'Alice Ops', 'Impact started: checkout failing'), ...later], []));
    const read = readMarkdown(markdown);
    expect(read.section('Timeline').split('\n').slice(0, 3)).toEqual([
      'All times UTC.',
      '2026-11-22 14:00 Impact started.',
      '2026-11-22 14:01 Alice Ops (recalled): Impact started: checkout failing',
    ]);
    expect(read.section('Trigger')).toBe('Impact started at 2026-11-22 14:00 UTC.');
    expect(read.section('Detection')).not.toContain('recalled');
    expect(read.section('Resolution')).not.toContain('recalled');
  });

  it('still finds the channel’s address among recalled moments', () => {
    expect(channelUrl(doc([recalled(0, 'Responder A', 'first'), ...entries(3)], []))).toBe('https://x.slack.com/archives/C1');
  });
});

describe('participants’ accounts in the Markdown file', () => {
  it('puts a Perspectives section between the lessons and the timeline, an account a subsection, each answer under its heading', () => {
    const markdown = postmortemMarkdown(doc(entries(3), [item(1)], false, { perspectives: [alice, anonymous] }));
    const read = readMarkdown(markdown);
    const headings = read.headings.map((h) => `${h.level} ${h.text}`);
    const from = headings.indexOf('2 Lessons Learned');
    expect(headings.slice(from)).toEqual([
      '2 Lessons Learned',
      '3 What went well',
      '3 What went wrong',
      '3 Where we got lucky',
      '2 Perspectives',
      '3 Alice Ops',
      '3 Responder A',
      '2 Timeline',
      '2 Supporting information',
      '3 Times',
      '3 Durations',
      '3 Details',
    ]);
    expect(markdown).toContain(
      [
        '## Perspectives',
        '',
        "Each in the writer's own words. The times they wrote are given in UTC, and are on the timeline too, marked recalled.",
        '',
        '### Alice Ops',
        '',
        '**Noticed**',
        '',
        '14:03 saw 5xx \\<errors> & more > 2%',
        '',
        '**Did, and why it made sense**',
        '',
        'Rolled back the config.\\',
        'It was the only recent change.',
        '',
        '**Would have helped**',
        '',
        'A canary for config pushes',
        '',
        '### Responder A',
        '',
        '**Surprised or confused by**',
        '',
        'The dashboard showed \\<!channel> & nothing else',
        '',
        '## Timeline',
      ].join('\n'),
    );
  });

  it('has no Perspectives section when nobody wrote an account', () => {
    expect(postmortemMarkdown(doc(entries(3), []))).not.toContain('Perspectives');
    expect(postmortemMarkdown(doc(entries(3), [], false, { perspectives: [perspective('Alice Ops', { did: ' \n' })] }))).not.toContain('Perspectives');
  });

  it('shows hostile accounts as written, never as structure or HTML', () => {
    const hostile = perspective('# Bob | *x* <b> [y](https://evil.example)', {
      noticed: '# Heading\n---\n> quote\n- list\n1. ordered\n| a | b |\n| --- | --- |\n<div>html</div>\n    code\n```\nfence',
      did: '*bold* _em_ `code` ~~gone~~ [link](https://evil.example) &amp; &lt;x&gt; $x$ \\',
    });
    const read = readMarkdown(postmortemMarkdown(doc([], [], false, { perspectives: [hostile] })));
    expect(read.headings).toContainEqual({ level: 3, text: '# Bob | *x* <b> [y](https://evil.example)' });
    expect(read.section('# Bob | *x* <b> [y](https://evil.example)').split('\n')).toEqual([
      'Noticed',
      '# Heading',
      '---',
      '> quote',
      '- list',
      '1. ordered',
      '| a | b |',
      '| --- | --- |',
      '<div>html</div>',
      'code',
      '```',
      'fence',
      'Did, and why it made sense',
      '*bold* _em_ `code` ~~gone~~ [link](https://evil.example) &amp; &lt;x&gt; $x$ \\',
    ]);
    // The rest of the document has lists and tables of its own; the account adds none, nor a quote, rule or code.
    const allowed = ['heading', 'paragraph', 'bullet_list', 'ordered_list', 'list_item', 'table', 'thead', 'tbody', 'tr', 'th', 'td'].flatMap((t) => [`${t}_open`, `${t}_close`]).concat('inline');
    // The one code block is the phase chart's Mermaid gantt.
    expect([...read.blockTypes].filter((t) => !allowed.includes(t))).toEqual(['fence']);
    expect(read.tokens.filter((t) => t.type === 'fence').map((t) => t.info)).toEqual(['mermaid']);
    expect(read.html.match(/<(?:table|ol)>/g)).toHaveLength(4);
    // In the account, only the two question headings are formatting.
    const headingAt = (text: string) => read.tokens.findIndex((t, i) => t.type === 'heading_open' && read.tokens[i + 1]?.content === text);
    expect(headingAt('Perspectives')).toBeGreaterThan(0);
    const inline = read.tokens.slice(headingAt('Perspectives'), headingAt('Timeline')).flatMap((t) => t.children ?? []).map((c) => c.type);
    expect(inline.filter((t) => /^(?:em|s|link|strong)_open$|^html_inline$|^code_inline$/.test(t))).toEqual(['strong_open', 'strong_open']);
    expect(read.html).not.toMatch(/<(?:div|b)>/);
  });
});

describe('many accounts in Slack', () => {
  it('never push the action items out of the messages, however many people wrote', () => {
    const answers = Object.fromEntries(ACCOUNT_QUESTIONS.map((q) => [q, `What I saw and did, in some detail. ${'More context. '.repeat(30)}`]));
    const many = Array.from({ length: 70 }, (_, i) => perspective(`Responder ${i}`, answers));
    const messages = postmortemMessages(doc(entries(40), [item(1), item(2)], false, { perspectives: many }));
    withinLimits(messages);
    const all = shown(messages);
    expect(all).toContain('*Action items (2)*');
    expect(all).toContain('Automate check 2');
    expect(all).toContain('*Perspectives (70)*');
    // What did not fit is in the file, and the messages say so.
    expect(all).toMatch(/Markdown file/);
  });
});
