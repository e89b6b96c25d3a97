import { humanDuration } from '../duration';
import { impactEndedAt } from '../postmortems/incident-metrics';
import { PHASE_MOMENT_LABELS, type PhaseMoment, incidentPhases } from './incident-phases';
import type { PostmortemDocument } from './postmortem-document';

/** `2026-11-22 14:05:00`: the form `dateFormat` below reads, in UTC. */
const mermaidTime = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

/**
 * A task's or section's name as Mermaid's gantt grammar takes it: `:` ends a name, `#` and `;`
 * start an entity or end a statement, `%%` starts a comment, and a line break ends the line.
 */
export function ganttName(text: string): string {
  return text
    .replace(/%%/g, '%')
    .replace(/[:#;\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The incident's phases as a Mermaid gantt chart in a fenced block, which GitHub and GitLab draw
 * in the Markdown file: the customer impact, the phases between the milestones with their
 * durations, and the milestones themselves. All times UTC; nothing anyone wrote appears in it.
 */
export function mermaidGantt(doc: Pick<PostmortemDocument, 'incident' | 'metrics'>): string {
  const { incident, metrics } = doc;
  const { milestones, phases } = incidentPhases(incident);
  const task = (name: string, meta: string[]) => `    ${ganttName(name)} :${meta.join(', ')}`;
  const lines = ['```mermaid', 'gantt', '    title Incident phases (UTC)', '    dateFormat YYYY-MM-DD HH:mm:ss', '    axisFormat %H:%M', '    todayMarker off'];

  const impactEnd = impactEndedAt(incident);
  if (impactEnd && metrics.impactMs !== null && metrics.impactMs > 0) {
    lines.push('    section Impact', task(`Customer impact (${humanDuration(metrics.impactMs)})`, ['crit', 'impact', mermaidTime(incident.impactStartedAt), mermaidTime(impactEnd)]));
  }
  if (phases.length) {
    lines.push('    section Phases');
    phases.forEach((phase, i) => lines.push(task(`${phase.name} (${phase.duration})`, [`phase${i + 1}`, mermaidTime(phase.from), mermaidTime(phase.to)])));
  }
  lines.push('    section Milestones');
  // As the Times table says it: with no detection recorded, it counts from the declaration.
  const label = (moment: PhaseMoment) => (moment === 'detected' && !incident.detectedAt ? 'Detected (when declared)' : PHASE_MOMENT_LABELS[moment]);
  milestones.forEach((m, i) => lines.push(task(label(m.moment), ['milestone', `m${i + 1}`, mermaidTime(m.at), '0m'])));
  lines.push('```');
  return lines.join('\n');
}
