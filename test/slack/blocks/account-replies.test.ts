import { type Account, EMPTY_ANSWERS } from '../../../src/accounts/account';
import type { ReadyIncident } from '../../../src/incidents/incident';
import type { ReviewMeeting } from '../../../src/postmortems/review-meeting';
import { accountsProgressText, accountsRequestedText, reviewScheduledText } from '../../../src/slack/blocks/account-replies';
import { COMMAND_USAGES } from '../../../src/slack/blocks/command-usages';
import { SUBCOMMANDS } from '../../../src/slack/listeners/commands/subcommands';

const account = (userId: string, state: Account['state'], anonymous = false): Account => ({
  incidentId: 'i1',
  userId,
  state,
  answers: EMPTY_ANSWERS,
  anonymous,
  timeZone: null,
  dm: null,
  askedAt: null,
  answeredAt: null,
  remindedAt: null,
  revision: 0,
  updatedAt: new Date(0),
});

describe('accountsProgressText: `/incident accounts`', () => {
  it('says how many are in, how many declined, and mentions who has not answered', () => {
    const text = accountsProgressText([
      account('UA', 'written'),
      account('UB', 'written', true),
      account('UC', 'written'),
      account('UD', 'declined'),
      account('UE', 'asked'),
      account('UF', 'to_ask'),
      account('UG', 'unreachable'),
    ]);
    expect(text).toContain('3 of 6 accounts in · 1 declined');
    expect(text).toContain('Not answered yet: <@UE>, <@UF>');
    expect(text).not.toContain('<@UB>');
    expect(text).toContain('`/incident account`');
  });

  it('says when everyone answered, and how to ask when nobody was', () => {
    expect(accountsProgressText([account('UA', 'written')])).toContain('Everyone asked has answered.');
    expect(accountsProgressText([])).toContain('`/incident accounts request`');
  });
});

describe('accountsRequestedText: `/incident accounts request`', () => {
  it('mentions whom it asked now', () => {
    const text = accountsRequestedText({ added: ['UA', 'UB'], participants: ['UA', 'UB', 'UC'] });
    expect(text).toContain('Asking 2 people');
    expect(text).toContain('<@UA>, <@UB>');
    expect(text).toContain('1 person had been asked before');
    expect(text).toContain('one gentle reminder');
  });

  it('says when everyone was already asked, or when nobody could be', () => {
    expect(accountsRequestedText({ added: [], participants: ['UA', 'UB'] })).toContain('Everyone who took part was already asked (2 people)');
    expect(accountsRequestedText({ added: [], participants: [] })).toContain('nobody to ask');
  });
});

describe('reviewScheduledText: `/incident review`', () => {
  const incident = { id: 'i1', title: 'T', channelId: 'C1' } as ReadyIncident;
  const meeting: ReviewMeeting = {
    incidentId: 'i1',
    startsAt: new Date('2026-12-08T13:00:00Z'),
    timeZone: 'Europe/Paris',
    updatedAt: new Date('2026-12-01T10:00:00Z'),
    facilitatorId: 'UF',
    inviteeIds: ['UA', 'UF'],
    scheduledBy: 'UA',
    invitationTs: '1.1',
    remindAt: null,
    remindedAt: null,
  };

  it('says when, where the invitation is, and who facilitates', () => {
    const text = reviewScheduledText(incident, meeting);
    expect(text).toContain('<!date^1796734800^');
    expect(text).toContain('(14:00 Europe/Paris)');
    expect(text).toContain('<#C1>');
    expect(text).toContain('2 people invited');
    expect(text).toContain('<@UF> facilitates and is reminded on the day');
  });

  it('says who is reminded when nobody facilitates', () => {
    expect(reviewScheduledText(incident, { ...meeting, facilitatorId: null })).toContain('you are reminded on the day');
  });
});

describe('the help text', () => {
  it('lists the new subcommands, each of which exists', () => {
    const names = SUBCOMMANDS.map((s) => s.name);
    for (const name of ['account', 'accounts', 'review']) {
      expect(names).toContain(name);
      expect(COMMAND_USAGES.find((u) => u.name === name)).toBeDefined();
    }
    expect(COMMAND_USAGES.find((u) => u.name === 'review')?.usage).toBe('/incident review <date> <time>');
  });
});
