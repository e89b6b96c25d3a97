import { peopleFingerprint } from '../../../src/slack/blocks/people-fingerprint';
import { readPostmortemForm } from '../../../src/slack/parse/postmortem-form';
import type { ViewValues } from '../../../src/slack/parse/view-state';

const review = (facilitator: string | null, invitees: string[] | null, date = '2026-12-08', time = '14:00'): ViewValues => ({
  pm_facilitator: { pm_facilitator: { type: 'users_select', selected_user: facilitator } },
  ...(invitees ? { pm_invitees: { pm_invitees: { type: 'multi_users_select', selected_users: invitees } } } : {}),
  pm_meeting_date: { pm_meeting_date: { type: 'datepicker', selected_date: date } },
  pm_meeting_time: { pm_meeting_time: { type: 'timepicker', selected_time: time } },
});

describe('readPostmortemForm: the review meeting', () => {
  it('reads the date and time of the meeting', () => {
    const content = readPostmortemForm(review('UA', ['UA']));
    expect(content.meetingDate).toBe('2026-12-08');
    expect(content.meetingTime).toBe('14:00');
    expect(readPostmortemForm(review('UA', ['UA'], '2026-02-30', '25:00'))).toMatchObject({ meetingDate: null, meetingTime: null });
  });

  it('keeps a proposal left as shown unchosen, in any order', () => {
    const proposed = { facilitatorId: 'UA', invitees: peopleFingerprint(['UA', 'UB']) };
    expect(readPostmortemForm(review('UA', ['UB', 'UA']), proposed)).toMatchObject({ facilitatorId: null, invitees: null });
  });

  it("keeps the author's changes to the proposal", () => {
    const proposed = { facilitatorId: 'UA', invitees: peopleFingerprint(['UA', 'UB']) };
    expect(readPostmortemForm(review('UC', ['UA']), proposed)).toMatchObject({ facilitatorId: 'UC', invitees: ['UA'] });
    expect(readPostmortemForm(review(null, []), proposed)).toMatchObject({ facilitatorId: null, invitees: [] });
  });

  it("keeps the author's earlier choices as submitted when no proposal was shown", () => {
    expect(readPostmortemForm(review('UA', ['UA', 'UB']))).toMatchObject({ facilitatorId: 'UA', invitees: ['UA', 'UB'] });
  });

  it('reads a form without the invitees field as nobody chosen', () => {
    expect(readPostmortemForm(review('UA', null)).invitees).toBeNull();
  });
});
