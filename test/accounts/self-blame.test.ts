import { EMPTY_ANSWERS, type AccountAnswers } from '../../src/accounts/account';
import { reviewAccount } from '../../src/accounts/self-blame';

const answers = (given: Partial<AccountAnswers>): AccountAnswers => ({ ...EMPTY_ANSWERS, ...given });

describe('reviewAccount', () => {
  it.each([
    ['I should have checked the canary first.', 'I should have'],
    ["Honestly I should've waited.", "I should've"],
    ['I shouldn’t have merged it on a Friday.', 'I shouldn’t have'],
    ['Typed on a phone: I should’ve paged sooner.', 'I should’ve'],
    ['That was my mistake, not the tooling.', 'my mistake'],
    ['I was careless with the flag.', 'I was careless'],
    ['I forgot to re-enable retries.', 'I forgot to'],
  ])('notes the self-blame in “%s”', (text, quote) => {
    const notes = reviewAccount(answers({ did: text }), 'Alice Example');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ where: 'Alice Example: Did, and why it made sense', quote });
    expect(notes[0]!.message).not.toBe('');
    // Every note says what to write instead, never only what is wrong.
    expect(notes[0]!.suggestion).toMatch(/what you knew/);
  });

  it('says which question each note is about, one note for each kind of self-blame found', () => {
    const notes = reviewAccount(answers({ noticed: 'My fault: I forgot to look.', helped: 'A check, since I was sloppy' }), 'Responder A');
    expect(notes.map((n) => [n.where, n.quote])).toEqual([
      ['Responder A: Noticed', 'My fault'],
      ['Responder A: Noticed', 'I forgot to'],
      ['Responder A: Would have helped', 'I was sloppy'],
    ]);
  });

  it('leaves a neutral account alone', () => {
    const neutral = answers({
      noticed: '14:05 the error rate climbed past 2%.',
      did: 'Rolled back the config because the deploy was the only recent change.',
      expected: 'Retries to absorb the errors.',
      surprised: 'The dashboard showed no traffic at all.',
      helped: 'A canary for config pushes; the runbook should have said where the flag lives.',
    });
    expect(reviewAccount(neutral, 'Alice Example')).toEqual([]);
    // Saying what could not have been known is the opposite of self-blame.
    expect(reviewAccount(answers({ did: "I couldn't have known the flag was on; I could not have seen it." }), 'Alice Example')).toEqual([]);
    expect(reviewAccount(EMPTY_ANSWERS, 'Alice Example')).toEqual([]);
  });
});
