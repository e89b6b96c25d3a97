import { TITLE_MAX } from '../../../incidents/incident';
import { EMPTY_DECLARE_FORM, declareModal } from '../../blocks/declare-modal';
import { typedText } from '../../parse/command-text';
import { openModal } from '../../web-api/open-modal';
import type { AnywhereSubcommand } from './subcommand';

export const declare: AnywhereSubcommand = {
  name: 'declare',
  scope: 'anywhere',
  async run(ctx) {
    const title = typedText(ctx.text);
    const problem =
      title.length > TITLE_MAX
        ? `Titles are at most ${TITLE_MAX} characters; yours had ${title.length}, so it was shortened. Check it before declaring.`
        : undefined;
    const view = declareModal({ ...EMPTY_DECLARE_FORM, title: title.slice(0, TITLE_MAX) }, problem);
    await openModal(ctx.args.client, ctx.args.command.trigger_id, view);
  },
};
