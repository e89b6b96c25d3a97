import type { Incident } from '../../../src/incidents/incident';
import { changeNotice } from '../../../src/slack/blocks/change-notice';
import { declareModal, EMPTY_DECLARE_FORM } from '../../../src/slack/blocks/declare-modal';
import { announcementMessage, incidentCard, incidentTopic } from '../../../src/slack/blocks/incident-card';
import { incidentList } from '../../../src/slack/blocks/incident-list';
import { commanderModal, resolveModal, severityModal, statusModal } from '../../../src/slack/blocks/lifecycle-modals';
import { checkBlocks, checkView } from '../../../tools/fake-slack';
import { visibleText } from '../../../tools/harness/visible-text';

const incident: Incident = {
  id: 'i-1',
  title: 'Checkout <!channel> & <https://evil|bank>',
  severity: 'SEV1',
  status: 'investigating',
  isPrivate: false,
  description: 'Errors since <!here> deploy',
  channelId: 'C123',
  channelName: 'inc-20261122-checkout',
  commanderId: 'U1',
  declaredBy: 'U1',
  responderIds: ['U2'],
  impactStartedAt: new Date('2026-11-22T09:00:00Z'),
  declaredAt: new Date('2026-11-22T09:10:00Z'),
  detectedAt: null,
  mitigatedAt: null,
  resolvedAt: null,
  resolutionNote: null,
  cardTs: '1.1',
  announcement: null,
  setupCompletedAt: null,
};

describe('incident card and announcement', () => {
  it('show user text literally, never as mentions or links', () => {
    for (const message of [incidentCard(incident), announcementMessage(incident)]) {
      const mrkdwn = JSON.stringify(message.blocks.filter((b) => b.type !== 'header'));
      expect(mrkdwn).not.toContain('<!channel>');
      expect(mrkdwn).not.toContain('<!here>');
      expect(mrkdwn).not.toContain('<https://evil|bank>');
      expect(message.text).not.toContain('<!channel>');
    }
    expect(incidentTopic(incident)).not.toContain('<!channel>');
    expect(visibleText(announcementMessage(incident))).toContain('Checkout &lt;!channel&gt; &amp; &lt;https://evil|bank&gt;');
  });

  it('render times as <!date> tokens each reader sees in their own zone', () => {
    expect(visibleText(incidentCard(incident))).toContain(
      `<!date^${Date.parse('2026-11-22T09:00:00Z') / 1000}^{date_short_pretty} at {time}|2026-11-22 09:00 UTC>`,
    );
  });

  it('stay within Block Kit limits even with the longest title and description', () => {
    const huge = { ...incident, title: 'T'.repeat(150), description: 'D'.repeat(3000), resolutionNote: 'R'.repeat(500), status: 'resolved' as const, resolvedAt: new Date() };
    expect(checkBlocks(incidentCard(huge).blocks, 'message')).toEqual([]);
    expect(checkBlocks(announcementMessage(huge).blocks, 'message')).toEqual([]);
    expect(incidentTopic(huge).length).toBeLessThanOrEqual(250);
  });

  it('offer Reopen instead of the controls once resolved', () => {
    const resolved = incidentCard({ ...incident, status: 'resolved', resolvedAt: new Date() });
    expect(JSON.stringify(resolved.blocks)).toContain('incident_reopen');
    expect(JSON.stringify(resolved.blocks)).not.toContain('incident_resolve');
  });
});

describe('modals', () => {
  it('are all valid views', () => {
    const views = [
      declareModal(EMPTY_DECLARE_FORM),
      declareModal({ ...EMPTY_DECLARE_FORM, title: 'x'.repeat(150), severity: 'SEV2', isPrivate: true, responderIds: ['U1'], impactStartedAt: new Date() }, 'Problem'),
      severityModal(incident),
      statusModal(incident),
      commanderModal(incident),
      resolveModal(incident),
    ];
    for (const view of views) expect(checkView(view, ['modal'])).toEqual([]);
  });
});

describe('lists and notices', () => {
  it('list at most what one message can hold, saying how many more', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...incident, id: `i-${i}` }));
    const message = incidentList(many);
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(visibleText(message)).toContain('…and 15 more.');
  });

  it('name who changed what', () => {
    const entry = { id: 'e', incidentId: 'i-1', kind: 'system' as const, occurredAt: new Date(), actorId: 'U9', text: null, editedAt: null, editedBy: null };
    expect(changeNotice({ ...entry, change: 'status', oldValue: 'identified', newValue: 'monitoring' })).toBe(
      '<@U9> changed the status from *Identified* to *Monitoring*.',
    );
    expect(changeNotice({ ...entry, change: 'resolved', oldValue: 'monitoring', newValue: 'resolved', text: '<!here> fixed' })).toContain(
      '&lt;!here&gt; fixed',
    );
  });
});
