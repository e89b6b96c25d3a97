import type { ActionItem } from '../../src/action-items/action-item';
import type { Incident } from '../../src/incidents/incident';
import { incidentMetrics } from '../../src/postmortems/incident-metrics';
import { EMPTY_CONTENT, type Postmortem } from '../../src/postmortems/postmortem';
import { plainFromSlack, roleNamer } from '../../src/render/plain-text';
import { POSTMORTEM_LIMITS, chunkText, postmortemMessages } from '../../src/render/postmortem-blocks';
import type { PostmortemDocument } from '../../src/render/postmortem-document';
import { escapeMarkdown, postmortemMarkdown, postmortemPath } from '../../src/render/postmortem-markdown';
import type { TimelineEntry } from '../../src/timeline/timeline-entry';
import { blocksTextLength, checkBlocks } from '../support/fake-slack';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 14, 0) + minutes * 60_000);

const incident: Incident = {
  id: 'i1',
  title: 'Payments <failing> & more',
  severity: 'SEV2',
  status: 'resolved',
  isPrivate: false,
  description: null,
  channelId: 'C1',
  channelName: 'inc-20261122-payments-failing',
  commanderId: 'U1',
  declaredBy: 'U1',
  responderIds: ['U2'],
  impactStartedAt: at(0),
  declaredAt: at(12),
  detectedAt: at(5),
  mitigatedAt: at(30),
  resolvedAt: at(42),
  resolutionNote: 'Re-enabled retries',
  cardTs: '1.1',
  announcement: null,
  setupCompletedAt: at(13),
};

const postmortem: Postmortem = {
  id: 'p1',
  incidentId: 'i1',
  content: {
    ...EMPTY_CONTENT,
    summary: 'Retries were disabled <!channel> by a push | see <https://evil|bank>',
    impact: '18% of checkouts failed',
    causes: { avoid: ['No canary'], detect: ['No alert'], fixFaster: ['Old runbook'] },
    fiveWhys: ['Why? Retries off'],
    wentWell: ['Support noticed'],
    wentWrong: ['Paging slow'],
    gotLucky: ['Off-peak'],
    facilitatorId: 'U3',
    meetingDate: '2026-11-25',
    tags: ['payments'],
  },
  version: 3,
  updatedBy: 'U2',
  updatedAt: at(100),
  authorIds: ['U1', 'U2'],
  publishedAt: at(120),
  publishedBy: 'U1',
  overriddenNotes: [],
};

const names: Record<string, string> = { U1: 'Alice Ops', U2: 'Bob | Builder', U3: 'Carol' };

function doc(timeline: TimelineEntry[], actionItems: ActionItem[], anonymise = false): PostmortemDocument {
  const role = roleNamer('U1');
  return {
    incident,
    postmortem: { ...postmortem, content: { ...postmortem.content, anonymise } },
    timeline,
    actionItems,
    metrics: incidentMetrics(incident),
    person: (id) => (!id ? 'Someone' : anonymise ? role(id) : (names[id] ?? id)),
    path: postmortemPath('20261122-payments-failing', incident.impactStartedAt),
  };
}

const base = { incidentId: 'i1', actorId: 'U1', editedAt: null, editedBy: null };
function entries(count: number): TimelineEntry[] {
  return Array.from({ length: count }, (_, i): TimelineEntry =>
    i % 2
      ? { ...base, id: `m${i}`, kind: 'message', occurredAt: at(i), authorId: 'U2', text: `CPU at ${i}% &lt;hot&gt; <@U1> <!here> ${'x'.repeat(60)}`, source: { channelId: 'C1', ts: `${i}.1` }, permalink: `https://x.slack.com/archives/C1/p${i}1`, filesNote: null }
      : { ...base, id: `n${i}`, kind: 'manual', occurredAt: at(i), text: `Step ${i} <b>`, milestone: i === 0 ? 'detected' : null },
  );
}
const item = (i: number): ActionItem => ({
  id: `a${i}`,
  incidentId: 'i1',
  description: `Automate check ${i} | with an alert`,
  ownerId: 'U2',
  dueDate: '2026-12-01',
  type: 'detect',
  ticketUrl: `https://tracker.example.com/OPS-${i}`,
  status: 'open',
  statusReason: null,
  statusChangedBy: null,
  statusChangedAt: null,
  createdBy: 'U1',
  createdAt: at(0),
});

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

describe('chunkText', () => {
  it('cuts at line ends, and inside a huge line never through an entity or a link', () => {
    const chunks = chunkText(`${'a'.repeat(2897)}&amp;b\nshort`, 2900);
    expect(chunks[0]).toBe('a'.repeat(2897));
    expect(chunkText(`${'a'.repeat(2890)} <https://x.example/long|link>`, 2900)[0]).toBe(`${'a'.repeat(2890)} `);
    expect(chunks.every((c) => c.length <= 2900)).toBe(true);
    expect(chunks.join('')).toContain('&amp;b');
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
