import type { ActionItem } from '../../../src/action-items/action-item';
import type { Incident } from '../../../src/incidents/incident';
import { verificationAnswered, verificationQuestion } from '../../../src/slack/blocks/verification-question';
import { checkBlocks } from '../../../tools/fake-slack';
import { buttonsOf, visibleText } from '../../../tools/harness/visible-text';

const incident = { id: 'inc-1', title: 'Checkout <!channel> & errors', channelId: 'C1', commanderId: 'U9' } as Incident;

const item = (overrides: Partial<ActionItem> = {}): ActionItem => ({
  id: 'a1',
  incidentId: 'inc-1',
  description: 'Alert on checkout <5xx> & timeouts',
  ownerId: 'U2',
  dueDate: '2026-12-03',
  type: 'detect',
  ticketUrl: null,
  status: 'done',
  statusReason: null,
  statusChangedBy: 'U2',
  statusChangedAt: new Date('2026-12-01T10:00:00Z'),
  issue: null,
  verifyAfterDays: null,
  verification: { status: 'scheduled', at: new Date('2026-12-31T09:00:00Z'), asks: 0, by: null, decidedAt: null },
  verificationNote: null,
  createdBy: 'U1',
  createdAt: new Date('2026-11-30T10:00:00Z'),
  ...overrides,
});

describe('verificationQuestion', () => {
  it('asks whether the countermeasure works, names the item, its incident and when it was done, and offers the three answers', () => {
    const message = verificationQuestion(item(), incident, 'owner', 1);
    const text = visibleText(message);
    expect(text).toContain('Is this countermeasure working?');
    expect(text).toContain('Alert on checkout &lt;5xx&gt; &amp; timeouts');
    expect(text).toContain('<#C1>');
    expect(text).toContain('Checkout &lt;!channel&gt; &amp; errors');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('done <!date^1796119200^{date_short_pretty}|2026-12-01 10:00 UTC> by <@U2>');
    expect(text).toContain('You did this action item.');
    expect(text).not.toContain('Asked again');
    expect(buttonsOf(message)).toEqual([
      { text: 'Verified', actionId: 'verify_verified', value: 'a1:1' },
      { text: 'Not effective', actionId: 'verify_not_effective', value: 'a1:1' },
      { text: 'Not sure yet', actionId: 'verify_unsure', value: 'a1:1' },
    ]);
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('tells the commander why they are asked, says when it is asked again, and links the issue', () => {
    const message = verificationQuestion(item({ issue: { label: 'OPS-12', url: 'https://jira.example.com/browse/OPS-12' } }), incident, 'commander', 2);
    const text = visibleText(message);
    expect(text).toContain('You led the incident this action item came from.');
    expect(text).toContain('Asked again (2 of 3)');
    expect(text).toContain('<https://jira.example.com/browse/OPS-12|OPS-12>');
    expect(buttonsOf(message).map((b) => b.value)).toEqual(['a1:2', 'a1:2', 'a1:2']);
  });
});

describe('verificationAnswered', () => {
  const at = new Date('2026-12-31T10:00:00Z');

  it('shows who verified it, and no buttons', () => {
    const message = verificationAnswered(item(), incident, { kind: 'verified', at }, 'U9');
    expect(visibleText(message)).toContain('Verified by <@U9> <!date^');
    expect(visibleText(message)).toContain('Alert on checkout');
    expect(buttonsOf(message)).toEqual([]);
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('says when "not sure yet" is asked again, and when it is not', () => {
    const again = verificationAnswered(item(), incident, { kind: 'unsure', at, next: new Date('2027-01-14T09:00:00Z') }, 'U2');
    expect(visibleText(again)).toContain('Not sure yet, said <@U2>');
    expect(visibleText(again)).toContain('Asking again <!date^');
    const last = verificationAnswered(item(), incident, { kind: 'unsure', at, next: null }, 'U2');
    expect(visibleText(last)).toContain('stays unconfirmed and nobody is asked again');
  });

  it('says a "not effective" item is open again, with its new due date', () => {
    const reopened = item({ status: 'open', dueDate: '2027-01-15', statusChangedBy: 'U2', statusChangedAt: at });
    const message = verificationAnswered(reopened, incident, { kind: 'not_effective', at }, 'U2');
    expect(visibleText(message)).toContain('Not effective, said <@U2>');
    expect(visibleText(message)).toContain('open again, due *2027-01-15*');
    expect(visibleText(message)).not.toContain('done <!date');
  });
});
