import { incidentMetrics } from '../../src/postmortems/incident-metrics';
import { plainFromSlack, roleNamer } from '../../src/mrkdwn/plain-text';
import { MAX_POSTMORTEM_MESSAGES, POSTMORTEM_LIMITS, TIMELINE_SHOWN_MAX, postmortemMessages } from '../../src/render/postmortem-blocks';
import type { TimelineEntry } from '../../src/timeline/timeline-entry';
import { visibleText } from '../../tools/harness/visible-text';
import { escapeMarkdown, postmortemMarkdown, postmortemPath } from '../../src/render/postmortem-markdown';
import { blocksTextLength, checkBlocks } from '../../tools/fake-slack';
import { at, doc, entries, incident, item, names } from '../../tools/harness/postmortem-fixture';

describe('incidentMetrics', () => {
  it('measures detection from the start of impact, mitigation and resolution from detection', () => {
    expect(incidentMetrics(incident)).toEqual({
      durationMs: 42 * 60_000,
      timeToDetectMs: 5 * 60_000,
      timeToMitigateMs: 25 * 60_000,
      timeToResolveMs: 37 * 60_000,
    });
    expect(incidentMetrics({ ...incident, detectedAt: null, mitigatedAt: null, resolvedAt: null })).toEqual({
      durationMs: null,
      timeToDetectMs: 12 * 60_000,
      timeToMitigateMs: null,
      timeToResolveMs: null,
    });
  });
});

describe('postmortemMessages', () => {
  const withinLimits = (messages: ReturnType<typeof postmortemMessages>) => {
    expect(messages.length).toBeLessThanOrEqual(MAX_POSTMORTEM_MESSAGES);
    for (const message of messages) {
      expect(checkBlocks(message.blocks, 'message')).toEqual([]);
      expect(message.blocks.length).toBeLessThanOrEqual(POSTMORTEM_LIMITS.blocksPerMessage);
      expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(12_000);
    }
  };

  it('shows a short timeline whole, with no pointer to the file', () => {
    const messages = postmortemMessages(doc(entries(40), [item(1)]));
    withinLimits(messages);
    const all = JSON.stringify(messages);
    for (let i = 0; i < 40; i += 1) expect(all).toContain(i % 2 ? `CPU at ${i}%` : `Step ${i} `);
    expect(all).not.toContain('attached Markdown file');
  });

  it('keeps 10,000 entries and 100 action items to a few messages within Slack’s limits: every item, the first and last entries, milestones and lifecycle changes, and a count', () => {
    const timeline = entries(10_000).map((e, i) =>
      i === 7000 && e.kind === 'manual' ? { ...e, text: 'Rolled back', milestone: 'mitigated' as const } : e,
    );
    const resolved: TimelineEntry = { id: 's1', incidentId: 'i1', kind: 'system', occurredAt: at(9000.5), actorId: 'U1', editedAt: null, editedBy: null, change: 'resolved', oldValue: null, newValue: null, text: 'Retries back <on>' };
    timeline.splice(9001, 0, resolved);
    const messages = postmortemMessages(doc(timeline, Array.from({ length: 100 }, (_, i) => item(i))));
    withinLimits(messages);
    expect(messages[0]!.text).toMatch(/\(part 1 of \d\)$/);
    const all = messages.map((m) => visibleText(m)).join('\n');
    expect(all).toContain('Automate check 99');
    expect(all).toContain('*Detected:* Step 0 ');
    expect(all).toContain('CPU at 9999%');
    expect(all).toContain('*Mitigated:* Rolled back');
    expect(all).toContain('resolved the incident: Retries back &lt;on&gt;');
    const shown = (all.match(/^<!date\^\d+\^\{date_short\} \{time\}/gm) ?? []).length;
    expect(shown).toBeLessThanOrEqual(TIMELINE_SHOWN_MAX);
    expect(all).toContain(`${(10_001 - shown).toLocaleString('en-US')} more entries are in the attached Markdown file.`);
    expect(all).toContain('*Timeline (10,001)*');
  });

  it('cuts long entries in an excerpt, never through an escaped character', () => {
    const long = entries(300).map((e) => (e.kind === 'manual' ? { ...e, text: `${'&'.repeat(2000)} end` } : e));
    const messages = postmortemMessages(doc(long, []));
    withinLimits(messages);
    const all = messages.map((m) => visibleText(m)).join('\n');
    const lines = all.split('\n').filter((line) => line.startsWith('<!date^'));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => /&(?!amp;|lt;|gt;)/.test(line))).toEqual([]);
    expect(all).not.toContain(' end');
  });

  it('stays within the ceiling even when the written part alone would not fit, pointing at the file', () => {
    const huge = Array.from({ length: 100 }, (_, i) => ({ ...item(i), description: `${i} ${'<'.repeat(490)}`, ticketUrl: `https://t.example/${'x'.repeat(480)}` }));
    const messages = postmortemMessages({ ...doc(entries(500), huge), postmortem: { ...doc([], []).postmortem, content: { ...doc([], []).postmortem.content, summary: '&'.repeat(3000), impact: '<'.repeat(3000) } } });
    withinLimits(messages);
    expect(messages).toHaveLength(MAX_POSTMORTEM_MESSAGES);
    expect(visibleText(messages[MAX_POSTMORTEM_MESSAGES - 1])).toContain('The rest of this post-mortem is in the attached Markdown file.');
  });

  it('shows the tags as text, never as mentions or links', () => {
    const tagged = doc(entries(2), []);
    tagged.postmortem.content.tags = ['payments', '<!channel>', '<https://evil|bank>'];
    const all = postmortemMessages(tagged).map((m) => visibleText(m)).join('\n');
    expect(all).toContain('*Tags*\npayments, &lt;!channel&gt;, &lt;https://evil|bank&gt;');
    expect(all).not.toMatch(/<!channel>|<https:\/\/evil/);
  });

  it('shows user text literally and names people without mentioning them', () => {
    const text = JSON.stringify(postmortemMessages(doc(entries(4), [item(1)])));
    expect(text).not.toMatch(/<!channel>|<!here>|<@U|<https:\/\/evil/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('@Alice Ops');
    expect(text).toContain('Time to detect*\\n5 min');
  });

  it('publishes people as roles when anonymised', () => {
    const text = JSON.stringify(postmortemMessages(doc(entries(4), [item(1)], true)));
    expect(text).not.toMatch(/Alice|Bob|Carol/);
    expect(text).toContain('Commander');
    expect(text).toContain('Responder A');
  });
});

describe('postmortemMarkdown', () => {
  const markdown = postmortemMarkdown(doc(entries(3), [item(1)]));

  it('follows the SRE template, with every section', () => {
    const order = ['# Payments', '### Date', '### Authors', '### Status', '### Summary', '### Impact', '### Root Causes', '### Five Whys', '### Action Items', '### Lessons Learned', '### Timeline', '### Supporting information'];
    const positions = order.map((h) => markdown.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(markdown).toContain('2026-11-22 14:00 UTC – 2026-11-22 14:42 UTC');
    expect(markdown).toContain('| Time to detect | 5 min |');
    expect(markdown).toContain('| Facilitator | Carol |');
  });

  it('escapes user text so it cannot become HTML, links or broken tables', () => {
    expect(markdown).toContain('Retries were disabled &lt;!channel&gt; by a push \\| see &lt;https://evil\\|bank&gt;');
    expect(markdown).toContain('| Automate check 1 \\| with an alert | Detect | Bob \\| Builder | 2026-12-01 | <https://tracker.example.com/OPS-1> | open |');
    expect(markdown).toContain('**Detected:** Step 0 &lt;b&gt;');
    expect(markdown).toContain('Bob \\| Builder: CPU at 1% &lt;hot&gt; @Alice Ops @here');
  });

  it('names people by role when anonymised', () => {
    const anonymous = postmortemMarkdown(doc(entries(3), [item(1)], true));
    expect(anonymous).not.toMatch(/Alice|Bob|Carol/);
    expect(anonymous).toContain('| Incident commander | Commander |');
  });

  it('lives at incidents/YYYY/MM/<slug>/README.md', () => {
    expect(postmortemPath('20261122-payments-failing', incident.impactStartedAt)).toBe('incidents/2026/11/20261122-payments-failing/README.md');
  });
});

describe('plain text helpers', () => {
  it('reads Slack text as a person sees it', () => {
    expect(plainFromSlack('<@U1> in <#C1|ops>: <https://a.example|docs> &amp; <!here>', (id) => names[id] ?? id)).toBe(
      '@Alice Ops in #ops: docs (https://a.example) & @here',
    );
  });

  it('names roles consistently', () => {
    const role = roleNamer('U1');
    expect([role('U2'), role('U1'), role('U3'), role('U2')]).toEqual(['Responder A', 'Commander', 'Responder B', 'Responder A']);
  });

  it('escapes Markdown specials', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) <e> | `f` #g')).toBe('\\*a\\* \\_b\\_ \\[c\\](d) &lt;e&gt; \\| \\`f\\` \\#g');
  });
});
