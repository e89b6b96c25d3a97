import type { ModalView } from '@slack/types';
import { DISMISS_REASON_MAX } from '../../alerts/decide-on-offer';
import { CallbackId, Field } from '../ids';
import { inputBlock, modal, textInput } from './block-kit';

/** The offer and the group it is about, carried to the submission. */
export interface DismissAlertMetadata {
  groupId: string;
}

/** "Not an incident" asks why: the reason is kept with the alert and shown on the offer. */
export function dismissAlertModal(metadata: DismissAlertMetadata): ModalView {
  return modal({
    callbackId: CallbackId.alertDismiss,
    title: 'Not an incident',
    submit: 'Dismiss alert',
    close: 'Cancel',
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      inputBlock('Why is this not an incident?', textInput(Field.alertDismissReason, { multiline: true, maxLength: DISMISS_REASON_MAX }), {
        hint: 'Shown on the alert, so the next person to see it knows. "Known flaky check", "planned maintenance"…',
      }),
    ],
  });
}
