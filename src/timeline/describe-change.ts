import { STATUS_LABELS, isStatus } from '../incidents/status';
import type { SystemEntry } from './timeline-entry';

export interface ChangeWording {
  /** How to name a person (a mention in Slack, a name or a role in a document). */
  name(userId: string | null): string;
  /** How to show text someone wrote (escaped for the medium). */
  text(value: string): string;
  /** How to emphasise a value such as a severity. */
  value?(value: string): string;
}

/** A stored status in words; a value this version does not know is shown as it is. */
const statusLabel = (value: string | null) => (value === null ? '' : isStatus(value) ? STATUS_LABELS[value] : value);

/** One sentence for a lifecycle change: "Alice changed the severity from SEV2 to SEV1." */
export function describeChange(entry: SystemEntry, wording: ChangeWording): string {
  const who = wording.name(entry.actorId);
  const v = wording.value ?? ((value: string) => value);
  switch (entry.change) {
    case 'declared':
      return `${who} declared the incident as ${v(entry.newValue ?? '')}.`;
    case 'severity':
      return `${who} changed the severity from ${v(entry.oldValue ?? '')} to ${v(entry.newValue ?? '')}.`;
    case 'status':
      return `${who} changed the status from ${v(statusLabel(entry.oldValue))} to ${v(statusLabel(entry.newValue))}.`;
    case 'commander':
      return `${who} made ${wording.name(entry.newValue)} the incident commander${entry.oldValue ? ` (was ${wording.name(entry.oldValue)})` : ''}.`;
    case 'resolved':
      return `${who} resolved the incident${entry.text ? `: ${wording.text(entry.text)}` : '.'}`;
    case 'reopened':
      return `${who} reopened the incident. Status is back to ${v('Investigating')}.`;
    case 'postmortem_published':
      return `${who} published the post-mortem.`;
    case 'alert_fired':
      return `Alert ${v(wording.text(entry.newValue ?? ''))} fired${alertSource(entry)}${entry.text ? `: ${wording.text(entry.text)}` : '.'}`;
    case 'alert_resolved':
      return `Alert ${v(wording.text(entry.newValue ?? ''))} resolved${alertSource(entry)}.`;
  }
}

/** " (alertmanager)": where an alert came from. */
const alertSource = (entry: SystemEntry) => (entry.oldValue ? ` (${entry.oldValue})` : '');
