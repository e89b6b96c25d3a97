import { COMMAND_USAGES } from '../../blocks/command-usages';
import { helpMessage } from '../../blocks/help-message';
import type { AnywhereSubcommand } from './subcommand';

export const help: AnywhereSubcommand = {
  name: 'help',
  scope: 'anywhere',
  async run({ args }) {
    await args.ack({ response_type: 'ephemeral', ...helpMessage(COMMAND_USAGES) });
  },
};
