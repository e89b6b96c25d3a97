import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { slackCall } from './slack-call';

/** Opens a modal for the person whose click or command carried `triggerId` (valid for 3 s). */
export async function openModal(client: WebClient, triggerId: string, view: ModalView): Promise<void> {
  await slackCall(() => client.views.open({ trigger_id: triggerId, view }));
}
