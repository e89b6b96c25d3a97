import { withGeneratedIds } from './block-ids';
import { randomHex } from './ids';
import { readMessageContent } from './message-content';
import { SlackApiError } from './slack-api-error';
import type { FakeEphemeral, ResponseUrlPost, SlackObject } from './types';
import type { Workspace } from './workspace';

/** Slack's response_url accepts 5 posts within 30 minutes. */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;
export const RESPONSE_URL_MAX_USES = 5;

export interface ResponseUrlTarget {
  userId: string;
  channelId: string;
  /** The message the interaction came from; `replace_original`/`delete_original` act on it. */
  messageTs?: string;
  /** Set instead when the interaction came from an ephemeral message. */
  ephemeralTs?: string;
}

interface IssuedUrl {
  target: ResponseUrlTarget;
  issuedAt: number;
  uses: number;
}

export interface ResponseUrlAnswer {
  status: number;
  body: SlackObject;
}

/** response_url endpoints served by the fake, with Slack's lifetime, use count and effects. */
export class ResponseUrls {
  readonly posts: ResponseUrlPost[] = [];
  private readonly urls = new Map<string, IssuedUrl>();

  constructor(private readonly ws: Workspace) {}

  create(target: ResponseUrlTarget): string {
    const id = `${this.ws.teamId}-${randomHex(12)}`;
    this.urls.set(id, { target, issuedAt: this.ws.now(), uses: 0 });
    return id;
  }

  target(id: string): ResponseUrlTarget | undefined {
    return this.urls.get(id)?.target;
  }

  handle(id: string, body: unknown): ResponseUrlAnswer {
    const answer = this.answer(id, body);
    this.posts.push({
      responseUrlId: id,
      body: (typeof body === 'object' && body !== null ? body : { raw: body }) as SlackObject,
      at: this.ws.now(),
      accepted: answer.status === 200,
      ...(answer.status === 200 ? {} : { error: String(answer.body.error) }),
    });
    return answer;
  }

  private answer(id: string, body: unknown): ResponseUrlAnswer {
    const issued = this.urls.get(id);
    if (!issued) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (this.ws.now() - issued.issuedAt > RESPONSE_URL_LIFETIME_MS) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (issued.uses >= RESPONSE_URL_MAX_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    }
    issued.uses += 1;
    return this.deliver(issued.target, body as SlackObject, 'response_url');
  }

  /** Shows a message the way a response_url post (or a command's immediate answer) would. */
  deliver(target: ResponseUrlTarget, body: SlackObject, source: FakeEphemeral['source']): ResponseUrlAnswer {
    try {
      this.apply(target, body, source);
    } catch (error) {
      if (error instanceof SlackApiError) return { status: 400, body: { ok: false, error: error.error, ...error.extra } };
      throw error;
    }
    return { status: 200, body: { ok: true } };
  }

  private apply(target: ResponseUrlTarget, body: SlackObject, source: FakeEphemeral['source']): void {
    const truthy = (value: unknown): boolean => value === true || value === 'true';
    if (truthy(body.delete_original)) {
      this.deleteOriginal(target);
      return;
    }
    const content = readMessageContent(body, { requireContent: true });
    const blocks = content.blocks ? withGeneratedIds(content.blocks) : undefined;
    const text = content.text ?? '';
    if (truthy(body.replace_original) && (target.messageTs || target.ephemeralTs)) {
      this.replaceOriginal(target, text, blocks, content.attachments);
      return;
    }
    const channel = this.ws.channel(target.channelId);
    if (!channel) throw new SlackApiError('channel_not_found');
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    if (body.response_type === 'in_channel') {
      this.ws.appendMessage(channel.id, {
        ...this.ws.botFields(),
        text,
        ...(blocks ? { blocks } : {}),
        ...(content.attachments ? { attachments: content.attachments } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return;
    }
    const ephemeral: FakeEphemeral = {
      channel: channel.id,
      user: target.userId,
      text,
      ts: this.ws.nextTs(),
      source,
      ...(blocks ? { blocks } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    this.ws.ephemerals.push(ephemeral);
  }

  private deleteOriginal(target: ResponseUrlTarget): void {
    if (target.ephemeralTs) {
      const index = this.ws.ephemerals.findIndex((e) => e.ts === target.ephemeralTs && e.user === target.userId);
      if (index >= 0) this.ws.ephemerals.splice(index, 1);
      return;
    }
    const message = target.messageTs ? this.ws.findMessage(target.channelId, target.messageTs) : undefined;
    if (!message) throw new SlackApiError('message_not_found');
    this.ws.deleteMessage(message);
  }

  private replaceOriginal(target: ResponseUrlTarget, text: string, blocks: SlackObject[] | undefined, attachments: SlackObject[] | undefined): void {
    if (target.ephemeralTs) {
      const ephemeral = this.ws.ephemerals.find((e) => e.ts === target.ephemeralTs && e.user === target.userId);
      if (!ephemeral) throw new SlackApiError('message_not_found');
      ephemeral.text = text;
      if (blocks) ephemeral.blocks = blocks;
      else delete ephemeral.blocks;
      if (attachments) ephemeral.attachments = attachments;
      else delete ephemeral.attachments;
      return;
    }
    const message = this.ws.findMessage(target.channelId, target.messageTs ?? '');
    if (!message) throw new SlackApiError('message_not_found');
    // A response_url replacement swaps the whole message: blocks left out are gone, not kept.
    this.ws.editMessage(message, { text, blocks: blocks ?? [], attachments: attachments ?? [] });
  }
}
