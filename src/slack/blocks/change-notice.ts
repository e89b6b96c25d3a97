import type { Severity } from '../../incidents/severity';
import { STATUS_LABELS, type Status } from '../../incidents/status';
import type { SystemEntry } from '../../timeline/timeline-entry';
import { escapeMrkdwn } from './mrkdwn';
import { SEVERITY_EMOJI } from './severity-emoji';

const statusLabel = (value: string | null) => STATUS_LABELS[value as Status] ?? value ?? '';

/** One line in the incident channel naming who changed what, from the system timeline entry. */
export function changeNotice(entry: SystemEntry): string {
  const who = entry.actorId ? `<@${entry.actorId}>` : 'Someone';
  switch (entry.change) {
    case 'severity':
      return `${SEVERITY_EMOJI[entry.newValue as Severity] ?? ''} ${who} changed the severity from *${entry.oldValue}* to *${entry.newValue}*.`.trim();
    case 'status':
      return `${who} changed the status from *${statusLabel(entry.oldValue)}* to *${statusLabel(entry.newValue)}*.`;
    case 'commander':
      return `${who} made <@${entry.newValue}> the incident commander (was <@${entry.oldValue}>).`;
    case 'resolved':
      return `:white_check_mark: ${who} resolved the incident${entry.text ? `: ${escapeMrkdwn(entry.text)}` : '.'}`;
    case 'reopened':
      return `:rotating_light: ${who} reopened the incident. Status is back to *Investigating*.`;
    case 'declared':
      return `${who} declared the incident as *${entry.newValue}*.`;
  }
}
