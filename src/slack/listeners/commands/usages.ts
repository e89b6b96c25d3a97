import type { CommandUsage } from '../../blocks/help-message';
import { SUBCOMMANDS } from './subcommands';

/** Usage lines for help and the App Home, from the subcommands themselves. */
export function usages(): CommandUsage[] {
  return SUBCOMMANDS.map(({ usage, summary }) => ({ usage, summary }));
}
