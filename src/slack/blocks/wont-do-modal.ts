import type { ModalView } from '@slack/types';
import { WONT_DO_REASON_MAX } from '../../action-items/change-item-status';
import { CallbackId, Field } from '../ids';

/** The item, and the reminder DM to edit once the reason is given. */
export interface WontDoMetadata {
  itemId: string;
  channel?: string;
  ts?: string;
}

export function wontDoModal(metadata: WontDoMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.wontDo,
    title: { type: 'plain_text', text: "Won't do" },
    submit: { type: 'plain_text', text: 'Close the item' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: 'input',
        block_id: Field.wontDoReason,
        label: { type: 'plain_text', text: 'Why not?' },
        hint: { type: 'plain_text', text: 'Kept with the item, so the post-mortem stays honest about what changed.' },
        element: { type: 'plain_text_input', action_id: Field.wontDoReason, multiline: true, max_length: WONT_DO_REASON_MAX },
      },
    ],
  };
}
