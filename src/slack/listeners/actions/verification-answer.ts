import { answerUnsure, answerVerified, notEffectiveForm } from '../../../action-items/answer-verification';
import { notEffectiveModal } from '../../blocks/not-effective-modal';
import { VerifyAction } from '../../ids';
import { readAnswerValue } from '../../parse/not-effective-form';
import { openModal } from '../../web-api/open-modal';
import type { ListenerDeps } from '../listener-deps';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';

/**
 * An answer to "is this countermeasure working?": "Verified" and "Not sure yet" are recorded at
 * once (both people's questions then say who answered); "Not effective" asks why first.
 */
export function verificationAnswer(deps: ListenerDeps): Routed<ActionArgs> {
  return async (args) => {
    const { itemId, ask } = readAnswerValue(buttonValue(args));
    const verifications = deps.services(args.client).verifications;
    const user = args.body.user.id;
    if (args.action.action_id === VerifyAction.verified) await answerVerified(verifications, itemId, user, ask);
    else if (args.action.action_id === VerifyAction.unsure) await answerUnsure(verifications, itemId, user, ask);
    else {
      const form = await notEffectiveForm(verifications, itemId, user, ask);
      await openModal(args.client, args.body.trigger_id, notEffectiveModal({ itemId, ask, today: form.today }, form.item, form.dueDate));
    }
  };
}
