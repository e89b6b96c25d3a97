import type { App } from '@slack/bolt';

/** A listener for one action id or callback id; its own argument type narrows Bolt's. */
export type Routed = (args: never) => Promise<void>;

/*
 * Bolt runs the matching middleware of every registered listener for every request, so forty
 * `app.action(id, …)` registrations cost forty middleware chains per click (most of the bot's
 * request overhead, measured in B1). One listener per kind of request, finding its handler by
 * id in a map, costs one.
 */

/** Block actions, by `action_id`. One nobody handles is still acknowledged, so Slack shows no error. */
export function routeActions(app: App, routes: Record<string, Routed>): void {
  app.action(/.*/, async (args) => {
    const handler = routes[(args.action as { action_id?: string }).action_id ?? ''];
    if (handler) return handler(args as never);
    await args.ack();
  });
}

/** View submissions, by `callback_id`. */
export function routeViews(app: App, routes: Record<string, Routed>): void {
  app.view(/.*/, async (args) => {
    const handler = routes[args.view.callback_id];
    if (handler) return handler(args as never);
    await args.ack();
  });
}
