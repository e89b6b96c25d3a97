import { scopesFor } from '../slack-reference';
import type { MethodArgs } from '../method-args';
import { SlackApiError } from '../slack-api-error';
import type { TriggerIds } from '../trigger-ids';
import type { FakeChannel, FakeMessage } from '../types';
import type { ViewStore } from '../view-store';
import type { Workspace } from '../workspace';

export interface MethodContext {
  method: string;
  args: MethodArgs;
  ws: Workspace;
  views: ViewStore;
  triggers: TriggerIds;
  scopes: ReadonlySet<string>;
  baseUrl: string;
}

/** A Web API method: returns the fields of a successful answer, or throws SlackApiError. */
export type MethodHandler = (ctx: MethodContext) => Record<string, unknown>;

export type MethodTable = Record<string, MethodHandler>;

/** The conversation named by an argument, as the bot can see it; `channel_not_found` otherwise. */
export function visibleChannel(ctx: MethodContext, argName = 'channel'): FakeChannel {
  const ref = ctx.args.optionalString(argName);
  const channel = ref === undefined ? undefined : ctx.ws.resolveChannel(ref);
  if (!channel) throw new SlackApiError('channel_not_found');
  requireScopeFor(ctx, channel);
  return channel;
}

type ConversationKind = Pick<FakeChannel, 'is_private' | 'is_im' | 'is_mpim'>;

/**
 * Slack checks conversation scopes per conversation type: `channels:history` reads public
 * channels only, private ones need `groups:history`. An app missing one of them works in some
 * channels and fails in others, so the fake checks the same way.
 */
export function requireScopeFor(ctx: MethodContext, conversation: ConversationKind): void {
  const needed = scopesFor(ctx.method) ?? [];
  if (!needed.some((scope) => /^(channels|groups|im|mpim):/.test(scope))) return;
  const applicable = needed.filter((scope) => scopeAppliesTo(scope, conversation));
  if (!applicable.some((scope) => ctx.scopes.has(scope))) {
    throw new SlackApiError('missing_scope', { needed: applicable[0] ?? needed[0], provided: [...ctx.scopes].join(',') });
  }
}

/** Whether a conversation scope covers this kind of conversation (`channels:manage` is public only). */
export function scopeAppliesTo(scope: string, c: ConversationKind): boolean {
  switch (scope.split(':')[0]) {
    case 'channels':
      return !c.is_private;
    case 'groups':
      return c.is_private && !c.is_im && !c.is_mpim;
    case 'im':
      return c.is_im;
    case 'mpim':
      return c.is_mpim;
    default:
      return true;
  }
}

export function requireBotMember(ctx: MethodContext, channel: FakeChannel): void {
  if (!channel.members.includes(ctx.ws.bot.userId)) throw new SlackApiError('not_in_channel');
}

export function requireNotArchived(channel: FakeChannel): void {
  if (channel.is_archived) throw new SlackApiError('is_archived');
}

/** Posting needs membership, except in public channels when the app holds chat:write.public. */
export function requireCanPost(ctx: MethodContext, channel: FakeChannel): void {
  const publicPosting = !channel.is_private && ctx.scopes.has('chat:write.public');
  if (!publicPosting) requireBotMember(ctx, channel);
}

export function messageAt(ctx: MethodContext, channel: FakeChannel, tsArg: string): FakeMessage {
  const ts = ctx.args.optionalString(tsArg);
  const message = ts === undefined ? undefined : ctx.ws.findMessage(channel.id, ts);
  if (!message) throw new SlackApiError('message_not_found');
  return message;
}

/** Slack's opaque pagination cursors; these encode an offset. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new SlackApiError('invalid_cursor');
  return Number(match[1]);
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

export function paginate<T>(items: T[], ctx: MethodContext, defaultLimit: number, maxLimit: number): { page: T[]; nextCursor: string } {
  const offset = decodeCursor(ctx.args.optionalString('cursor'));
  const limit = Math.min(Math.max(ctx.args.integer('limit', defaultLimit) || defaultLimit, 1), maxLimit);
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? encodeCursor(offset + limit) : '';
  return { page, nextCursor: next };
}
