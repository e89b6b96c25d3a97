import { answerNotEffective, notEffectiveProblems } from '../../../action-items/answer-verification';
import { throwIfProblems } from '../../../errors';
import { earliestToday } from '../../../zoned-time';
import type { NotEffectiveMetadata } from '../../blocks/not-effective-modal';
import { Field } from '../../ids';
import { NOT_EFFECTIVE_FIELD_BLOCKS, readNotEffectiveForm } from '../../parse/not-effective-form';
import { metadataOf } from '../../parse/view-state';
import type { ListenerDeps } from '../listener-deps';
import type { Routed, ViewArgs } from '../route-by-id';

/**
 * "Why isn't it working?" was answered: problems with what was typed go back onto the form; then
 * the item is reopened with the new due date (see `answerNotEffective`).
 */
export function notEffectiveSubmitted(deps: ListenerDeps): Routed<ViewArgs> {
  return async ({ ack, view, body, client }, reply) => {
    const metadata = metadataOf<NotEffectiveMetadata>(view.private_metadata);
    const answer = readNotEffectiveForm(view.state.values);
    // "Not in the past" in the person's own calendar, read when the form opened.
    const today = metadata.today ?? earliestToday(deps.clock.now());
    reply.onForm(NOT_EFFECTIVE_FIELD_BLOCKS, Field.notEffectiveWhy);
    throwIfProblems(notEffectiveProblems(answer, today));
    await ack();
    await answerNotEffective(deps.services(client).verifications, metadata.itemId ?? '', body.user.id, metadata.ask ?? 0, answer, today);
  };
}
