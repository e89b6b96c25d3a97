import type { ModalView, PlainTextOption } from '@slack/types';
import { ACTION_DESCRIPTION_MAX, ACTION_ITEM_TYPES, ACTION_ITEM_TYPE_LABELS, type ActionItem, type ActionItemType } from '../../action-items/action-item';
import { TICKET_URL_MAX } from '../../action-items/validate-action-item';
import { CallbackId, Field } from '../ids';

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

const typeOption = (type: ActionItemType): PlainTextOption => ({
  text: { type: 'plain_text', text: ACTION_ITEM_TYPE_LABELS[type] },
  description: { type: 'plain_text', text: TYPE_HINTS[type] },
  value: type,
});

/** The pushed form for one action item: what, who, by when, which kind, and a ticket. */
export function actionItemModal(metadata: ActionItemModalMetadata, item?: ActionItem): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.actionItem,
    title: { type: 'plain_text', text: item ? 'Edit action item' : 'Add action item' },
    submit: { type: 'plain_text', text: item ? 'Save' : 'Add' },
    close: { type: 'plain_text', text: 'Back' },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: 'input',
        block_id: Field.itemDescription,
        label: { type: 'plain_text', text: 'What will be done' },
        hint: { type: 'plain_text', text: 'A mechanism, not a resolution: a test, an alert, a lint rule, a guard rail.' },
        element: {
          type: 'plain_text_input',
          action_id: Field.itemDescription,
          multiline: true,
          max_length: ACTION_DESCRIPTION_MAX,
          ...(item ? { initial_value: item.description } : {}),
        },
      },
      {
        type: 'input',
        block_id: Field.itemOwner,
        label: { type: 'plain_text', text: 'Owner' },
        element: { type: 'users_select', action_id: Field.itemOwner, ...(item ? { initial_user: item.ownerId } : {}) },
      },
      {
        type: 'input',
        block_id: Field.itemDue,
        label: { type: 'plain_text', text: 'Due date' },
        element: { type: 'datepicker', action_id: Field.itemDue, ...(item ? { initial_date: item.dueDate } : {}) },
      },
      {
        type: 'input',
        block_id: Field.itemType,
        label: { type: 'plain_text', text: 'Type' },
        element: {
          type: 'static_select',
          action_id: Field.itemType,
          options: ACTION_ITEM_TYPES.map(typeOption),
          ...(item ? { initial_option: typeOption(item.type) } : {}),
        },
      },
      {
        type: 'input',
        block_id: Field.itemTicket,
        optional: true,
        label: { type: 'plain_text', text: 'Ticket link' },
        element: {
          type: 'plain_text_input',
          action_id: Field.itemTicket,
          max_length: TICKET_URL_MAX,
          placeholder: { type: 'plain_text', text: 'https://tracker.example.com/OPS-123' },
          ...(item?.ticketUrl ? { initial_value: item.ticketUrl } : {}),
        },
      },
    ],
  };
}
