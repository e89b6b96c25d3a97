import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Incident } from '../../../incidents/incident';
import { incidentDeps } from '../deps';
import type { IncidentDeps } from '../../../incidents/incident-deps';
import type { CommandUsage } from '../../blocks/help-message';
import { describeError } from '../../reply-error';
import type { ListenerDeps } from '../deps';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface SubcommandContext {
  args: CommandArgs;
  /** The text after the subcommand's name, as Slack sent it. */
  text: string;
  deps: ListenerDeps;
}

/** A subcommand that works anywhere, e.g. `declare`, `list`, `help`. */
export interface AnywhereSubcommand extends CommandUsage {
  name: string;
  scope: 'anywhere';
  run(ctx: SubcommandContext): Promise<void>;
}

/** A subcommand that acts on the incident whose channel it is run in. */
export interface IncidentSubcommand extends CommandUsage {
  name: string;
  scope: 'incident';
  run(ctx: SubcommandContext, incident: Incident): Promise<void>;
}

export type Subcommand = AnywhereSubcommand | IncidentSubcommand;

/** Replies privately to the person who ran the command. */
function replyPrivately(args: CommandArgs, text: string): Promise<unknown> {
  return args.respond({ response_type: 'ephemeral', text });
}

/** The incident service's dependencies for this command. */
export function serviceFor({ deps, args }: SubcommandContext): IncidentDeps {
  return incidentDeps(deps, args.client, args.context.botUserId);
}

/**
 * Acknowledges at once (Slack allows 3 s), then does the work; a reply or a failure is told
 * to the person privately rather than lost in the log.
 */
export async function ackThen(ctx: SubcommandContext, work: () => Promise<string | void>): Promise<void> {
  await ctx.args.ack();
  try {
    const reply = await work();
    if (reply) await replyPrivately(ctx.args, reply);
  } catch (error) {
    const { command } = ctx.args;
    const problem = describeError(error, ctx.deps.logger, { command: command.command, text: command.text });
    await replyPrivately(ctx.args, `:warning: ${problem}`);
  }
}
