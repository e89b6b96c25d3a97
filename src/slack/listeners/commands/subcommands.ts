import { commander } from './commander';
import { declare } from './declare';
import { help } from './help';
import { list } from './list';
import { reopen } from './reopen';
import { resolve } from './resolve';
import { severity } from './severity';
import { status } from './status';
import type { Subcommand } from './subcommand';
import { timeline } from './timeline';
import { postmortem } from './postmortem';
import { actionAdd } from './action-add';
import { actionsList } from './actions-list';
import { account } from './account';
import { accounts } from './accounts';
import { review } from './review';
import { insights } from './insights';
import { search } from './search';

/** Every `/incident` subcommand, in the order help lists them. */
export const SUBCOMMANDS: Subcommand[] = [
  declare,
  status,
  severity,
  commander,
  resolve,
  reopen,
  timeline,
  account,
  accounts,
  postmortem,
  review,
  actionAdd,
  actionsList,
  insights,
  list,
  search,
  help,
];
