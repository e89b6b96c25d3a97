import { incidentMetrics } from '../../src/postmortems/incident-metrics';
import { plainFromSlack, roleNamer } from '../../src/mrkdwn/plain-text';
import { MAX_POSTMORTEM_MESSAGES, POSTMORTEM_LIMITS, TIMELINE_SHOWN_MAX, postmortemMessages } from '../../src/render/postmortem-blocks';
import type { TimelineEntry } from '../../src/timeline/timeline-entry';
import { visibleText } from '../../tools/harness/visible-text';
import { postmortemMarkdown, postmortemPath, ticketLabel } from '../../src/render/postmortem-markdown';
import { blocksTextLength, checkBlocks } from '../../tools/fake-slack';
import { at, doc, entries, incident, item, names } from '../../tools/harness/postmortem-fixture';

describe('incidentMetrics', () => {
  it('measures impact to mitigation, detection from the start of impact, mitigation and resolution from detection', () => {
    expect(incidentMetrics(incident)).toEqual({
      impactMs: 30 * 60_000,
      timeToDetectMs: 5 * 60_000,
      timeToMitigateMs: 25 * 60_000,
      timeToResolveMs: 37 * 60_000,
    });
    expect(incidentMetrics({ ...incident, detectedAt: null, mitigatedAt: null, resolvedAt: null })).toEqual({
      impactMs: null,
      timeToDetectMs: 12 * 60_000,
      timeToMitigateMs: null,
      timeToResolveMs: null,
    });
  });

  it('ends impact at resolution when no mitigation was recorded', () => {
    expect(incidentMetrics({ ...incident, mitigatedAt: null }).impactMs).toBe(42 * 60_000);
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
    expect(text).toContain('Impact duration*\\n30 min');
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
  const body = markdown.slice(markdown.indexOf('\n---\n') + 5);

  it('opens with YAML front matter, then follows the SRE template, with every section', () => {
    expect(markdown.startsWith('---\n')).toBe(true);
    const order = [
      '# Payments \\<failing> & more',
      '## Date',
      '## Authors',
      '## Status',
      '## Summary',
      '## Impact',
      '## Root Causes',
      '### How could we have avoided it?',
      '### How could we have detected it sooner?',
      '### How could we have fixed it faster?',
      '### Five Whys',
      '## Trigger',
      '## Detection',
      '## Resolution',
      '## Action Items',
      '## Lessons Learned',
      '## Timeline',
      '## Supporting information',
      '### Times',
      '### Durations',
      '### Details',
    ];
    const positions = order.map((h) => body.indexOf(`\n${h}\n`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(body).toContain('## Date\n\n2026-11-22 14:00 – 14:42 UTC (impact started → resolved)');
    expect(body).toContain('## Status\n\nComplete, action items in progress (1 of 1 open)');
  });

  it('labels every duration with what it measures, impact ending at mitigation', () => {
    expect(body).toContain(
      [
        '| Measure | From → to | Duration |',
        '| --- | --- | --- |',
        '| Impact duration | impact started → mitigated | 30 min |',
        '| Time to detect | impact started → detected | 5 min |',
        '| Time to mitigate | detected → mitigated | 25 min |',
        '| Time to resolve | detected → resolved | 37 min |',
      ].join('\n'),
    );
    const unmitigated = postmortemMarkdown({ ...doc([], []), incident: { ...incident, mitigatedAt: null }, metrics: incidentMetrics({ ...incident, mitigatedAt: null }) });
    expect(unmitigated).toContain('| Impact duration | impact started → resolved (no mitigation recorded) | 42 min |');
    expect(unmitigated).toContain('| Mitigated | — |');
  });

  it('says what happened under Trigger, Detection and Resolution, from the milestones, the alerts and the resolution note', () => {
    const alert: TimelineEntry = { id: 'al', incidentId: 'i1', kind: 'system', occurredAt: at(3), actorId: null, editedAt: null, editedBy: null, change: 'alert_fired', oldValue: 'alertmanager', newValue: 'PaymentErrors', text: 'error rate > 2%' };
    const cleared: TimelineEntry = { ...alert, id: 'ar', occurredAt: at(31), change: 'alert_resolved', text: null };
    const text = postmortemMarkdown(doc([...entries(3), alert, cleared], []));
    expect(text).toContain('## Trigger\n\nImpact started at 2026-11-22 14:00 UTC.\n\n## Detection');
    expect(text).toContain(
      [
        '## Detection',
        '',
        'Detected at 2026-11-22 14:05 UTC, 5 min after impact started; declared at 2026-11-22 14:12 UTC.',
        '',
        '- **2026-11-22 14:00** **Detected:** Step 0 \\<b>',
        '- **2026-11-22 14:03** Alert PaymentErrors fired (alertmanager): error rate > 2%',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '## Resolution',
        '',
        'Re-enabled retries',
        '',
        'Mitigated at 2026-11-22 14:30 UTC, 25 min after detection. Resolved at 2026-11-22 14:42 UTC, 37 min after detection. Impact lasted 30 min.',
        '',
        '- **2026-11-22 14:31** Alert PaymentErrors resolved (alertmanager).',
      ].join('\n'),
    );
    // The causes keep their own headings: the three questions, never Google's phase names.
    expect(text).not.toMatch(/^#+ .*(Trigger|Detection|Resolution) —/m);
  });

  it('lists at most ten alerts under Detection, all of them on the timeline', () => {
    const storm = Array.from({ length: 12 }, (_, i): TimelineEntry => ({ id: `al${i}`, incidentId: 'i1', kind: 'system', occurredAt: at(1), actorId: null, editedAt: null, editedBy: null, change: 'alert_fired', oldValue: null, newValue: `Disk${i}`, text: null }));
    const text = postmortemMarkdown(doc(storm, []));
    const detection = text.slice(text.indexOf('## Detection'), text.indexOf('## Resolution'));
    expect(detection.match(/Alert Disk\d+ fired/g)).toHaveLength(10);
    expect(detection).toContain('_2 more alerts fired; the timeline lists them all._');
    expect(text.slice(text.indexOf('## Timeline')).match(/Alert Disk\d+ fired/g)).toHaveLength(12);
  });

  it('starts the timeline when impact started, before anyone wrote anything', () => {
    const later = entries(3).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt.getTime() + 10 * 60_000) }));
    const text = postmortemMarkdown(doc(later, []));
    expect(text).toContain('All times UTC.\n\n- **2026-11-22 14:00** **Impact started.**\n- **2026-11-22 14:10** **Detected:** Step 0');
    const marked = [{ ...later[0]!, kind: 'manual' as const, text: 'Checkout errors begin', milestone: 'impact_started' as const, occurredAt: at(0) }, ...later.slice(1)];
    const withMilestone = postmortemMarkdown(doc(marked, []));
    expect(withMilestone).toContain('All times UTC.\n\n- **2026-11-22 14:00** **Impact started:** Checkout errors begin\n');
    expect(withMilestone).not.toContain('**Impact started.**');
  });

  it('writes characters, escaping only what Markdown would read as structure', () => {
    expect(body).not.toMatch(/&(?:lt|gt|amp|quot|#\d+);/);
    expect(body).toContain('# Payments \\<failing> & more\n');
    expect(body).toContain('## Summary\n\nRetries were disabled \\<!channel> by a push \\| see \\<https://evil\\|bank>\n');
    expect(body).toContain('- **2026-11-22 14:00** **Detected:** Step 0 \\<b>');
    expect(body).toContain('- **2026-11-22 14:01** Bob \\| Builder: CPU at 1% \\<hot> @Alice Ops @here');
  });

  it('lists action items with owner and due date on their own line, and tickets by key', () => {
    expect(body).toContain(
      '- [ ] Automate check 1 \\| with an alert\\\n  **Owner:** Bob \\| Builder · **Due:** 2026-12-01 · **Type:** Detect · **Status:** open · **Ticket:** [OPS-1](https://tracker.example.com/OPS-1)',
    );
    const closed = postmortemMarkdown(doc([], [{ ...item(1), status: 'done' }, { ...item(2), status: 'wont_do', statusReason: 'Replaced by OPS-9', ticketUrl: null }]));
    expect(closed).toContain('- [x] Automate check 1');
    expect(closed).toContain('- [ ] ~~Automate check 2 \\| with an alert~~\\\n  **Owner:** Bob \\| Builder · **Due:** 2026-12-01 · **Type:** Detect · **Status:** won\'t do (Replaced by OPS-9)\n');
    expect(closed).toContain('## Status\n\nComplete\n');
  });

  it('shows a ticket by its key or a short name, never the bare address', () => {
    expect(ticketLabel('https://tracker.example.com/OPS-4821')).toBe('OPS-4821');
    expect(ticketLabel('https://acme.atlassian.net/jira/software/projects/OPS/boards/1?selectedIssue=OPS-12')).toBe('OPS-12');
    expect(ticketLabel('https://linear.app/acme/issue/ENG-123/pool-size-check')).toBe('ENG-123');
    expect(ticketLabel('https://github.com/acme/checkout/issues/42')).toBe('acme/checkout#42');
    expect(ticketLabel('https://gitlab.com/acme/checkout/-/issues/7')).toBe('acme/checkout#7');
    expect(ticketLabel('https://tickets.example.com/view/123')).toBe('tickets.example.com #123');
    expect(ticketLabel('https://wiki.example.com/postmortems/followups')).toBe('wiki.example.com');
  });

  it('names people by role when anonymised', () => {
    const anonymous = postmortemMarkdown(doc(entries(3), [item(1)], true));
    expect(anonymous).not.toMatch(/Alice|Bob|Carol/);
    expect(anonymous).toContain('| Incident commander | Commander |');
    expect(anonymous).toContain('authors:\n  - Commander\n  - Responder A\n');
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

});
