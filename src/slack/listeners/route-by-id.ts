import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { isAppError } from '../../errors';
import { logFailure } from '../errors/explain-error';
import { FailureReply, formErrors, showFailure } from '../errors/failure-reply';
import type { ListenerDeps } from './listener-deps';

/**
 * A listener for one action id, callback id or command. It may throw: the surface's one error
 * path explains the failure to the person, where `reply` says (see {@link FailureReply}).
 */
export type Routed<A> = (args: A, reply: FailureReply) => Promise<void>;

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/*
 * Bolt runs the matching middleware of every registered listener for every request, so forty
 * `app.action(id, …)` registrations cost forty middleware chains per click (most of the bot's
 * request overhead, measured in B1). One listener per kind of request, finding its handler by
 * id in a map, costs one.
 */

/**
 * Block actions, by `action_id`. Every click is acknowledged first (Slack shows an error after
 * 3 s); a failure is told through the click's response URL (a message button) or in a DM (a modal
 * or the Home tab), unless the listener pointed its reply elsewhere.
 */
export function routeActions(app: App, deps: ListenerDeps, routes: Record<string, Routed<ActionArgs>>): void {
  app.action(/.*/, async (args) => {
    await args.ack();
    const action = args.action as { action_id?: string };
    const handler = routes[action.action_id ?? ''];
    if (!handler) return;
    const reply = new FailureReply();
    const body = args.body as { response_url?: string; user: { id: string } };
    try {
      await handler(args as ActionArgs, reply);
    } catch (error) {
      const respond = body.response_url
        ? (text: string) => args.respond({ response_type: 'ephemeral', replace_original: false, text })
        : undefined;
      await showFailure({ client: args.client, logger: deps.logger, userId: body.user.id, reply, respond, request: { action: action.action_id } }, error);
    }
  });
}

/**
 * View submissions, by `callback_id`. A listener acknowledges itself (with field errors, a
 * progress view, or nothing). When it throws before acknowledging, the problem goes onto the form
 * if the listener named one (`reply.onForm`); otherwise the form is closed and the person told
 * where the reply says.
 */
export function routeViews(app: App, deps: ListenerDeps, routes: Record<string, Routed<ViewArgs>>): void {
  app.view(/.*/, async (args) => {
    const handler = routes[args.view.callback_id];
    if (!handler) return args.ack();
    const reply = new FailureReply();
    let acked = false;
    const ack: typeof args.ack = (response?: Parameters<typeof args.ack>[0]) => {
      acked = true;
      return args.ack(response as never);
    };
    try {
      await handler({ ...args, ack } as ViewArgs, reply);
    } catch (error) {
      // A form still open shows the problem on itself, with what was typed.
      const errors = acked ? null : formErrors(reply, error);
      if (errors) {
        if (!isAppError(error) || !error.fields) logFailure(deps.logger, error, { view: args.view.callback_id, user: args.body.user.id });
        return ack({ response_action: 'errors', errors });
      }
      if (!acked) await ack();
      await showFailure(
        { client: args.client, logger: deps.logger, userId: args.body.user.id, reply, request: { view: args.view.callback_id } },
        error,
      );
    } finally {
      if (!acked) await ack();
    }
  });
}

/**
 * A slash command. It is acknowledged at once unless the listener answered in the ack itself; a
 * reply the listener returns, or the failure, is told privately through the command's response URL.
 */
export function routeCommand(app: App, deps: ListenerDeps, command: string, handler: (args: CommandArgs, reply: FailureReply) => Promise<string | void>): void {
  app.command(command, async (args) => {
    let acked = false;
    const ack: typeof args.ack = (response?: Parameters<typeof args.ack>[0]) => {
      acked = true;
      return args.ack(response as never);
    };
    const reply = new FailureReply();
    const respond = (text: string) => args.respond({ response_type: 'ephemeral', text });
    try {
      const answer = await handler({ ...args, ack } as CommandArgs, reply);
      if (!acked) await ack();
      if (answer) await respond(answer);
    } catch (error) {
      if (!acked) await ack();
      await showFailure(
        { client: args.client, logger: deps.logger, userId: args.command.user_id, reply, respond, request: { command: args.command.command } },
        error,
      );
    }
  });
}

/** A message shortcut: acknowledged at once; a failure is told privately in the message's channel. */
export function routeShortcut(app: App, deps: ListenerDeps, callbackId: string, handler: Routed<ShortcutArgs>): void {
  app.shortcut<MessageShortcut>({ callback_id: callbackId, type: 'message_action' }, async (args) => {
    await args.ack();
    const reply = new FailureReply().inChannel(args.shortcut.channel.id);
    try {
      await handler(args, reply);
    } catch (error) {
      await showFailure(
        { client: args.client, logger: deps.logger, userId: args.shortcut.user.id, reply, request: { shortcut: args.shortcut.callback_id } },
        error,
      );
    }
  });
}
