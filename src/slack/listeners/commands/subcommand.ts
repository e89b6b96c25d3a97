import type { ReadyIncident } from '../../../incidents/incident';
import type { FailureReply } from '../../errors/failure-reply';
import type { ListenerDeps, Services } from '../listener-deps';
import type { CommandArgs } from '../route-by-id';

export interface SubcommandContext {
  args: CommandArgs;
  /** The text after the subcommand's name, as Slack sent it. */
  text: string;
  deps: ListenerDeps;
  services: Services;
  reply: FailureReply;
}

/**
 * What a subcommand returns: a private reply for the person, or nothing. It may throw: the
 * command's one error path tells the person privately.
 */
type Answer = Promise<string | void>;

/** A subcommand that works anywhere, e.g. `declare`, `list`, `help`. */
export interface AnywhereSubcommand {
  name: string;
  scope: 'anywhere';
  run(ctx: SubcommandContext): Answer;
}

/** A subcommand that acts on the incident whose channel it is run in; only its members may run it. */
export interface IncidentSubcommand {
  name: string;
  scope: 'incident';
  run(ctx: SubcommandContext, incident: ReadyIncident): Answer;
}

export type Subcommand = AnywhereSubcommand | IncidentSubcommand;
