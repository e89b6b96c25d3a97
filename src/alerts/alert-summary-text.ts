import type { ReceivedAlert } from './alert-notification';

/** A plain-text description of a group's alerts for the declare form and a declared incident. */
export function alertSummaryText(alerts: readonly ReceivedAlert[]): string {
  const lines: string[] = [];
  for (const alert of alerts.slice(0, 5)) {
    const about = alert.description ?? alert.summary;
    lines.push(`${alert.status === 'firing' ? 'Firing' : 'Resolved'}: ${alert.name}${about ? ` — ${about}` : ''}`);
    const links = [alert.links.runbook && `Runbook: ${alert.links.runbook}`, alert.links.dashboard && `Dashboard: ${alert.links.dashboard}`, alert.links.source && `Source: ${alert.links.source}`];
    lines.push(...links.filter((l): l is string => Boolean(l)));
  }
  if (alerts.length > 5) lines.push(`…and ${alerts.length - 5} more alerts.`);
  const text = lines.join('\n');
  return text.length > 3000 ? `${text.slice(0, 2999)}…` : text;
}
