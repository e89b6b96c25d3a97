import { ACCOUNT_FIELD_BLOCKS, readAccountForm } from '../../../src/slack/parse/account-form';
import type { ViewValues } from '../../../src/slack/parse/view-state';

const text = (value: string) => ({ type: 'plain_text_input', value });
const signed = (value: string | null) => ({ type: 'radio_buttons', selected_option: value ? { value } : null });

describe('readAccountForm', () => {
  it('reads each answer as typed, normalised, and an empty one as empty', () => {
    const values: ViewValues = {
      account_noticed: { account_noticed: text('  14:05 saw errors\r\n14:07 paged  ') },
      account_did: { account_did: text('') },
      account_helped: { account_helped: text('A dashboard\u0000') },
      account_signed: { account_signed: signed('named') },
    };
    expect(readAccountForm(values)).toEqual({
      answers: { noticed: '14:05 saw errors\n14:07 paged', did: '', expected: '', surprised: '', helped: 'A dashboard' },
      anonymous: false,
    });
  });

  it('reads the anonymous choice', () => {
    expect(readAccountForm({ account_signed: { account_signed: signed('anonymous') } }).anonymous).toBe(true);
    expect(readAccountForm({}).anonymous).toBe(false);
  });

  it("shows each answer's problem under its own question", () => {
    expect(ACCOUNT_FIELD_BLOCKS).toEqual({
      noticed: 'account_noticed',
      did: 'account_did',
      expected: 'account_expected',
      surprised: 'account_surprised',
      helped: 'account_helped',
    });
  });
});
