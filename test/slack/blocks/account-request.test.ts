import { type Account, EMPTY_ANSWERS } from '../../../src/accounts/account';
import type { Incident } from '../../../src/incidents/incident';
import { accountRequestMessage } from '../../../src/slack/blocks/account-request';
import { checkBlocks } from '../../../tools/fake-slack';
import { buttonsOf, visibleText } from '../../../tools/harness/visible-text';

const incident = (overrides: Partial<Incident> = {}): Incident =>
  ({
    id: 'inc-1',
    title: 'Checkout <!channel> & errors',
    status: 'resolved',
    isPrivate: false,
    channelId: 'C1',
    description: 'The secret root cause is the payments vendor',
    severity: 'SEV1',
    ...overrides,
  }) as Incident;

const account = (overrides: Partial<Account> = {}): Account => ({
  incidentId: 'inc-1',
  userId: 'U1',
  state: 'asked',
  answers: EMPTY_ANSWERS,
  anonymous: false,
  timeZone: null,
  dm: { channelId: 'D1', ts: '1.1' },
  askedAt: new Date(),
  answeredAt: null,
  remindedAt: null,
  revision: 0,
  updatedAt: new Date(),
  ...overrides,
});

describe('accountRequestMessage', () => {
  it('asks in the blameless spirit, names the incident and its channel, and offers both answers', () => {
    const message = accountRequestMessage(account({ state: 'to_ask' }), incident(), 'ask');
    const text = visibleText(message);
    expect(text).toContain('The timeline shows what was said, not what you saw, expected and thought');
    expect(text).toContain('There are no wrong answers and nobody is judged');
    expect(text).toContain('<#C1>');
    expect(text).toContain('Checkout &lt;!channel&gt; &amp; errors');
    expect(text).not.toContain('<!channel>');
    expect(buttonsOf(message)).toEqual([
      { text: 'Write my account', actionId: 'account_write', value: 'inc-1' },
      { text: 'Not this time', actionId: 'account_decline', value: 'inc-1' },
    ]);
    expect(JSON.stringify(message.blocks)).toContain('"style":"primary"');
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('reminds once, gently, with the same buttons', () => {
    const message = accountRequestMessage(account(), incident(), 'remind');
    expect(visibleText(message)).toMatch(/gentle reminder/);
    expect(visibleText(message)).toContain('only reminder');
    expect(buttonsOf(message).map((b) => b.text)).toEqual(['Write my account', 'Not this time']);
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('thanks a writer and lets them edit until publication', () => {
    const message = accountRequestMessage(account({ state: 'written' }), incident(), 'state');
    expect(visibleText(message)).toContain('Your account of');
    expect(visibleText(message)).toContain('is in — thank you. You can change it until the post-mortem is published.');
    expect(buttonsOf(message)).toEqual([{ text: 'Edit my account', actionId: 'account_write', value: 'inc-1' }]);
  });

  it('accepts a "not this time" and still lets them write one', () => {
    const message = accountRequestMessage(account({ state: 'declined' }), incident(), 'state');
    expect(visibleText(message)).toContain('Not this time — understood.');
    expect(buttonsOf(message)).toEqual([{ text: 'Write my account', actionId: 'account_write', value: 'inc-1' }]);
  });

  it('asks again while nothing was answered', () => {
    expect(buttonsOf(accountRequestMessage(account(), incident(), 'state')).map((b) => b.text)).toEqual(['Write my account', 'Not this time']);
  });

  it('says accounts are closed once the post-mortem is published, without buttons', () => {
    for (const state of ['written', 'declined', 'asked'] as const) {
      const message = accountRequestMessage(account({ state }), incident({ status: 'postmortem_published' }), 'state');
      expect(visibleText(message)).toContain('is published, so accounts are closed');
      expect(buttonsOf(message)).toEqual([]);
    }
  });

  it('tells nothing of a private incident beyond its title and channel', () => {
    const message = accountRequestMessage(account(), incident({ isPrivate: true, title: 'Quiet one' }), 'ask');
    const text = visibleText(message);
    expect(text).toContain('Quiet one');
    expect(text).toContain('<#C1>');
    expect(text).not.toContain('payments vendor');
    expect(text).not.toContain('SEV1');
  });

  it('keeps within Slack limits for the longest title', () => {
    const message = accountRequestMessage(account(), incident({ title: '&'.repeat(150) }), 'ask');
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(message.text.length).toBeLessThan(4000);
  });
});
