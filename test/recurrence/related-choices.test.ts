import { itemOutcomes, outcomesText } from '../../src/recurrence/item-outcomes';
import { RELATED_CHOICES_MAX, choicesOf } from '../../src/recurrence/related-incidents';
import { item } from '../../tools/harness/postmortem-fixture';
import { pastIncident } from '../../tools/harness/past-incident-fixture';

describe('what became of the action items', () => {
  const verification = { status: 'verified' as const, at: null, asks: 1, by: 'U1', decidedAt: null };

  it('counts them by where they ended up, best first', () => {
    const items = [
      { ...item(1), status: 'wont_do' as const },
      { ...item(2), status: 'done' as const, verification },
      { ...item(3), status: 'open' as const },
      { ...item(4), status: 'open' as const, verificationNote: 'Still flaky' },
    ];
    expect(outcomesText(itemOutcomes(items))).toBe("4 items: 1 verified, 1 reopened as not effective, 1 open, 1 won't do");
    expect(outcomesText(itemOutcomes(items.slice(0, 2)))).toBe("2 items: 1 verified, 1 won't do");
    expect(outcomesText(itemOutcomes([{ ...item(1), status: 'done' as const }]))).toBe('1 item: 1 done');
  });

  it('keeps one outcome a part when its words have a comma, and says when there were none', () => {
    const unconfirmed = { ...item(1), status: 'done' as const, verification: { ...verification, status: 'unconfirmed' as const } };
    expect(outcomesText(itemOutcomes([unconfirmed, { ...item(2), status: 'open' as const }]))).toBe('2 items: 1 done, not confirmed to work; 1 open');
    expect(outcomesText(itemOutcomes([]))).toBe('No action items');
  });
});

describe('the related incidents the form offers', () => {
  const a = pastIncident({ id: 'a' });
  const b = pastIncident({ id: 'b' });
  const c = pastIncident({ id: 'c' });

  it('ticks the suggestions until the author has chosen', () => {
    expect(choicesOf(null, [a, b])).toEqual({ options: [a, b], checked: ['a', 'b'] });
    expect(choicesOf(null, [])).toEqual({ options: [], checked: [] });
  });

  it('then keeps what was kept first and ticked, and offers a new or removed suggestion unticked', () => {
    expect(choicesOf([b], [a, b, c])).toEqual({ options: [b, a, c], checked: ['b'] });
    expect(choicesOf([], [a])).toEqual({ options: [a], checked: [] });
  });

  it('never offers more than Slack shows in one set of checkboxes', () => {
    const many = Array.from({ length: 14 }, (_, i) => pastIncident({ id: `p${i}` }));
    const choices = choicesOf(many.slice(0, 8), many.slice(6));
    expect(choices.options).toHaveLength(RELATED_CHOICES_MAX);
    expect(choices.checked).toEqual(many.slice(0, 8).map((p) => p.id));
  });
});
