import type { CommandUsage } from '../../blocks/help-message';
import { helpMessage } from '../../blocks/help-message';
import { COMMAND } from '../../ids';
import { declare } from './declare';
import { commander, reopen, resolve, severity, status } from './lifecycle';
import { list } from './list';
import type { AnywhereSubcommand, Subcommand } from './subcommand';

const help: AnywhereSubcommand = {
  name: 'help',
  scope: 'anywhere',
  usage: `${COMMAND} help`,
  summary: 'Show what the bot can do and how to use it',
  async run({ args }) {
    await args.ack({ response_type: 'ephemeral', ...helpMessage(usages()) });
  },
};

/** Every `/incident` subcommand, in the order help lists them. */
export const SUBCOMMANDS: Subcommand[] = [declare, status, severity, commander, resolve, reopen, list, help];

export function usages(): CommandUsage[] {
  return SUBCOMMANDS.map(({ usage, summary }) => ({ usage, summary }));
}
