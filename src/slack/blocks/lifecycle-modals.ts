import type { ModalView, PlainTextOption } from '@slack/types';
import type { Incident } from '../../incidents/incident';
import { RESOLUTION_NOTE_MAX } from '../../incidents/incident';
import { SEVERITIES } from '../../incidents/severity';
import { type OpenStatus, STATUSES, STATUS_LABELS, STATUS_MEANINGS, type SettableStatus, isClosed } from '../../incidents/status';
import { CallbackId, Field } from '../ids';
import { inputBlock, modal, option, staticSelect, textInput, usersSelect } from './block-kit';
import { severityOption } from './severity-option';

/** Which incident a lifecycle modal acts on, carried in `private_metadata`. */
export interface IncidentModalMetadata {
  incidentId: string;
}

/** A one-question modal about an incident, under the incident's title. */
function incidentModal(callbackId: string, title: string, submit: string, incident: Incident, blocks: ModalView['blocks']): ModalView {
  return modal({
    callbackId,
    title,
    submit,
    close: 'Cancel',
    privateMetadata: JSON.stringify({ incidentId: incident.id } satisfies IncidentModalMetadata),
    blocks: [{ type: 'context', elements: [{ type: 'plain_text', text: incident.title.slice(0, 2000) }] }, ...blocks],
  });
}

const statusOption = (status: SettableStatus): PlainTextOption => option(STATUS_LABELS[status], status, STATUS_MEANINGS[status]);

export function severityModal(incident: Incident): ModalView {
  return incidentModal(CallbackId.changeSeverity, 'Change severity', 'Change', incident, [
    inputBlock('Severity', staticSelect(Field.severity, SEVERITIES.map(severityOption), { initial: severityOption(incident.severity) })),
  ]);
}

/** Resolving has its own modal (it asks for a note), so only the open statuses are offered. */
export function statusModal(incident: Incident): ModalView {
  const open = STATUSES.filter((s) => s !== 'resolved');
  const current = isClosed(incident.status) ? null : statusOption(incident.status as OpenStatus);
  return incidentModal(CallbackId.changeStatus, 'Update status', 'Update', incident, [
    inputBlock('Status', staticSelect(Field.status, open.map(statusOption), { initial: current }), {
      hint: 'To resolve the incident, use Resolve on the incident card.',
    }),
  ]);
}

export function commanderModal(incident: Incident): ModalView {
  return incidentModal(CallbackId.assignCommander, 'Assign commander', 'Assign', incident, [
    inputBlock('Incident commander', usersSelect(Field.commander, incident.commanderId), {
      hint: 'They coordinate the response and are invited to the channel.',
    }),
  ]);
}

export function resolveModal(incident: Incident): ModalView {
  return incidentModal(CallbackId.resolve, 'Resolve incident', 'Resolve', incident, [
    inputBlock(
      'Resolution',
      textInput(Field.resolutionNote, { maxLength: RESOLUTION_NOTE_MAX, placeholder: 'Rolled back the 14:02 deploy' }),
      { hint: 'One line: what ended the customer impact.' },
    ),
  ]);
}
