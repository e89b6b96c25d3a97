import type { ModalView } from '@slack/types';
import type { Incident } from '../../incidents/incident';
import { BlockId, CallbackId, IncidentAction } from '../ids';
import { escapeMrkdwn } from '../../mrkdwn/escape';
import { button, modal, mrkdwnSection } from './block-kit';

function resultView(text: string, extra: ModalView['blocks'] = []): ModalView {
  return modal({ callbackId: CallbackId.declareResult, title: 'Declare an incident', close: 'Close', blocks: [mrkdwnSection(text), ...extra] });
}

/** Shown the moment the form is accepted, while the channel is being set up. */
export function declaringView(title: string): ModalView {
  return resultView(`:hourglass_flowing_sand: Declaring *${escapeMrkdwn(title)}*: creating the channel and inviting responders…`);
}

export function declaredView(incident: Incident): ModalView {
  return resultView(
    `:white_check_mark: *${escapeMrkdwn(incident.title)}* is declared as *${incident.severity}*.\nThe incident channel is <#${incident.channelId}>; you are the incident commander.`,
  );
}

/** The channel exists but a later step was refused: offer to finish rather than start over. */
export function setupStoppedView(incident: Incident, problem: string): ModalView {
  return resultView(
    `:warning: <#${incident.channelId}> was created, but setting it up stopped: ${escapeMrkdwn(problem)}`,
    [
      {
        type: 'actions',
        block_id: BlockId.declareResultActions,
        elements: [button('Finish setting up', IncidentAction.finishSetup, { value: incident.id, style: 'primary' })],
      },
    ],
  );
}
