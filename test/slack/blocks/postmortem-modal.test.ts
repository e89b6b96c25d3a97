import type { ActionItem } from '../../../src/action-items/action-item';
import type { Incident } from '../../../src/incidents/incident';
import { EMPTY_CONTENT } from '../../../src/postmortems/postmortem';
import { unsavedPostmortem } from '../../../src/postmortems/postmortem-mapper';
import { actionItemModal } from '../../../src/slack/blocks/action-item-modal';
import { postmortemModal } from '../../../src/slack/blocks/postmortem-modal';
import { postmortemProgressView, publishedView, reviewView } from '../../../src/slack/blocks/postmortem-review';
import { checkView } from '../../../tools/fake-slack';
import { visibleText } from '../../../tools/harness/visible-text';

const incident = { id: 'i1', title: 'T'.repeat(150), channelId: 'C1' } as Incident;
const item = (i: number): ActionItem => ({
  id: `a${i}`,
  incidentId: 'i1',
  description: `${'&<>'.repeat(150)}${i}`.slice(0, 500),
  ownerId: 'U1',
  dueDate: '2026-12-01',
  type: 'detect',
  ticketUrl: `https://tracker.example.com/${'x'.repeat(460)}?a=<b>|c`,
  status: 'open',
  statusReason: null,
  statusChangedBy: null,
  statusChangedAt: null,
  issue: null,
  verifyAfterDays: null,
  verification: null,
  verificationNote: null,
  createdBy: 'U1',
  createdAt: new Date(),
});
const full = { ...EMPTY_CONTENT, summary: 's'.repeat(3000), causes: { avoid: Array(300).fill('x'.repeat(9)), detect: [], fixFaster: [] } };

describe('post-mortem views', () => {
  it.each([0, 3, 50, 51, 100])('the form with %d action items is a valid modal', (count) => {
    const view = postmortemModal(incident, unsavedPostmortem('i1'), full, Array.from({ length: count }, (_, i) => item(i)), { notice: 'notice' });
    expect(checkView(view, ['modal'])).toEqual([]);
  });

  it('never lets a ticket link break out of its mrkdwn link', () => {
    const view = postmortemModal(incident, unsavedPostmortem('i1'), EMPTY_CONTENT, [item(1)]);
    const text = visibleText(view);
    expect(text).toContain('?a=%3Cb%3E%7Cc|ticket>');
  });

  it('the item form, the review, the progress and the result are valid views', () => {
    const notes = Array.from({ length: 60 }, (_, i) => ({ where: `Cause ${i}`, quote: 'human error', message: 'm'.repeat(400), suggestion: 's'.repeat(700) }));
    for (const view of [
      actionItemModal({ incidentId: 'i1' }),
      actionItemModal({ incidentId: 'i1', itemId: 'a1' }, item(1)),
      reviewView({ incidentId: 'i1', version: 2 }, { problems: ['p'], notes: [] }),
      reviewView({ incidentId: 'i1', version: 2 }, { problems: [], notes }),
      reviewView({ incidentId: 'i1', version: 2 }, { problems: [], notes: [] }),
      postmortemProgressView('Saving…'),
      publishedView(['C1', 'C2'], 3, 'incidents/2026/11/x/README.md'),
    ]) {
      expect(checkView(view, ['modal'])).toEqual([]);
    }
  });
});
