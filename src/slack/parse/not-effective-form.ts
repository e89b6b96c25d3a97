import type { NotEffectiveAnswer } from '../../action-items/answer-verification';
import { Field } from '../ids';
import { type ViewValues, dateOf, textOf } from './view-state';

/** Where each problem with a "Not effective" answer is shown on the form. */
export const NOT_EFFECTIVE_FIELD_BLOCKS: Readonly<Record<keyof NotEffectiveAnswer, string>> = {
  why: Field.notEffectiveWhy,
  instead: Field.notEffectiveInstead,
  dueDate: Field.notEffectiveDue,
};

/** The "Not effective" form as submitted. */
export function readNotEffectiveForm(values: ViewValues): NotEffectiveAnswer {
  return {
    why: textOf(values, Field.notEffectiveWhy) ?? '',
    instead: textOf(values, Field.notEffectiveInstead) ?? '',
    dueDate: dateOf(values, Field.notEffectiveDue),
  };
}

/** An answer button's value, `<item id>:<ask>` (see `answerValue`); ask 0 for a value that names none. */
export function readAnswerValue(value: string): { itemId: string; ask: number } {
  const named = /^(.+):(\d+)$/.exec(value);
  return named ? { itemId: named[1]!, ask: Number(named[2]) } : { itemId: value, ask: 0 };
}
