import { incidentForChannel } from '../../../incidents/incident-queries';
import { helpMessage } from '../../blocks/help-message';
import { escapeMrkdwn } from '../../blocks/mrkdwn';
import { COMMAND } from '../../ids';
import { parseCommandText } from '../../parse/command-text';
import type { ListenerDeps } from '../deps';
import type { CommandArgs } from './subcommand';
import { SUBCOMMANDS } from './subcommands';
import { usages } from './usages';

/**
 * `/incident <subcommand> [args]`: routes to the subcommand; bare `/incident` shows help.
 * Subcommands that act on an incident get it from the channel they are run in.
 */
export function incidentCommand(deps: ListenerDeps) {
  return async (args: CommandArgs): Promise<void> => {
    const { subcommand, args: text } = parseCommandText(args.command.text);
    const target = SUBCOMMANDS.find((s) => s.name === (subcommand || 'help'));
    if (!target) {
      const notice = `I don't know \`${COMMAND} ${escapeMrkdwn(subcommand)}\`. Here is what I can do:`;
      await args.ack({ response_type: 'ephemeral', ...helpMessage(usages(), notice) });
      return;
    }
    const ctx = { args, text, deps };
    if (target.scope === 'anywhere') return target.run(ctx);

    const incident = await incidentForChannel(deps.db, args.command.channel_id);
    if (!incident) {
      await args.ack({
        response_type: 'ephemeral',
        text: `\`${COMMAND} ${target.name}\` works inside an incident channel (one the bot created, named like #inc-YYYYMMDD-checkout-errors). Run it there, see open incidents with \`${COMMAND} list\`, or start one with \`${COMMAND} declare\`.`,
      });
      return;
    }
    await target.run(ctx, incident);
  };
}
