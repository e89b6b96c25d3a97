import { EMPTY_ANSWERS, type AccountAnswers } from '../../src/accounts/account';
import type { ActionItem } from '../../src/action-items/action-item';
import type { Incident } from '../../src/incidents/incident';
import { incidentMetrics } from '../../src/postmortems/incident-metrics';
import { EMPTY_CONTENT, type Postmortem } from '../../src/postmortems/postmortem';
import { roleNamer } from '../../src/mrkdwn/plain-text';
import type { DocumentEntry, MeetingDetails, Perspective, PostmortemDocument } from '../../src/render/postmortem-document';
import { postmortemPath } from '../../src/render/postmortem-markdown';
import type { TimelineEntry } from '../../src/timeline/timeline-entry';

/**
 * A resolved SEV2 and its post-mortem, with hostile text throughout, as the renderers get them:
 * shared by the render tests and the rendering benchmark.
 */
export const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 14, 0) + minutes * 60_000);

export const incident: Incident = {
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

export const postmortem: Postmortem = {
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

export const names: Record<string, string> = { U1: 'Alice Ops', U2: 'Bob | Builder', U3: 'Carol' };

/** What a document may carry beyond the timeline and action items: none of it by default. */
export interface DocOptions {
  perspectives?: Perspective[];
  meeting?: MeetingDetails | null;
}

export function doc(timeline: DocumentEntry[], actionItems: ActionItem[], anonymise = false, options: DocOptions = {}): PostmortemDocument {
  const role = roleNamer('U1');
  return {
    incident,
    postmortem: { ...postmortem, content: { ...postmortem.content, anonymise } },
    timeline,
    perspectives: options.perspectives ?? [],
    meeting: options.meeting ?? null,
    actionItems,
    metrics: incidentMetrics(incident),
    person: (id) => (!id ? 'Someone' : anonymise ? role(id) : (names[id] ?? id)),
    path: postmortemPath('20261122-payments-failing', incident.impactStartedAt),
    fileLink: null,
  };
}

const base = { incidentId: 'i1', actorId: 'U1', editedAt: null, editedBy: null };
export function entries(count: number): TimelineEntry[] {
  return Array.from({ length: count }, (_, i): TimelineEntry =>
    i % 2
      ? { ...base, id: `m${i}`, kind: 'message', occurredAt: at(i), authorId: 'U2', text: `CPU at ${i}% &lt;hot&gt; <@U1> <!here> ${'x'.repeat(60)}`, source: { channelId: 'C1', ts: `${i}.1` }, permalink: `https://x.slack.com/archives/C1/p${i}1`, filesNote: null }
      : { ...base, id: `n${i}`, kind: 'manual', occurredAt: at(i), text: `Step ${i} <b>`, milestone: i === 0 ? 'detected' : null },
  );
}
export const item = (i: number): ActionItem => ({
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
  issue: null,
  verifyAfterDays: null,
  verification: null,
  verificationNote: null,
  createdBy: 'U1',
  createdAt: at(0),
});

/** One participant's account, the questions not given left unanswered. */
export const perspective = (label: string, answers: Partial<AccountAnswers>): Perspective => ({ label, answers: { ...EMPTY_ANSWERS, ...answers } });
