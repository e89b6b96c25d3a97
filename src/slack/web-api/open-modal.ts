import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { FailureReply } from '../errors/failure-reply';
import { loadingFailedView, loadingView } from '../blocks/loading-view';
import type { PacerTime } from './channel-pacer';
import { requiredField } from './required-field';
import { slackCall } from './slack-call';

/**
 * How long a modal's content may take before a placeholder goes up instead: its trigger lasts
 * three seconds, and the content may wait on Slack's budgets (reading a busy channel, say).
 */
export const CONTENT_WAIT_MS = 1_000;

/** Opens a modal for the person whose click or command carried `triggerId` (valid for 3 s). */
export async function openModal(client: WebClient, triggerId: string, view: ModalView): Promise<void> {
  await slackCall(() => client.views.open({ trigger_id: triggerId, view }));
}

/**
 * Opens a modal whose content takes some gathering: with the content itself when it is ready
 * within {@link CONTENT_WAIT_MS}, else at once with a placeholder titled `title` that the content
 * replaces when ready. A failure then shows in that modal (through `reply`, the one error path).
 */
export async function openModalInTime(
  client: WebClient,
  triggerId: string,
  options: { title: string; time: PacerTime; reply: FailureReply },
  build: () => Promise<ModalView>,
): Promise<void> {
  const content = build();
  // Handled below either way; without this a failure after the placeholder would also be "unhandled".
  content.catch(() => undefined);
  const ready = await Promise.race([content, options.time.sleep(CONTENT_WAIT_MS).then(() => null)]);
  if (ready) return openModal(client, triggerId, ready);
  const opened = await slackCall(() => client.views.open({ trigger_id: triggerId, view: loadingView(options.title) }));
  const viewId = requiredField(opened.view?.id, 'views.open', 'view id');
  options.reply.inModal(viewId, (problem) => loadingFailedView(options.title, problem));
  const view = await content;
  await slackCall(() => client.views.update({ view_id: viewId, view }));
}
