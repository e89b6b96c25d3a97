import type { SlackObject } from '../../tools/fake-slack';
import { clientSideProblems, initialStateValues, valuesFor } from '../../tools/fake-slack/view-values';

const plain = (text: string) => ({ type: 'plain_text', text });
const option = (value: string) => ({ text: plain(value.toUpperCase()), value });
const input = (blockId: string, element: SlackObject, extra: SlackObject = {}) => ({
  type: 'input',
  block_id: blockId,
  label: plain(blockId),
  element: { action_id: 'value', ...element },
  ...extra,
});

const view = {
  blocks: [
    input('title', { type: 'plain_text_input', initial_value: 'Draft', max_length: 10 }),
    input('severity', { type: 'static_select', options: [option('sev1'), option('sev2')] }),
    input('responders', { type: 'multi_users_select' }, { optional: true }),
    input('started', { type: 'datepicker', initial_date: '2024-05-01' }),
    input('impact', { type: 'number_input', is_decimal_allowed: false }, { optional: true }),
  ] as SlackObject[],
};

describe('view values', () => {
  it("derives state from the view's initial values", () => {
    expect(initialStateValues(view)).toEqual({
      title: { value: { type: 'plain_text_input', value: 'Draft' } },
      severity: { value: { type: 'static_select', selected_option: null } },
      responders: { value: { type: 'multi_users_select', selected_users: [] } },
      started: { value: { type: 'datepicker', selected_date: '2024-05-01' } },
      impact: { value: { type: 'number_input', value: null } },
    });
  });

  it('turns simple answers into state entries, by block_id', () => {
    expect(valuesFor(view, { severity: 'sev1', responders: ['U1', 'U2'], impact: 3 })).toEqual({
      severity: { value: { type: 'static_select', selected_option: option('sev1') } },
      responders: { value: { type: 'multi_users_select', selected_users: ['U1', 'U2'] } },
      impact: { value: { type: 'number_input', value: '3' } },
    });
    expect(() => valuesFor(view, { severity: 'sev7' })).toThrow(/no option with value "sev7"/);
  });

  it('finds what the Slack client would refuse to submit', () => {
    const state = { ...initialStateValues(view), ...valuesFor(view, { title: 'Far too long a title', impact: '2.5' }) };
    expect(clientSideProblems(view, state)).toEqual([
      '"title" allows at most 10 characters',
      '"severity" (severity) is required',
      '"impact" must be a whole number',
    ]);
  });
});
