import { reviewBlameless } from '../../src/postmortems/blameless-review';
import { EMPTY_CONTENT, causeCount, linesOf } from '../../src/postmortems/postmortem';

const content = (over: Partial<typeof EMPTY_CONTENT>) => ({ ...EMPTY_CONTENT, ...over });

describe('reviewBlameless', () => {
  it('finds nothing in a blameless post-mortem', () => {
    const clean = content({
      summary: 'A config push disabled retries; checkout failed for 42 minutes.',
      causes: { avoid: ['Config pushes skip the canary'], detect: ['No alert on payment errors'], fixFaster: [] },
    });
    expect(reviewBlameless(clean, [{ description: 'Add an alert on payment error rate' }])).toEqual([]);
  });

  it.each([
    ['human error', 'It was human error'],
    ['Human-error', 'Human-error again'],
    ['should have', 'Ops should have noticed'],
    ["shouldn't have", "We shouldn't have pushed on Friday"],
    ['could have', 'This could have been caught'],
    ['would have', 'A review would have found it'],
    ['careless', 'A careless change'],
    ['fault', "It was the DBA's fault"],
    ['blamed', 'We blamed the vendor'],
    ['@bob', 'Caused by @bob'],
    ['<@U123>', 'Caused by <@U123>'],
  ])('quotes "%s" in a cause', (quote, text) => {
    const notes = reviewBlameless(content({ causes: { avoid: [text], detect: [], fixFaster: [] } }), []);
    expect(notes.map((n) => n.quote.toLowerCase())).toContain(quote.toLowerCase());
    expect(notes[0]!.where).toBe('How could we have avoided it? (1)');
    expect(notes[0]!.suggestion).not.toBe('');
  });

  it.each(['Be more careful', 'try harder next time', 'Pay more attention to alerts', 'Double-check the flag', 'double check configs', 'Review more carefully'])(
    'calls out the "try harder" action "%s" and suggests a mechanism',
    (description) => {
      const [note] = reviewBlameless(EMPTY_CONTENT, [{ description: 'Add a lint rule' }, { description }]);
      expect(note!.where).toBe('Action item 2');
      expect(note!.suggestion).toContain('a test, an alert, a lint rule, a guard rail');
    },
  );

  it('lets the summary tell the story with names, but not blame', () => {
    expect(reviewBlameless(content({ summary: '@alice declared the incident at 14:05' }), [])).toEqual([]);
    expect(reviewBlameless(content({ summary: 'Human error by the on-call' }), [])).toHaveLength(1);
  });

  it('does not take an email address for a person', () => {
    expect(reviewBlameless(content({ causes: { avoid: ['Mail to ops@example.com bounced'], detect: [], fixFaster: [] } }), [])).toEqual([]);
  });
});

describe('post-mortem lists', () => {
  it('read one entry per line, dropping bullets and blanks', () => {
    expect(linesOf('- one\n\n* two\n3. three\n  four  ')).toEqual(['one', 'two', 'three', 'four']);
  });

  it('count causes across the three groups', () => {
    expect(causeCount(content({ causes: { avoid: ['a'], detect: ['b', 'c'], fixFaster: [] } }))).toBe(3);
  });
});
