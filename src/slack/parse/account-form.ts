import { ACCOUNT_QUESTIONS, type AccountAnswers, type AccountQuestion } from '../../accounts/account';
import type { AccountInput } from '../../accounts/save-account';
import { AccountField, AccountSigned, Field } from '../ids';
import { type ViewValues, selectedOf, textOf } from './view-state';

/** Where each answer's problem is shown on the form: the question's own input. */
export const ACCOUNT_FIELD_BLOCKS: Readonly<Record<AccountQuestion, string>> = AccountField;

/** The account as submitted: each answer as typed (empty when skipped), and whether it is anonymous. */
export function readAccountForm(values: ViewValues): AccountInput {
  const answers = Object.fromEntries(ACCOUNT_QUESTIONS.map((q) => [q, textOf(values, AccountField[q]) ?? ''])) as AccountAnswers;
  return { answers, anonymous: selectedOf(values, Field.accountSigned) === AccountSigned.anonymous };
}
