import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { slackCall } from './slack-call';

/** Puts a modal on top of the one the person clicked in (Slack allows a stack of three). */
export async function pushModal(client: WebClient, triggerId: string, view: ModalView): Promise<void> {
  await slackCall(() => client.views.push({ trigger_id: triggerId, view }));
}
