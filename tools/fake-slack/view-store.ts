import { randomInt } from 'node:crypto';
import { withGeneratedIds } from './block-ids';
import { SlackApiError } from './slack-api-error';
import type { FakeView, SlackObject, StateValues } from './types';
import { checkView } from './view-limits';
import type { Workspace } from './workspace';

/** Slack lets a modal push at most two more views: a stack of three. */
export const VIEW_STACK_LIMIT = 3;

/**
 * Each person's modal stack and Home tab. Views that were closed are forgotten, so updating them
 * fails with `not_found` as it does in Slack.
 */
export class ViewStore {
  private readonly stacks = new Map<string, FakeView[]>();
  private readonly homes = new Map<string, FakeView>();
  private readonly errors = new Map<string, Record<string, string>>();

  constructor(private readonly ws: Workspace) {}

  stack(userId: string): FakeView[] {
    return this.stacks.get(userId) ?? [];
  }

  home(userId: string): FakeView | undefined {
    return this.homes.get(userId);
  }

  get(viewId: string): FakeView | undefined {
    return this.find((view) => view.id === viewId)?.view;
  }

  ownerOf(viewId: string): string | undefined {
    return this.find((view) => view.id === viewId)?.userId;
  }

  byExternalId(externalId: string): FakeView | undefined {
    return this.find((view) => view.external_id === externalId)?.view;
  }

  viewErrors(viewId: string): Record<string, string> | undefined {
    return this.errors.get(viewId);
  }

  open(userId: string, payload: SlackObject): FakeView {
    this.assertExternalIdFree(payload.external_id);
    for (const view of this.stack(userId)) this.errors.delete(view.id);
    const view = this.build(payload, { root: undefined, previous: null });
    this.stacks.set(userId, [view]);
    return view;
  }

  push(userId: string, payload: SlackObject): FakeView {
    const stack = this.stack(userId);
    const top = stack[stack.length - 1];
    if (!top) throw new SlackApiError('not_found');
    if (stack.length >= VIEW_STACK_LIMIT) throw new SlackApiError('push_limit_reached');
    this.assertExternalIdFree(payload.external_id);
    const root = stack[0]?.id ?? top.id;
    const view = this.build(payload, { root, previous: top.id });
    stack.push(view);
    return view;
  }

  /** Replaces a view's content in place: same id and position, new hash. */
  update(existing: FakeView, payload: SlackObject): FakeView {
    this.assertExternalIdFree(payload.external_id, existing.id);
    const replacement = this.build(payload, { root: existing.root_view_id, previous: existing.previous_view_id, id: existing.id });
    replacement.state = { values: keepState(existing.state.values, replacement.blocks) };
    if (replacement.title === undefined) delete existing.title;
    Object.assign(existing, replacement);
    this.errors.delete(existing.id);
    return existing;
  }

  publish(userId: string, payload: SlackObject): FakeView {
    const current = this.homes.get(userId);
    if (current) return this.update(current, payload);
    this.assertExternalIdFree(payload.external_id);
    const view = this.build(payload, { root: undefined, previous: null });
    this.homes.set(userId, view);
    return view;
  }

  /** Closes `viewId` and anything pushed above it; the previous view shows again. */
  close(userId: string, viewId: string): void {
    const stack = this.stack(userId);
    const index = stack.findIndex((view) => view.id === viewId);
    if (index < 0) return;
    for (const view of stack.splice(index)) this.errors.delete(view.id);
    if (stack.length === 0) this.stacks.delete(userId);
  }

  clear(userId: string): void {
    for (const view of this.stack(userId)) this.errors.delete(view.id);
    this.stacks.delete(userId);
  }

  /**
   * Applies an app's answer to a view_submission, as Slack's client would: nothing (or no
   * response_action) closes the submitted view; `update`, `push`, `clear` and `errors` do what they
   * say. A response Slack would reject leaves the views alone and is recorded in `problems`,
   * because the person would only see a generic error.
   */
  applySubmissionResponse(userId: string, viewId: string, body: unknown): void {
    const view = this.get(viewId);
    if (!view || this.ownerOf(viewId) !== userId) {
      this.ws.problems.push(`view_submission response for ${viewId}: the view is not open for ${userId}`);
      return;
    }
    const response = typeof body === 'object' && body !== null ? (body as SlackObject) : undefined;
    if (body !== undefined && body !== '' && response === undefined) {
      this.ws.problems.push(`view_submission response for ${viewId}: body must be empty or JSON, got ${JSON.stringify(body)}`);
      return;
    }
    const action = response?.response_action;
    if (action === undefined) {
      this.close(userId, viewId);
      return;
    }
    const problem = (message: string): void => {
      this.ws.problems.push(`view_submission response_action "${String(action)}" for ${viewId}: ${message}`);
    };
    switch (action) {
      case 'update': {
        const problems = checkView(response?.view, ['modal']);
        if (problems.length > 0) return problem(problems.join('; '));
        this.update(view, response?.view as SlackObject);
        return;
      }
      case 'push': {
        const problems = checkView(response?.view, ['modal']);
        if (problems.length > 0) return problem(problems.join('; '));
        if (this.stack(userId).length >= VIEW_STACK_LIMIT) return problem('push_limit_reached');
        const stack = this.stack(userId);
        const root = stack[0]?.id ?? view.id;
        const top = stack[stack.length - 1] ?? view;
        stack.push(this.build(response?.view as SlackObject, { root, previous: top.id }));
        return;
      }
      case 'clear':
        this.clear(userId);
        return;
      case 'errors': {
        const errors = response?.errors;
        if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return problem('errors must be an object');
        const inputBlockIds = new Set(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id as string));
        const unknown = Object.keys(errors).filter((blockId) => !inputBlockIds.has(blockId));
        if (unknown.length > 0) return problem(`errors name blocks that are not input blocks of the view: ${unknown.join(', ')}`);
        this.errors.set(view.id, { ...(errors as Record<string, string>) });
        return;
      }
      default:
        return problem('unknown response_action');
    }
  }

  newHash(): string {
    return `${this.ws.nowSeconds()}.${randomInt(1_000_000_000).toString().padStart(9, '0')}`;
  }

  private build(payload: SlackObject, position: { root: string | undefined; previous: string | null; id?: string }): FakeView {
    const id = position.id ?? this.ws.ids.next('V');
    return {
      id,
      team_id: this.ws.teamId,
      type: payload.type,
      ...(payload.title !== undefined ? { title: structuredClone(payload.title) } : {}),
      submit: payload.submit !== undefined ? structuredClone(payload.submit) : null,
      close: payload.close !== undefined ? structuredClone(payload.close) : null,
      blocks: withGeneratedIds(payload.blocks ?? []),
      private_metadata: payload.private_metadata ?? '',
      callback_id: payload.callback_id ?? '',
      external_id: payload.external_id ?? '',
      state: { values: {} },
      hash: this.newHash(),
      clear_on_close: Boolean(payload.clear_on_close),
      notify_on_close: Boolean(payload.notify_on_close),
      submit_disabled: Boolean(payload.submit_disabled),
      root_view_id: position.root ?? id,
      previous_view_id: position.previous,
      app_id: this.ws.bot.appId,
      app_installed_team_id: this.ws.teamId,
      bot_id: this.ws.bot.botId,
    };
  }

  private assertExternalIdFree(externalId: unknown, exceptViewId?: string): void {
    if (typeof externalId !== 'string' || externalId === '') return;
    const holder = this.byExternalId(externalId);
    if (holder && holder.id !== exceptViewId) throw new SlackApiError('duplicate_external_id');
  }

  private find(predicate: (view: FakeView) => boolean): { view: FakeView; userId: string } | undefined {
    for (const [userId, stack] of this.stacks) {
      const view = stack.find(predicate);
      if (view) return { view, userId };
    }
    for (const [userId, view] of this.homes) {
      if (predicate(view)) return { view, userId };
    }
    return undefined;
  }
}

/** Slack keeps what a person typed into inputs whose block_id and action_id survive an update. */
function keepState(values: StateValues, blocks: SlackObject[]): StateValues {
  const kept: StateValues = {};
  for (const block of blocks) {
    const previous = typeof block.block_id === 'string' ? values[block.block_id] : undefined;
    if (!previous) continue;
    const actionIds = elementsOf(block).map((element) => element.action_id as string | undefined);
    const entries = Object.entries(previous).filter(([actionId]) => actionIds.includes(actionId));
    if (entries.length > 0) kept[block.block_id as string] = Object.fromEntries(entries);
  }
  return kept;
}

export function elementsOf(block: SlackObject): SlackObject[] {
  if (block.type === 'input' && block.element) return [block.element];
  if (block.type === 'section' && block.accessory) return [block.accessory];
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements;
  return [];
}
