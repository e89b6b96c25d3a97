import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { describeError } from '../../reply-error';
import type { Incident } from '../../../incidents/incident';
import type { CommandUsage } from '../../blocks/help-message';
import type { ListenerDeps } from '../deps';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface SubcommandContext {
  args: CommandArgs;
  /** The text after the subcommand's name. */
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
export function replyPrivately(args: CommandArgs, text: string): Promise<unknown> {
  return args.respond({ response_type: 'ephemeral', text });
}

/**
 * Acknowledges at once (Slack allows 3 s), then does the work; a failure is explained to the
 * person privately rather than lost in the log.
 */
export async function ackThen(ctx: SubcommandContext, work: () => Promise<string | void>): Promise<void> {
  await ctx.args.ack();
  try {
    const reply = await work();
    if (reply) await replyPrivately(ctx.args, reply);
  } catch (error) {
    const { command } = ctx.args;
    await replyPrivately(ctx.args, `:warning: ${describeError(error, ctx.deps.logger, { command: command.command, text: command.text })}`);
  }
}
