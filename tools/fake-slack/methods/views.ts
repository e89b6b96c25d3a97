import { SlackApiError } from '../slack-api-error';
import { clone } from '../slack-objects';
import type { FakeView, SlackObject } from '../types';
import { checkView } from '../view-limits';
import type { MethodContext, MethodTable } from './method-context';

/** The `view` argument, checked against Slack's view and Block Kit limits. */
function viewPayload(ctx: MethodContext, allowed: ReadonlyArray<'modal' | 'home'>): SlackObject {
  const view = ctx.args.value('view');
  if (typeof view !== 'object' || view === null || Array.isArray(view)) {
    throw SlackApiError.invalidArguments(['failed to parse view: must be a JSON object']);
  }
  const problems = checkView(view, allowed);
  if (problems.length > 0) throw SlackApiError.invalidArguments(problems);
  return view as SlackObject;
}

/** The person a trigger_id (or interactivity_pointer) was issued to; the trigger is used up. */
function triggerUser(ctx: MethodContext): string {
  const trigger = ctx.args.optionalString('trigger_id') ?? ctx.args.optionalString('interactivity_pointer');
  if (trigger === undefined) throw SlackApiError.invalidArguments(['missing required field: trigger_id']);
  return ctx.triggers.consume(trigger);
}

function checkHash(ctx: MethodContext, view: FakeView): void {
  const hash = ctx.args.optionalString('hash');
  if (hash !== undefined && hash !== view.hash) throw new SlackApiError('hash_conflict');
}

export const viewsMethods: MethodTable = {
  'views.open': (ctx) => {
    const payload = viewPayload(ctx, ['modal']);
    const userId = triggerUser(ctx);
    return { view: clone(ctx.views.open(userId, payload)) };
  },

  'views.push': (ctx) => {
    const payload = viewPayload(ctx, ['modal']);
    const userId = triggerUser(ctx);
    return { view: clone(ctx.views.push(userId, payload)) };
  },

  'views.update': (ctx) => {
    const viewId = ctx.args.optionalString('view_id');
    const externalId = ctx.args.optionalString('external_id');
    if (viewId === undefined && externalId === undefined) {
      throw SlackApiError.invalidArguments(['missing required field: view_id or external_id']);
    }
    const existing = viewId !== undefined ? ctx.views.get(viewId) : ctx.views.byExternalId(externalId ?? '');
    if (!existing) throw new SlackApiError('not_found');
    const payload = viewPayload(ctx, [existing.type]);
    checkHash(ctx, existing);
    return { view: clone(ctx.views.update(existing, payload)) };
  },

  'views.publish': (ctx) => {
    const userId = ctx.args.optionalString('user_id') ?? '';
    if (!ctx.ws.user(userId)) throw new SlackApiError('user_not_found');
    const payload = viewPayload(ctx, ['home']);
    const current = ctx.views.home(userId);
    if (current) checkHash(ctx, current);
    return { view: clone(ctx.views.publish(userId, payload)) };
  },
};
