import type { ActionItemType } from '../../action-items/action-item';
import type { ActionItemInput } from '../../action-items/validate-action-item';
import { type PostmortemContent, linesOf } from '../../postmortems/postmortem';
import { peopleFingerprint } from '../blocks/people-fingerprint';
import type { PostmortemFormMetadata } from '../blocks/postmortem-modal';
import { Field, VerifyAfterChoice } from '../ids';
import { type ViewValues, checkedOf, dateOf, lineOf, selectedOf, textOf, timeOf, userOf, usersOf } from './view-state';

/**
 * The post-mortem form as submitted. The review meeting's facilitator and invitees were shown as
 * proposed when the author had not chosen them (`proposed`, from the form's metadata); left as
 * proposed, they stay unchosen (null), so the proposal keeps following the incident's participants.
 */
export function readPostmortemForm(values: ViewValues, proposed: PostmortemFormMetadata['proposed'] = {}): PostmortemContent {
  const facilitatorId = userOf(values, Field.facilitator);
  // A form from before invitees were asked has no such field: nothing was chosen.
  const invitees = values[Field.invitees] ? usersOf(values, Field.invitees) : null;
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
    facilitatorId: proposed.facilitatorId !== undefined && facilitatorId === proposed.facilitatorId ? null : facilitatorId,
    meetingDate: dateOf(values, Field.meetingDate),
    meetingTime: timeOf(values, Field.meetingTime),
    // Which zone they are in is decided on saving: the saver's if they changed, else as before.
    meetingTimeZone: null,
    invitees: invitees && proposed.invitees !== undefined && peopleFingerprint(invitees) === proposed.invitees ? null : invitees,
    tags: (lineOf(values, Field.tags) ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    anonymise: checkedOf(values, Field.anonymise).includes('anonymise'),
    // Shown only when there were past incidents to offer: without it, nothing was chosen.
    relatedIncidentIds: values[Field.relatedIncidents] ? checkedOf(values, Field.relatedIncidents) : null,
  };
}

export function readActionItemForm(values: ViewValues): ActionItemInput {
  return {
    description: textOf(values, Field.itemDescription) ?? '',
    ownerId: userOf(values, Field.itemOwner),
    dueDate: dateOf(values, Field.itemDue),
    type: selectedOf(values, Field.itemType) as ActionItemType | null,
    ticketUrl: lineOf(values, Field.itemTicket),
    // A form opened before the choice was offered has none: the item keeps what it has.
    ...(values[Field.itemVerifyAfter] ? { verifyAfterDays: verifyAfterDaysOf(selectedOf(values, Field.itemVerifyAfter)) } : {}),
  };
}

/** The "Check it works after" choice: null for the default, 0 for no check, else the days (NaN for a forged value, refused by the rules). */
function verifyAfterDaysOf(choice: string | null): number | null {
  if (choice === null || choice === VerifyAfterChoice.default) return null;
  if (choice === VerifyAfterChoice.none) return 0;
  return /^\d{1,3}$/.test(choice) ? Number(choice) : Number.NaN;
}

/** Where each action-item problem is shown on the form. */
export const ACTION_ITEM_FIELD_BLOCKS: Record<keyof ActionItemInput, string> = {
  description: Field.itemDescription,
  ownerId: Field.itemOwner,
  dueDate: Field.itemDue,
  type: Field.itemType,
  ticketUrl: Field.itemTicket,
  verifyAfterDays: Field.itemVerifyAfter,
};
