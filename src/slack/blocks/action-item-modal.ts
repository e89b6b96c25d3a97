import type { ModalView, PlainTextOption } from '@slack/types';
import { ACTION_DESCRIPTION_MAX, ACTION_ITEM_TYPES, ACTION_ITEM_TYPE_LABELS, type ActionItem, type ActionItemType } from '../../action-items/action-item';
import { TICKET_URL_MAX } from '../../action-items/validate-action-item';
import { CallbackId, Field, VerifyAfterChoice } from '../ids';
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

/** The waits offered before asking whether a done item works. */
export const VERIFY_AFTER_DAYS_OFFERED = [7, 14, 30, 60, 90] as const;

/**
 * The "Check it works after" choices: the configured default (when `defaultDays` is known), the
 * usual waits, the item's own if it is another, and no check. The initial one is the item's.
 */
function verifyAfterSelect(item: ActionItem | undefined, defaultDays: number | undefined) {
  const own = item?.verifyAfterDays;
  const days = [...VERIFY_AFTER_DAYS_OFFERED, ...(own && !(VERIFY_AFTER_DAYS_OFFERED as readonly number[]).includes(own) ? [own] : [])].sort((a, b) => a - b);
  const byDefault = option(defaultDays ? `${defaultDays} days (default)` : 'The default', VerifyAfterChoice.default);
  const none = option('No check needed', VerifyAfterChoice.none);
  const choices = [byDefault, ...days.map((d) => option(`${d} days`, String(d))), none];
  const initial = own === 0 ? none : own ? choices.find((c) => c.value === String(own)) : byDefault;
  return staticSelect(Field.itemVerifyAfter, choices, { initial });
}

/**
 * The pushed form for one action item: what, who, by when, which kind, a ticket, and when to ask
 * whether it works once done (`verifyAfterDays` is the configured default, named in that choice).
 */
export function actionItemModal(metadata: ActionItemModalMetadata, item?: ActionItem, verifyAfterDays?: number): ModalView {
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
      inputBlock('Check it works after', verifyAfterSelect(item, verifyAfterDays), {
        optional: true,
        hint: 'Once it is done, its owner and the incident commander are asked whether it made a difference.',
      }),
    ],
  });
}
