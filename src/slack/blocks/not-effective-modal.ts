import type { ModalView } from '@slack/types';
import type { ActionItem } from '../../action-items/action-item';
import { NOT_EFFECTIVE_TEXT_MAX } from '../../action-items/answer-verification';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { CallbackId, Field } from '../ids';
import { contextLine, datepicker, inputBlock, modal, textInput } from './block-kit';

/** The item, which ask is answered, and the person's calendar day when the form opened. */
export interface NotEffectiveMetadata {
  itemId: string;
  ask: number;
  /** The new due date may not be before it. */
  today: string;
}

/**
 * "Not effective": why the countermeasure is not working, what should be done instead, and a new
 * due date (proposed two weeks ahead). Submitting reopens the item.
 */
export function notEffectiveModal(metadata: NotEffectiveMetadata, item: Pick<ActionItem, 'description'>, dueDate: string): ModalView {
  return modal({
    callbackId: CallbackId.notEffective,
    title: 'Not effective',
    submit: 'Reopen the item',
    close: 'Cancel',
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      contextLine(`*${escapeAndTruncate(item.description, 1500)}*`),
      inputBlock("Why isn't it working?", textInput(Field.notEffectiveWhy, { multiline: true, maxLength: NOT_EFFECTIVE_TEXT_MAX }), {
        hint: 'What happened that shows it: an incident it did not stop, an alert that never fired. About the mechanism, not the people.',
      }),
      inputBlock('What should be done instead?', textInput(Field.notEffectiveInstead, { multiline: true, maxLength: NOT_EFFECTIVE_TEXT_MAX })),
      inputBlock('New due date', datepicker(Field.notEffectiveDue, dueDate), {
        hint: 'The item is reopened with this due date, and its reminders start again.',
      }),
    ],
  });
}
