import { TITLE_MAX } from '../../../incidents/incident';
import { EMPTY_DECLARE_FORM, declareModal } from '../../blocks/declare-modal';
import { COMMAND } from '../../ids';
import { typedText } from '../../parse/command-text';
import { openModal } from '../open-modal';
import { type AnywhereSubcommand, ackThen } from './subcommand';

export const declare: AnywhereSubcommand = {
  name: 'declare',
  scope: 'anywhere',
  usage: `${COMMAND} declare [title]`,
  summary: 'Declare an incident: a short form, then a dedicated channel with responders',
  run: (ctx) =>
    ackThen(ctx, async () => {
      const title = typedText(ctx.text);
      const problem =
        title.length > TITLE_MAX
          ? `Titles are at most ${TITLE_MAX} characters; yours had ${title.length}, so it was shortened. Check it before declaring.`
          : undefined;
      const view = declareModal({ ...EMPTY_DECLARE_FORM, title: title.slice(0, TITLE_MAX) }, problem);
      await openModal(ctx.args.client, ctx.args.command.trigger_id, view);
    }),
};
