import { TITLE_MAX } from '../../../incidents/incident';
import { EMPTY_DECLARE_FORM, declareModal } from '../../blocks/declare-modal';
import { typedText } from '../../parse/command-text';
import { hasLineBreak, joinLines } from '../../parse/normalise-text';
import { openModal } from '../../web-api/open-modal';
import type { AnywhereSubcommand } from './subcommand';

export const declare: AnywhereSubcommand = {
  name: 'declare',
  scope: 'anywhere',
  async run(ctx) {
    const typed = typedText(ctx.text);
    const title = joinLines(typed);
    const notices = [
      hasLineBreak(typed) ? 'Titles are one line, so its line breaks became spaces.' : null,
      title.length > TITLE_MAX ? `Titles are at most ${TITLE_MAX} characters; yours had ${title.length}, so it was shortened.` : null,
    ].filter(Boolean);
    const problem = notices.length > 0 ? `${notices.join(' ')} Check it before declaring.` : undefined;
    const view = declareModal({ ...EMPTY_DECLARE_FORM, title: title.slice(0, TITLE_MAX) }, problem);
    await openModal(ctx.args.client, ctx.args.command.trigger_id, view);
  },
};
