import type { ActionItemType } from '../../action-items/action-item';
import type { ActionItemInput } from '../../action-items/validate-action-item';
import { type PostmortemContent, linesOf } from '../../postmortems/postmortem';
import { Field } from '../ids';
import { type ViewValues, checkedOf, dateOf, lineOf, selectedOf, textOf, userOf } from './view-state';

export function readPostmortemForm(values: ViewValues): PostmortemContent {
  return {
    summary: textOf(values, Field.summary) ?? '',
    impact: textOf(values, Field.impact) ?? '',
    causes: {
      avoid: linesOf(textOf(values, Field.causeAvoid)),
      detect: linesOf(textOf(values, Field.causeDetect)),
      fixFaster: linesOf(textOf(values, Field.causeFixFaster)),
    },
    fiveWhys: linesOf(textOf(values, Field.fiveWhys)),
    wentWell: linesOf(textOf(values, Field.wentWell)),
    wentWrong: linesOf(textOf(values, Field.wentWrong)),
    gotLucky: linesOf(textOf(values, Field.gotLucky)),
    facilitatorId: userOf(values, Field.facilitator),
    meetingDate: dateOf(values, Field.meetingDate),
    tags: (lineOf(values, Field.tags) ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    anonymise: checkedOf(values, Field.anonymise).includes('anonymise'),
  };
}

export function readActionItemForm(values: ViewValues): ActionItemInput {
  return {
    description: textOf(values, Field.itemDescription) ?? '',
    ownerId: userOf(values, Field.itemOwner),
    dueDate: dateOf(values, Field.itemDue),
    type: selectedOf(values, Field.itemType) as ActionItemType | null,
    ticketUrl: lineOf(values, Field.itemTicket),
  };
}

/** Where each action-item problem is shown on the form. */
export const ACTION_ITEM_FIELD_BLOCKS: Record<keyof ActionItemInput, string> = {
  description: Field.itemDescription,
  ownerId: Field.itemOwner,
  dueDate: Field.itemDue,
  type: Field.itemType,
  ticketUrl: Field.itemTicket,
};
