import { helpMessage } from '../../blocks/help-message';
import { COMMAND } from '../../ids';
import type { AnywhereSubcommand } from './subcommand';
import { usages } from './usages';

export const help: AnywhereSubcommand = {
  name: 'help',
  scope: 'anywhere',
  usage: `${COMMAND} help`,
  summary: 'Show what the bot can do and how to use it',
  async run({ args }) {
    await args.ack({ response_type: 'ephemeral', ...helpMessage(usages()) });
  },
};
