import { parse as parseYaml } from 'yaml';
import { incidentMetrics } from '../../src/postmortems/incident-metrics';
import { postmortemMarkdown } from '../../src/render/postmortem-markdown';
import type { PostmortemDocument } from '../../src/render/postmortem-document';
import type { TimelineEntry } from '../../src/timeline/timeline-entry';
import { at, doc, entries, incident, item } from '../../tools/harness/postmortem-fixture';
import { readMarkdown } from './read-markdown';

/** The outline every post-mortem file has, as a reader of the rendered page sees it. */
const OUTLINE = [
  [2, 'Date'],
  [2, 'Authors'],
  [2, 'Status'],
  [2, 'Summary'],
  [2, 'Impact'],
  [2, 'Root Causes'],
  [3, 'How could we have avoided it?'],
  [3, 'How could we have detected it sooner?'],
  [3, 'How could we have fixed it faster?'],
  [3, 'Five Whys'],
  [2, 'Trigger'],
  [2, 'Detection'],
  [2, 'Resolution'],
  [2, 'Action Items'],
  [2, 'Lessons Learned'],
  [3, 'What went well'],
  [3, 'What went wrong'],
  [3, 'Where we got lucky'],
  [2, 'Timeline'],
  [2, 'Supporting information'],
  [3, 'Times'],
  [3, 'Durations'],
  [3, 'Details'],
].map(([level, text]) => ({ level, text }));

/** Only these kinds of blocks: anything else (a quote, a rule, code, HTML) came from someone's text. */
const ALLOWED_BLOCKS = new Set(
  ['heading', 'paragraph', 'bullet_list', 'ordered_list', 'list_item', 'table', 'thead', 'tbody', 'tr', 'th', 'td'].flatMap((t) => [`${t}_open`, `${t}_close`]).concat('inline'),
);

const ENTITY_TWICE = /&amp;(?:[a-z]+|#\d+);/;

/** The only code block is the phase chart's Mermaid gantt, which the file adds itself. */
const ourFences = (read: ReturnType<typeof readMarkdown>) => read.tokens.filter((t) => t.type === 'fence').map((t) => t.info);

describe('the post-mortem file, read by a CommonMark + GFM renderer', () => {
  const alert: TimelineEntry = {
    id: 'al',
    incidentId: 'i1',
    kind: 'system',
    occurredAt: at(3),
    actorId: null,
    editedAt: null,
    editedBy: null,
    change: 'alert_fired',
    oldValue: 'alertmanager',
    newValue: 'PaymentErrors',
    text: 'error rate > 2% & rising',
  };
  const read = readMarkdown(postmortemMarkdown(doc([...entries(3), alert], [item(1)])));

  it('has the template’s headings, in order, the title shown as written', () => {
    expect(read.headings).toEqual([{ level: 1, text: 'Payments <failing> & more' }, ...OUTLINE]);
    expect(read.html).toContain('<h1>Payments &lt;failing&gt; &amp; more</h1>');
  });

  it('shows people’s text as characters, never as HTML or as an entity twice escaped', () => {
    expect(read.section('Summary')).toBe('Retries were disabled <!channel> by a push | see <https://evil|bank>');
    expect(read.html).not.toMatch(ENTITY_TWICE);
    expect([...read.blockTypes].filter((t) => !ALLOWED_BLOCKS.has(t))).toEqual(['fence']);
    expect(ourFences(read)).toEqual(['mermaid']);
    expect(read.tokens.flatMap((t) => t.children ?? []).filter((c) => c.type === 'html_inline')).toEqual([]);
    expect(read.section('Timeline').split('\n')).toEqual([
      'All times UTC.',
      '2026-11-22 14:00 Impact started.',
      '2026-11-22 14:00 Detected: Step 0 <b>',
      `2026-11-22 14:01 Bob | Builder: CPU at 1% <hot> @Alice Ops @here ${'x'.repeat(60)}`,
      '2026-11-22 14:02 Step 2 <b>',
      '2026-11-22 14:03 Alert PaymentErrors fired (alertmanager): error rate > 2% & rising',
    ]);
  });

  it('puts what happened under Trigger, Detection and Resolution', () => {
    expect(read.section('Trigger')).toBe('Impact started at 2026-11-22 14:00 UTC.');
    expect(read.section('Detection')).toBe(
      [
        'Detected at 2026-11-22 14:05 UTC, 5 min after impact started; declared at 2026-11-22 14:12 UTC.',
        '2026-11-22 14:00 Detected: Step 0 <b>',
        '2026-11-22 14:03 Alert PaymentErrors fired (alertmanager): error rate > 2% & rising',
      ].join('\n'),
    );
    expect(read.section('Resolution')).toBe(
      'Re-enabled retries\nMitigated at 2026-11-22 14:30 UTC, 25 min after detection. Resolved at 2026-11-22 14:42 UTC, 37 min after detection. Impact lasted 30 min.',
    );
    expect(read.section('How could we have avoided it?')).toBe('No canary');
  });

  it('has tables with real headers, one value a cell', () => {
    expect(read.tables).toEqual([
      [
        ['Moment', 'Time (UTC)'],
        ['Impact started', '2026-11-22 14:00'],
        ['Detected', '2026-11-22 14:05'],
        ['Declared', '2026-11-22 14:12'],
        ['Mitigated', '2026-11-22 14:30'],
        ['Resolved', '2026-11-22 14:42'],
      ],
      [
        ['Measure', 'From → to', 'Duration'],
        ['Impact duration', 'impact started → mitigated', '30 min'],
        ['Time to detect', 'impact started → detected', '5 min'],
        ['Time to mitigate', 'detected → mitigated', '25 min'],
        ['Time to resolve', 'detected → resolved', '37 min'],
      ],
      [
        ['Detail', 'Value'],
        ['Severity', 'SEV2'],
        ['Incident commander', 'Alice Ops'],
        ['Facilitator', 'Carol'],
        ['Review meeting', '2026-11-25'],
        ['Tags', 'payments'],
        ['Channel', '#inc-20261122-payments-failing'],
      ],
    ]);
  });

  it('lists each action item with its owner, due date and ticket, and links only what the bot links', () => {
    expect(read.section('Action Items')).toBe(
      '[ ] Automate check 1 | with an alert\nOwner: Bob | Builder · Due: 2026-12-01 · Type: Detect · Status: open · Ticket: OPS-1',
    );
    expect(read.links).toEqual([
      { text: 'OPS-1', href: 'https://tracker.example.com/OPS-1' },
      { text: '#inc-20261122-payments-failing', href: 'https://x.slack.com/archives/C1' },
    ]);
  });

  it('opens with front matter that parses as YAML, with every field and its type', () => {
    expect(read.frontMatter).toEqual({
      id: 'i1',
      title: 'Payments <failing> & more',
      severity: 'SEV2',
      status: 'published',
      impact_started: '2026-11-22T14:00:00Z',
      detected: '2026-11-22T14:05:00Z',
      declared: '2026-11-22T14:12:00Z',
      mitigated: '2026-11-22T14:30:00Z',
      resolved: '2026-11-22T14:42:00Z',
      impact_minutes: 30,
      ttd_minutes: 5,
      ttm_minutes: 25,
      ttr_minutes: 37,
      tags: ['payments'],
      channel: 'https://x.slack.com/archives/C1',
      authors: ['Alice Ops', 'Bob | Builder'],
      review_meeting: null,
    });
    // YAML 1.1 readers (Jekyll, PyYAML) see the same values: nothing is read as a date or a boolean.
    expect(parseYaml(read.frontMatterText, { version: '1.1' })).toEqual(read.frontMatter);
    for (const key of ['impact_minutes', 'ttd_minutes', 'ttm_minutes', 'ttr_minutes']) expect(Number.isInteger(read.frontMatter[key])).toBe(true);
  });

  it('leaves unknown times null and names the channel when its address is unknown', () => {
    const draft: PostmortemDocument = {
      ...doc([], []),
      incident: { ...incident, detectedAt: null, mitigatedAt: null },
      metrics: incidentMetrics({ ...incident, detectedAt: null, mitigatedAt: null }),
    };
    draft.postmortem = { ...draft.postmortem, publishedAt: null };
    const front = readMarkdown(postmortemMarkdown(draft)).frontMatter;
    expect(front).toMatchObject({ status: 'draft', detected: '2026-11-22T14:12:00Z', mitigated: null, impact_minutes: 42, ttd_minutes: 12, ttm_minutes: null, channel: '#inc-20261122-payments-failing' });
  });

  describe('with text written to break it', () => {
    const hostile: PostmortemDocument = doc(
      [
        { ...entries(1)[0]!, text: '# Heading?\n---\n<script>alert(1)</script> `x` | y' },
        { ...entries(2)[1]!, kind: 'message', text: '&lt;img src=x onerror=alert(1)&gt; &amp;gt; typed | *bold* [link](https://evil.example)' } as TimelineEntry,
      ],
      [{ ...item(1), description: '<img src=x onerror=alert(1)> | --- | # not a heading', ticketUrl: 'https://tracker.example.com/browse/OPS-7?x=(1)' }],
    );
    hostile.incident = { ...incident, title: '# Not a heading\n---\ntitle: injected #', resolutionNote: '---\n> quote\n<div>block</div>' };
    hostile.postmortem = {
      ...hostile.postmortem,
      content: {
        ...hostile.postmortem.content,
        summary: '---\ntitle: injected\n---\n# Heading\n> quote\n    code\n```\nfence\n| a | b |\n| --- | --- |\n<div>html</div>\n1. list\n===',
        causes: { avoid: ['# h', '---'], detect: ['| a | b |'], fixFaster: ['<!-- hidden -->'] },
        fiveWhys: ['1. nested?'],
        tags: ['---', 'yes', 'a: b', '#tag'],
      },
    };
    const text = postmortemMarkdown(hostile);
    const read = readMarkdown(text);

    it('keeps the document’s outline, tables and blocks', () => {
      expect(read.headings).toEqual([{ level: 1, text: '# Not a heading --- title: injected #' }, ...OUTLINE]);
      expect(read.tables.map((t) => t.map((row) => row.length))).toEqual([[2, 2, 2, 2, 2, 2], [3, 3, 3, 3, 3], [2, 2, 2, 2, 2, 2, 2]]);
      expect([...read.blockTypes].filter((t) => !ALLOWED_BLOCKS.has(t))).toEqual(['fence']);
      expect(ourFences(read)).toEqual(['mermaid']);
      expect(read.tokens.flatMap((t) => t.children ?? []).filter((c) => c.type === 'html_inline')).toEqual([]);
      expect(read.html).not.toMatch(/<(?:script|div)\b/);
      expect(read.html.match(/<img\b[^>]*>/g)).toEqual(['<img src="phase-chart.png" alt="Phase chart">']);
      // The one entity-like text in the HTML is the `&gt;` someone typed out in Slack (sent as `&amp;gt;`).
      expect(read.html.match(new RegExp(ENTITY_TWICE, 'g'))).toEqual(['&amp;gt;']);
    });

    it('shows every piece of it as written', () => {
      expect(read.section('Summary')).toBe(
        '---\ntitle: injected\n---\n# Heading\n> quote\ncode\n```\nfence\n| a | b |\n| --- | --- |\n<div>html</div>\n1. list\n===',
      );
      expect(read.section('Resolution').split('\n').slice(0, 3)).toEqual(['---', '> quote', '<div>block</div>']);
      expect(read.section('How could we have avoided it?')).toBe('# h\n---');
      expect(read.section('Five Whys')).toBe('1. nested?');
      expect(read.section('Timeline')).toContain('2026-11-22 14:00 Detected: # Heading? --- <script>alert(1)</script> `x` | y');
      expect(read.section('Timeline')).toContain('Bob | Builder: <img src=x onerror=alert(1)> &gt; typed | *bold* [link](https://evil.example)');
      expect(read.section('Action Items')).toContain('[ ] <img src=x onerror=alert(1)> | --- | # not a heading\nOwner:');
      expect(read.links.map((l) => l.href)).toEqual(['https://tracker.example.com/browse/OPS-7?x=%281%29', 'https://x.slack.com/archives/C1']);
      expect(read.links[0]!.text).toBe('OPS-7');
    });

    it('cannot end the front matter early or add a key to it', () => {
      expect(text.split('\n').filter((line) => line === '---')).toHaveLength(2);
      expect(Object.keys(read.frontMatter)).toHaveLength(17);
      expect(read.frontMatter.title).toBe('# Not a heading --- title: injected #');
      expect(read.frontMatter.tags).toEqual(['---', 'yes', 'a: b', '#tag']);
      expect(parseYaml(read.frontMatterText, { version: '1.1' })).toEqual(read.frontMatter);
    });
  });
});
