import type { ModalView } from '@slack/types';
import { WONT_DO_REASON_MAX } from '../../action-items/change-item-status';
import { CallbackId, Field } from '../ids';
import { inputBlock, modal, textInput } from './block-kit';

/** The item, and the reminder DM to edit once the reason is given. */
export interface WontDoMetadata {
  itemId: string;
  channel?: string;
  ts?: string;
}

export function wontDoModal(metadata: WontDoMetadata): ModalView {
  return modal({
    callbackId: CallbackId.wontDo,
    title: "Won't do",
    submit: 'Close the item',
    close: 'Cancel',
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      inputBlock('Why not?', textInput(Field.wontDoReason, { multiline: true, maxLength: WONT_DO_REASON_MAX }), {
        hint: 'Kept with the item, so the post-mortem stays honest about what changed.',
      }),
    ],
  });
}
