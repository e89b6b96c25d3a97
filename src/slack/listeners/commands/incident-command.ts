import { incidentForChannel } from '../../../incidents/incident-queries';
import { requireMember } from '../../../incidents/require-member';
import { escapeMrkdwn } from '../../../mrkdwn/escape';
import { COMMAND_USAGES } from '../../blocks/command-usages';
import { helpMessage } from '../../blocks/help-message';
import { COMMAND } from '../../ids';
import { parseCommandText } from '../../parse/command-text';
import type { ListenerDeps } from '../listener-deps';
import type { CommandArgs } from '../route-by-id';
import type { FailureReply } from '../../errors/failure-reply';
import { SUBCOMMANDS } from './subcommands';

/**
 * `/incident <subcommand> [args]`: routes to the subcommand; bare `/incident` shows help.
 * Subcommands that act on an incident get it from the channel they are run in, after the
 * membership guard (a channel's members are who may see or change its incident).
 */
export function incidentCommand(deps: ListenerDeps) {
  return async (args: CommandArgs, reply: FailureReply): Promise<string | void> => {
    const { subcommand, args: text } = parseCommandText(args.command.text);
    const target = SUBCOMMANDS.find((s) => s.name === (subcommand || 'help'));
    if (!target) {
      const notice = `I don't know \`${COMMAND} ${escapeMrkdwn(subcommand)}\`. Here is what I can do:`;
      await args.ack({ response_type: 'ephemeral', ...helpMessage(COMMAND_USAGES, notice) });
      return;
    }
    const services = deps.services(args.client, args.context.botUserId);
    const ctx = { args, text, deps, services, reply };
    if (target.scope === 'anywhere') return target.run(ctx);

    const incident = await incidentForChannel(deps.db, args.command.channel_id);
    if (!incident) {
      const text = `\`${COMMAND} ${target.name}\` works inside an incident channel (one the bot created, named like #inc-YYYYMMDD-checkout-errors). Run it there, see open incidents with \`${COMMAND} list\`, or start one with \`${COMMAND} declare\`.`;
      return args.ack({ response_type: 'ephemeral', text });
    }
    await args.ack();
    return target.run(ctx, await requireMember(services.members, incident, args.command.user_id));
  };
}
