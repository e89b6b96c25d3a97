import { EMPTY_ANSWERS, type Account, type AccountState } from '../../src/accounts/account';
import { accountLabels, writtenInOrder } from '../../src/accounts/account-labels';
import { roleNamer } from '../../src/mrkdwn/plain-text';

const names: Record<string, string> = { U1: 'Alice Example', U2: 'Bob Example', U3: 'Carol Example', U4: 'Dan Example' };
const person = (id: string) => names[id] ?? id;

function account(userId: string, minute: number | null, options: { anonymous?: boolean; state?: AccountState } = {}): Account {
  const answeredAt = minute === null ? null : new Date(Date.UTC(2026, 10, 22, 15, minute));
  return {
    incidentId: 'i1',
    userId,
    state: options.state ?? 'written',
    answers: { ...EMPTY_ANSWERS, noticed: 'the alert' },
    anonymous: options.anonymous ?? false,
    timeZone: 'Europe/Berlin',
    dm: null,
    askedAt: null,
    answeredAt,
    remindedAt: null,
    revision: 1,
    updatedAt: answeredAt ?? new Date(0),
  };
}

describe('writtenInOrder', () => {
  it('keeps only written accounts, first written first', () => {
    const accounts = [
      account('U3', 20),
      account('U1', 5),
      account('U4', 1, { state: 'declined' }),
      account('U2', 10, { state: 'asked' }),
      account('U5', 30, { state: 'unreachable' }),
      account('U6', 2),
    ];
    expect(writtenInOrder(accounts).map((a) => a.userId)).toEqual(['U6', 'U1', 'U3']);
  });
});

describe('accountLabels', () => {
  it('signs named accounts with the writer’s name, anonymous ones as Responder A, B… in the order they were written', () => {
    const labels = accountLabels([account('U3', 30, { anonymous: true }), account('U1', 10), account('U2', 20, { anonymous: true })], person);
    expect([...labels]).toEqual([
      ['U1', 'Alice Example'],
      ['U2', 'Responder A'],
      ['U3', 'Responder B'],
    ]);
  });

  it('signs nobody whose account is not written', () => {
    const labels = accountLabels([account('U1', 10, { state: 'declined' }), account('U2', 20, { state: 'asked', anonymous: true })], person);
    expect(labels.size).toBe(0);
  });

  it('with the document’s own role namer, never gives an anonymous account a letter someone else has', () => {
    // An anonymised post-mortem: U1 commands; everyone is a role, accounts are signed first.
    const role = roleNamer('U1');
    const labels = accountLabels([account('U2', 10, { anonymous: true }), account('U3', 20), account('U4', 30, { anonymous: true })], role, role);
    // The rest of the document then names people, the anonymous writers among them.
    const people = ['U1', 'U2', 'U3', 'U4', 'U5'].map((id) => role(id));
    expect(labels.get('U3')).toBe(role('U3'));
    for (const id of ['U2', 'U4']) {
      expect(labels.get(id)).toMatch(/^Responder [A-Z]+$/);
      expect(people).not.toContain(labels.get(id));
    }
    expect(new Set(labels.values()).size).toBe(3);
  });
});
