import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import { slackCall } from './slack-call';

/**
 * Replaces an open modal's content (a progress view, then the result). Never throws: the work
 * behind it is done and stored either way, and a modal the person already closed is not a failure.
 */
export async function showView(client: WebClient, logger: Logger, viewId: string, view: ModalView): Promise<void> {
  await slackCall(() => client.views.update({ view_id: viewId, view })).catch((err: unknown) =>
    logger.warn({ err, viewId }, 'could not update the modal'),
  );
}
