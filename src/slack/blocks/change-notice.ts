import type { Severity } from '../../incidents/severity';
import { describeChange } from '../../timeline/describe-change';
import type { SystemEntry } from '../../timeline/timeline-entry';
import { escapeMrkdwn } from '../../mrkdwn/escape';
import { SEVERITY_EMOJI } from './severity-emoji';

const EMOJI: Partial<Record<SystemEntry['change'], string>> = {
  resolved: ':white_check_mark:',
  reopened: ':rotating_light:',
  postmortem_published: ':memo:',
};

/** One line in the incident channel naming who changed what, from the system timeline entry. */
export function changeNotice(entry: SystemEntry): string {
  const sentence = describeChange(entry, {
    name: (id) => (id ? `<@${id}>` : 'Someone'),
    text: escapeMrkdwn,
    value: (value) => `*${escapeMrkdwn(value)}*`,
  });
  const emoji = entry.change === 'severity' ? SEVERITY_EMOJI[entry.newValue as Severity] : EMOJI[entry.change];
  return emoji ? `${emoji} ${sentence}` : sentence;
}
