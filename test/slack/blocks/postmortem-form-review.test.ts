import { type Account, EMPTY_ANSWERS } from '../../../src/accounts/account';
import type { ActionItem } from '../../../src/action-items/action-item';
import type { Incident } from '../../../src/incidents/incident';
import { EMPTY_CONTENT, type PostmortemContent } from '../../../src/postmortems/postmortem';
import { unsavedPostmortem } from '../../../src/postmortems/postmortem-mapper';
import type { ReviewMeeting } from '../../../src/postmortems/review-meeting';
import { peopleFingerprint } from '../../../src/slack/blocks/people-fingerprint';
import { postmortemModal } from '../../../src/slack/blocks/postmortem-modal';
import { reviewView } from '../../../src/slack/blocks/postmortem-review';
import { checkView } from '../../../tools/fake-slack';
import { buttonsOf, visibleText } from '../../../tools/harness/visible-text';

const incident = { id: 'i1', title: 'Checkout down', channelId: 'C1', commanderId: 'UCOM' } as Incident;
const account = (userId: string, overrides: Partial<Account> = {}): Account => ({
  incidentId: 'i1',
  userId,
  state: 'asked',
  answers: EMPTY_ANSWERS,
  anonymous: false,
  timeZone: null,
  dm: null,
  askedAt: new Date(0),
  answeredAt: null,
  remindedAt: null,
  revision: 0,
  updatedAt: new Date(0),
  ...overrides,
});
const written = (userId: string, at: number, overrides: Partial<Account> = {}) =>
  account(userId, { state: 'written', answeredAt: new Date(at), answers: { ...EMPTY_ANSWERS, noticed: `14:05 ${userId} saw <errors>`, did: 'Rolled back' }, ...overrides });
const accounts = [
  written('UNAMED', 1),
  written('USECRET', 2, { anonymous: true }),
  written('UOTHER', 3),
  account('UWAIT1'),
  account('UWAIT2', { state: 'to_ask' }),
  account('UDECLINED', { state: 'declined' }),
  account('UGONE', { state: 'unreachable' }),
];
const meeting: ReviewMeeting = {
  incidentId: 'i1',
  startsAt: new Date('2026-12-08T13:00:00Z'),
  timeZone: 'Europe/Paris',
  updatedAt: new Date('2026-12-01T10:00:00Z'),
  facilitatorId: 'UA',
  inviteeIds: ['UA', 'UB'],
  scheduledBy: 'UA',
  invitationTs: '1.1',
  remindAt: null,
  remindedAt: null,
};
const form = (content: PostmortemContent = EMPTY_CONTENT, context: Parameters<typeof postmortemModal>[4] = {}, items: ActionItem[] = []) =>
  postmortemModal(incident, unsavedPostmortem('i1'), content, items, context);

type Block = { type: string; block_id?: string; element?: Record<string, unknown> };
const block = (view: { blocks: unknown[] }, id: string) => (view.blocks as Block[]).find((b) => b.block_id === id);

describe('the Accounts section of the post-mortem form', () => {
  it('counts the accounts in, summarises each, and names who has not answered', () => {
    const text = visibleText(form(EMPTY_CONTENT, { accounts }));
    expect(text).toContain('3 of 6 accounts in · 1 declined');
    expect(text).toContain('*<@UNAMED>* — _Noticed:_ 14:05 UNAMED saw &lt;errors&gt;');
    expect(text).toContain('_Did, and why it made sense:_ Rolled back');
    expect(text).toContain('Not answered yet: <@UWAIT1>, <@UWAIT2>');
    expect(text).not.toContain('UDECLINED');
  });

  it('shows an anonymous account only by its responder letter, never its writer', () => {
    const text = visibleText(form(EMPTY_CONTENT, { accounts }));
    expect(text).toContain('*Responder A* — _Noticed:_');
    expect(text).not.toContain('<@USECRET>');
  });

  it('tells the author how to ask when nobody was asked yet', () => {
    expect(visibleText(form(EMPTY_CONTENT, { accounts: [] }))).toContain('`/incident accounts request`');
  });

  it('stays under 100 blocks with many accounts, 100 action items and a notice', () => {
    const many = Array.from({ length: 200 }, (_, i) => written(`U${i}`, i, { answers: { ...EMPTY_ANSWERS, noticed: 'n'.repeat(3000), did: 'd'.repeat(3000) } }));
    const waiting = Array.from({ length: 200 }, (_, i) => account(`UW${i}`));
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `a${i}`, incidentId: 'i1', description: 'x'.repeat(500), ownerId: 'U1', dueDate: '2026-12-01', type: 'detect', ticketUrl: null, status: 'open' }) as ActionItem);
    for (const count of [0, 50, 51, 100]) {
      const view = form(EMPTY_CONTENT, { notice: 'notice', accounts: [...many, ...waiting], proposal: { invitees: waiting.map((a) => a.userId), facilitatorId: 'UW1' }, meeting }, items.slice(0, count));
      expect(checkView(view, ['modal'])).toEqual([]);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('the Review meeting section of the post-mortem form', () => {
  it('proposes the facilitator and invitees until the author chooses, and remembers what it proposed', () => {
    const view = form(EMPTY_CONTENT, { proposal: { invitees: ['UA', 'UB'], facilitatorId: 'UA' } });
    expect(block(view, 'pm_facilitator')?.element).toMatchObject({ type: 'users_select', initial_user: 'UA' });
    expect(block(view, 'pm_invitees')?.element).toMatchObject({ type: 'multi_users_select', initial_users: ['UA', 'UB'] });
    expect(block(view, 'pm_meeting_date')?.element).toMatchObject({ type: 'datepicker' });
    expect(block(view, 'pm_meeting_time')?.element).toMatchObject({ type: 'timepicker' });
    expect(JSON.parse(view.private_metadata!).proposed).toEqual({ facilitatorId: 'UA', invitees: peopleFingerprint(['UB', 'UA']) });
  });

  it("shows the author's own choices, and proposes nothing for them", () => {
    const content = { ...EMPTY_CONTENT, facilitatorId: 'UC', invitees: ['UC', 'UD'], meetingDate: '2026-12-08', meetingTime: '14:00' };
    const view = form(content, { proposal: { invitees: ['UA'], facilitatorId: 'UA' } });
    expect(block(view, 'pm_facilitator')?.element).toMatchObject({ initial_user: 'UC' });
    expect(block(view, 'pm_invitees')?.element).toMatchObject({ initial_users: ['UC', 'UD'] });
    expect(block(view, 'pm_meeting_date')?.element).toMatchObject({ initial_date: '2026-12-08' });
    expect(block(view, 'pm_meeting_time')?.element).toMatchObject({ initial_time: '14:00' });
    expect(JSON.parse(view.private_metadata!).proposed).toBeUndefined();
  });

  it('says how to schedule the meeting, or when it is', () => {
    expect(visibleText(form())).toContain('`/incident review 2026-12-08 14:00`');
    expect(visibleText(form())).toContain('Invite to the review');
    const scheduled = visibleText(form(EMPTY_CONTENT, { meeting }));
    expect(scheduled).toContain('Scheduled for <!date^');
    expect(scheduled).toContain('(14:00 Europe/Paris)');
  });
});

describe('the review step', () => {
  const planned = { date: '2026-12-09', time: '10:00', timeZone: 'Europe/Paris' };
  const clean = { problems: [], notes: [] };

  it('offers "Invite to the review" when the draft has a date and time not yet scheduled', () => {
    const view = reviewView({ incidentId: 'i1', version: 2 }, clean, { planned, meeting: null, canInvite: true });
    expect(buttonsOf(view).map((b) => b.text)).toEqual(['Back to editing', 'Invite to the review']);
    expect(visibleText(view)).toContain('2026-12-09 at 10:00 (Europe/Paris), not announced yet');
    expect(checkView(view, ['modal'])).toEqual([]);
  });

  it('offers to move a meeting scheduled at another time', () => {
    const view = reviewView({ incidentId: 'i1', version: 2 }, { problems: ['Write the impact.'], notes: [] }, { planned, meeting, canInvite: true });
    expect(buttonsOf(view).map((b) => b.text)).toContain('Invite to the review');
    expect(visibleText(view)).toContain('moves it');
    expect(checkView(view, ['modal'])).toEqual([]);
  });

  it('does not offer it once the meeting is scheduled at that time, and says the invitation was posted', () => {
    const view = reviewView({ incidentId: 'i1', version: 2 }, clean, { planned, meeting, canInvite: false, notice: ':incoming_envelope: The invitation is posted.' });
    expect(buttonsOf(view).map((b) => b.text)).toEqual(['Back to editing']);
    const text = visibleText(view);
    expect(text).toContain('The invitation is posted.');
    expect(text).toContain('Review meeting scheduled for');
  });

  it('says how to schedule when the draft has no date and time', () => {
    const view = reviewView({ incidentId: 'i1', version: 2 }, clean, { planned: null, meeting: null, canInvite: false });
    expect(buttonsOf(view).map((b) => b.text)).toEqual(['Back to editing']);
    expect(visibleText(view)).toContain('`/incident review 2026-12-08 14:00`');
  });

  it('stays under 100 blocks with the most notes', () => {
    const notes = Array.from({ length: 80 }, (_, i) => ({ where: `Cause ${i}`, quote: 'q', message: 'm', suggestion: 's' }));
    const view = reviewView({ incidentId: 'i1', version: 2 }, { problems: [], notes }, { planned, meeting, canInvite: true, notice: 'n' });
    expect(checkView(view, ['modal'])).toEqual([]);
  });
});
