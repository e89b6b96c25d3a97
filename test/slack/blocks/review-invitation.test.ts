import type { ReadyIncident } from '../../../src/incidents/incident';
import type { DraftState } from '../../../src/postmortems/review-meeting';
import type { ReviewMeeting } from '../../../src/postmortems/review-meeting';
import { draftStateLine, facilitatorReminderMessage, meetingMovedNote, reviewInvitationMessage } from '../../../src/slack/blocks/review-invitation';
import { checkBlocks } from '../../../tools/fake-slack';
import { buttonsOf, visibleText } from '../../../tools/harness/visible-text';

const incident = { id: 'inc-1', title: 'Checkout <down> & out', channelId: 'C1', isPrivate: false } as ReadyIncident;
// 14:00 in Paris on 8 December 2026 is 13:00 UTC.
const startsAt = new Date('2026-12-08T13:00:00Z');
const meeting = (overrides: Partial<ReviewMeeting> = {}): ReviewMeeting => ({
  incidentId: 'inc-1',
  startsAt,
  timeZone: 'Europe/Paris',
  updatedAt: new Date('2026-12-01T10:00:00Z'),
  facilitatorId: 'UFAC',
  inviteeIds: ['UA', 'UFAC', 'UB', 'UA'],
  scheduledBy: 'UA',
  invitationTs: null,
  remindAt: null,
  remindedAt: null,
  ...overrides,
});
const state: DraftState = {
  accounts: { asked: 5, written: 3, declined: 1, waitingFor: ['UB'] },
  missing: ['impact', 'causes (1 of at least 2)'],
  notesOpen: 2,
};
const mentions = (text: string, id: string) => text.split(`<@${id}>`).length - 1;

describe('reviewInvitationMessage', () => {
  it('mentions every invitee exactly once, the facilitator included, and nobody in the notification text', () => {
    const message = reviewInvitationMessage(incident, meeting(), state);
    const text = visibleText(message);
    for (const id of ['UA', 'UB', 'UFAC']) expect(mentions(text, id)).toBe(1);
    expect(message.text).not.toContain('<@');
    expect(message.text).toContain('3 people invited');
    expect(text).toContain('*Facilitator:* <@UFAC>');
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(buttonsOf(message)).toEqual([]);
  });

  it('gives the time as a date token and in the zone it was scheduled in', () => {
    const text = visibleText(reviewInvitationMessage(incident, meeting(), state));
    expect(text).toContain(`<!date^${startsAt.getTime() / 1000}^`);
    expect(text).toContain('(14:00 Europe/Paris)');
  });

  it("shows the draft's state", () => {
    const text = visibleText(reviewInvitationMessage(incident, meeting(), state));
    expect(text).toContain('3 of 5 accounts in · still to write: impact, causes (1 of at least 2) · 2 blameless notes open');
    expect(text).toContain('Checkout &lt;down&gt; &amp; out');
  });

  it('mentions a facilitator who is not among the invitees once too', () => {
    const text = visibleText(reviewInvitationMessage(incident, meeting({ inviteeIds: ['UA'] }), state));
    expect(mentions(text, 'UFAC')).toBe(1);
    expect(mentions(text, 'UA')).toBe(1);
  });

  it('says when nobody facilitates yet', () => {
    expect(visibleText(reviewInvitationMessage(incident, meeting({ facilitatorId: null }), state))).toContain('_nobody chosen yet_');
  });

  it('stays within a message for hundreds of invitees', () => {
    const inviteeIds = Array.from({ length: 600 }, (_, i) => `U${String(i).padStart(8, '0')}`);
    const message = reviewInvitationMessage(incident, meeting({ inviteeIds }), state);
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    const text = visibleText(message);
    for (const id of inviteeIds) expect(mentions(text, id)).toBe(1);
  });
});

describe('draftStateLine', () => {
  it('reads naturally when nothing is asked, missing or open', () => {
    expect(draftStateLine({ accounts: { asked: 0, written: 0, declined: 0, waitingFor: [] }, missing: [], notesOpen: 0 })).toBe(
      'no accounts asked for yet · every section written · no blameless notes open',
    );
    expect(draftStateLine({ ...state, notesOpen: 1 })).toContain('1 blameless note open');
  });
});

describe('meetingMovedNote', () => {
  it('is one line that mentions nobody', () => {
    const message = meetingMovedNote(meeting());
    expect(message.blocks).toHaveLength(1);
    expect(visibleText(message)).not.toContain('<@');
    expect(visibleText(message)).toContain('moved to');
    expect(visibleText(message)).toContain('(14:00 Europe/Paris)');
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  });
});

describe('facilitatorReminderMessage', () => {
  it("reminds the facilitator of today's meeting with the draft's state, pinging nobody", () => {
    const message = facilitatorReminderMessage(incident, meeting(), state, 'UFAC');
    const text = visibleText(message);
    expect(text).toContain('You facilitate the post-mortem review of');
    expect(text).toContain('<#C1>');
    expect(text).toContain('3 of 5 accounts in');
    expect(text).toContain('2 other people are invited');
    expect(text).not.toContain('<@');
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('asks whoever scheduled it to lead or find a facilitator when nobody was chosen', () => {
    const text = visibleText(facilitatorReminderMessage(incident, meeting({ facilitatorId: null }), state, 'UA'));
    expect(text).toContain('you scheduled is today');
    expect(text).toContain('Nobody was chosen to facilitate');
  });
});
