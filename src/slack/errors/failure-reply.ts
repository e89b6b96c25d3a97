import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import { slackCall } from '../web-api/slack-call';
import { tellPrivately } from '../web-api/tell-privately';
import { isAppError } from '../../errors';
import { fieldErrors } from '../listeners/views/field-errors';
import { explainError, logFailure } from './explain-error';

/** Turns a problem (plain words) into the modal to show instead of the one that failed. */
export type FailureView = (problem: string) => ModalView | undefined | Promise<ModalView | undefined>;

/**
 * Where a failed request is explained to the person who made it. Each surface starts it with its
 * natural place (a slash command's or a button's response URL, else a DM); a listener moves it as
 * it learns more: the incident's channel, the modal it has turned into a progress view, or the
 * submitted form itself while it still waits for its acknowledgement (`onForm`). (Fields a
 * listener can check itself are checked before the acknowledgement, with `fieldErrors`.)
 */
export class FailureReply {
  channelId: string | null = null;
  private modal: { viewId: string; render: FailureView } | null = null;
  private form: FormFields | null = null;

  /** Tell the person privately in this channel (when they are in it) rather than in a DM. */
  inChannel(channelId: string | null | undefined): this {
    this.channelId = channelId ?? null;
    return this;
  }

  /** Show the problem in this modal, rendered by `render` (e.g. the form again, with what was typed). */
  inModal(viewId: string, render: FailureView): this {
    this.modal = { viewId, render };
    return this;
  }

  get modalView(): { viewId: string; render: FailureView } | null {
    return this.modal;
  }

  /**
   * While the submitted form still waits for its acknowledgement, show a failure on the form
   * itself, so nothing typed is lost: a problem with a field under that field (`blocks` maps the
   * domain's field names to block ids), any other problem under `otherwise`.
   */
  onForm(blocks: Readonly<Record<string, string>>, otherwise: string): this {
    this.form = { blocks, otherwise };
    return this;
  }

  get formFields(): FormFields | null {
    return this.form;
  }
}

/** Where a form's problems are shown: by field, and a block for the rest. */
export interface FormFields {
  blocks: Readonly<Record<string, string>>;
  otherwise: string;
}

/**
 * A failure as Slack's `errors` answer to a form's submission, by block id: the failure's own
 * field problems where the form has those fields, else the explanation under `otherwise`. Null
 * when the listener named no form.
 */
export function formErrors(reply: FailureReply, error: unknown): Record<string, string> | null {
  const form = reply.formFields;
  if (!form) return null;
  return (isAppError(error) && error.fields && fieldErrors(error.fields, form.blocks)) || { [form.otherwise]: explainError(error) };
}

export interface FailureContext {
  client: WebClient;
  logger: Logger;
  userId: string;
  reply: FailureReply;
  /** A response URL's reply, for surfaces that have one (commands, message buttons). */
  respond?: (text: string) => Promise<unknown>;
  /** What was asked, for the log: `{ command }`, `{ action }`, `{ view }`… */
  request: Record<string, unknown>;
}

/**
 * The one place a failed request becomes words for a person: logged once, explained once, shown
 * where the listener said (a modal, the incident channel, the response URL, a DM). Never throws.
 */
export async function showFailure(ctx: FailureContext, error: unknown): Promise<void> {
  logFailure(ctx.logger, error, { ...ctx.request, user: ctx.userId });
  const problem = explainError(error);
  const modal = ctx.reply.modalView;
  if (modal) {
    const view = await Promise.resolve(modal.render(problem)).catch(() => undefined);
    if (view) {
      const shown = await slackCall(() => ctx.client.views.update({ view_id: modal.viewId, view })).then(
        () => true,
        (err: unknown) => {
          ctx.logger.warn({ err, viewId: modal.viewId }, 'could not show the problem in the modal');
          return false;
        },
      );
      if (shown) return;
    }
  }
  const text = `:warning: ${problem}`;
  if (ctx.respond && !ctx.reply.channelId) {
    const sent = await ctx.respond(text).then(
      () => true,
      () => false,
    );
    if (sent) return;
  }
  await tellPrivately(ctx.client, ctx.logger, { user: ctx.userId, channel: ctx.reply.channelId }, text);
}
