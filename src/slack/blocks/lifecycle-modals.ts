import type { ModalView, PlainTextOption } from '@slack/types';
import type { Incident } from '../../incidents/incident';
import { RESOLUTION_NOTE_MAX } from '../../incidents/incident';
import { SEVERITIES } from '../../incidents/severity';
import { type OpenStatus, STATUSES, STATUS_LABELS, STATUS_MEANINGS, type SettableStatus, isClosed } from '../../incidents/status';
import { CallbackId, Field } from '../ids';
import { severityOption } from './severity-option';

const MODAL_TITLE_MAX = 24;

/** Which incident a lifecycle modal acts on, carried in `private_metadata`. */
export interface IncidentModalMetadata {
  incidentId: string;
}

function modal(callbackId: string, title: string, submit: string, incident: Incident, blocks: ModalView['blocks']): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: { type: 'plain_text', text: title.slice(0, MODAL_TITLE_MAX) },
    submit: { type: 'plain_text', text: submit },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify({ incidentId: incident.id } satisfies IncidentModalMetadata),
    blocks: [{ type: 'context', elements: [{ type: 'plain_text', text: incident.title.slice(0, 2000) }] }, ...blocks],
  };
}

function statusOption(status: SettableStatus): PlainTextOption {
  return {
    text: { type: 'plain_text', text: STATUS_LABELS[status] },
    description: { type: 'plain_text', text: STATUS_MEANINGS[status] },
    value: status,
  };
}

export function severityModal(incident: Incident): ModalView {
  return modal(CallbackId.changeSeverity, 'Change severity', 'Change', incident, [
    {
      type: 'input',
      block_id: Field.severity,
      label: { type: 'plain_text', text: 'Severity' },
      element: {
        type: 'static_select',
        action_id: Field.severity,
        options: SEVERITIES.map(severityOption),
        initial_option: severityOption(incident.severity),
      },
    },
  ]);
}

/** Resolving has its own modal (it asks for a note), so only the open statuses are offered. */
export function statusModal(incident: Incident): ModalView {
  const open = STATUSES.filter((s) => s !== 'resolved');
  return modal(CallbackId.changeStatus, 'Update status', 'Update', incident, [
    {
      type: 'input',
      block_id: Field.status,
      label: { type: 'plain_text', text: 'Status' },
      hint: { type: 'plain_text', text: 'To resolve the incident, use Resolve on the incident card.' },
      element: {
        type: 'static_select',
        action_id: Field.status,
        options: open.map(statusOption),
        ...(!isClosed(incident.status) ? { initial_option: statusOption(incident.status as OpenStatus) } : {}),
      },
    },
  ]);
}

export function commanderModal(incident: Incident): ModalView {
  return modal(CallbackId.assignCommander, 'Assign commander', 'Assign', incident, [
    {
      type: 'input',
      block_id: Field.commander,
      label: { type: 'plain_text', text: 'Incident commander' },
      hint: { type: 'plain_text', text: 'They coordinate the response and are invited to the channel.' },
      element: { type: 'users_select', action_id: Field.commander, initial_user: incident.commanderId },
    },
  ]);
}

export function resolveModal(incident: Incident): ModalView {
  return modal(CallbackId.resolve, 'Resolve incident', 'Resolve', incident, [
    {
      type: 'input',
      block_id: Field.resolutionNote,
      label: { type: 'plain_text', text: 'Resolution' },
      hint: { type: 'plain_text', text: 'One line: what ended the customer impact.' },
      element: {
        type: 'plain_text_input',
        action_id: Field.resolutionNote,
        max_length: RESOLUTION_NOTE_MAX,
        placeholder: { type: 'plain_text', text: 'Rolled back the 14:02 deploy' },
      },
    },
  ]);
}
