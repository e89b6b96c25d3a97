import { incidentMetrics } from '../../src/postmortems/incident-metrics';
import { plainFromSlack, roleNamer } from '../../src/mrkdwn/plain-text';
import { POSTMORTEM_LIMITS, postmortemMessages } from '../../src/render/postmortem-blocks';
import { escapeMarkdown, postmortemMarkdown, postmortemPath } from '../../src/render/postmortem-markdown';
import { blocksTextLength, checkBlocks } from '../../tools/fake-slack';
import { doc, entries, incident, item, names } from '../../tools/harness/postmortem-fixture';

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
  it('splits 2,000 entries and 100 action items into messages that each pass Slack’s limits', () => {
    const messages = postmortemMessages(doc(entries(2000), Array.from({ length: 100 }, (_, i) => item(i))));
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) {
      expect(checkBlocks(message.blocks, 'message')).toEqual([]);
      expect(message.blocks.length).toBeLessThanOrEqual(POSTMORTEM_LIMITS.blocksPerMessage);
      expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(12_000);
    }
    const all = JSON.stringify(messages);
    expect(all).toContain('Step 1998');
    expect(all).toContain('Automate check 99');
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
