import type { ModalView, PlainTextOption } from '@slack/types';
import { ACTION_DESCRIPTION_MAX, ACTION_ITEM_TYPES, ACTION_ITEM_TYPE_LABELS, type ActionItem, type ActionItemType } from '../../action-items/action-item';
import { TICKET_URL_MAX } from '../../action-items/validate-action-item';
import { CallbackId, Field } from '../ids';
import { datepicker, inputBlock, modal, option, staticSelect, textInput, usersSelect } from './block-kit';

/** Where the item belongs, which one is edited, and the form underneath to refresh afterwards. */
export interface ActionItemModalMetadata {
  incidentId: string;
  itemId?: string;
  formViewId?: string;
  /** The draft version the form underneath was opened on, kept when it is refreshed. */
  formVersion?: number;
  /** The person's calendar day when the form opened: the due date may not be before it. */
  today?: string;
}

const TYPE_HINTS: Record<ActionItemType, string> = {
  prevent: 'Stops this from happening again',
  detect: 'Finds it sooner next time (alerts, checks)',
  mitigate: 'Limits the damage or speeds recovery',
  process: 'Changes how we work (runbooks, reviews)',
};

const typeOption = (type: ActionItemType): PlainTextOption => option(ACTION_ITEM_TYPE_LABELS[type], type, TYPE_HINTS[type]);

/** The pushed form for one action item: what, who, by when, which kind, and a ticket. */
export function actionItemModal(metadata: ActionItemModalMetadata, item?: ActionItem): ModalView {
  return modal({
    callbackId: CallbackId.actionItem,
    title: item ? 'Edit action item' : 'Add action item',
    submit: item ? 'Save' : 'Add',
    close: 'Back',
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      inputBlock('What will be done', textInput(Field.itemDescription, { multiline: true, maxLength: ACTION_DESCRIPTION_MAX, initial: item?.description }), {
        hint: 'A mechanism, not a resolution: a test, an alert, a lint rule, a guard rail.',
      }),
      inputBlock('Owner', usersSelect(Field.itemOwner, item?.ownerId)),
      inputBlock('Due date', datepicker(Field.itemDue, item?.dueDate)),
      inputBlock('Type', staticSelect(Field.itemType, ACTION_ITEM_TYPES.map(typeOption), { initial: item && typeOption(item.type) })),
      inputBlock(
        'Ticket link',
        textInput(Field.itemTicket, { maxLength: TICKET_URL_MAX, placeholder: 'https://tracker.example.com/OPS-123', initial: item?.ticketUrl }),
        { optional: true },
      ),
    ],
  });
}
