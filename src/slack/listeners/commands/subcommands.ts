import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { CommandUsage } from '../../blocks/help-message';
import { helpMessage } from '../../blocks/help-message';
import { COMMAND } from '../../ids';
import type { ListenerDeps } from '../deps';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface Subcommand extends CommandUsage {
  name: string;
  run(args: CommandArgs, text: string, deps: ListenerDeps): Promise<void>;
}

/** Every `/incident` subcommand, in the order help lists them. */
export const SUBCOMMANDS: Subcommand[] = [
  {
    name: 'help',
    usage: `${COMMAND} help`,
    summary: 'Show what the bot can do and how to use it',
    async run({ ack }) {
      await ack({ response_type: 'ephemeral', ...helpMessage(usages()) });
    },
  },
];

export function usages(): CommandUsage[] {
  return SUBCOMMANDS.map(({ usage, summary }) => ({ usage, summary }));
}
