import { escapeMrkdwn } from '../../blocks/mrkdwn';
import { helpMessage } from '../../blocks/help-message';
import { COMMAND } from '../../ids';
import { parseCommandText } from '../../parse/parse-command-text';
import type { ListenerDeps } from '../deps';
import { type CommandArgs, SUBCOMMANDS, usages } from './subcommands';

/** `/incident <subcommand> [args]`: routes to the subcommand; bare `/incident` shows help. */
export function incidentCommand(deps: ListenerDeps) {
  return async (args: CommandArgs): Promise<void> => {
    const { subcommand, args: text } = parseCommandText(args.command.text);
    const target = SUBCOMMANDS.find((s) => s.name === (subcommand || 'help'));
    if (!target) {
      const notice = `I don't know \`${COMMAND} ${escapeMrkdwn(subcommand)}\`. Here is what I can do:`;
      await args.ack({ response_type: 'ephemeral', ...helpMessage(usages(), notice) });
      return;
    }
    await target.run(args, text, deps);
  };
}
