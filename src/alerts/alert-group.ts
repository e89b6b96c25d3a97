import type { Severity } from '../incidents/severity';
import type { AlertSource, ReceivedAlert } from './alert-notification';

/**
 * What became of a group of alerts:
 * - `new`: seen, not yet decided (only while its first notification is handled);
 * - `quiet`: only ever seen resolved: nothing to offer;
 * - `offered`: its offer is in the channel, waiting for a person;
 * - `held`: offers were paused by an alert storm; it is listed in the channel's storm message;
 * - `declined`: a person said it is not an incident (and why);
 * - `linked`: it belongs to an incident;
 * - `ignored`: a rule said to ignore it.
 */
export const ALERT_GROUP_STATES = ['new', 'quiet', 'offered', 'held', 'declined', 'linked', 'ignored'] as const;
export type AlertGroupState = (typeof ALERT_GROUP_STATES)[number];

export interface AlertGroup {
  id: string;
  source: AlertSource;
  groupKey: string;
  title: string;
  severity: Severity;
  state: AlertGroupState;
  rule: string | null;
  channelId: string | null;
  incidentId: string | null;
  offerTs: string | null;
  offeredAt: Date | null;
  heldAt: Date | null;
  declined: { by: string; reason: string; at: Date } | null;
  /** When the first notification arrived: the incident's detection time. */
  firstReceivedAt: Date;
  lastReceivedAt: Date;
  earliestStartsAt: Date | null;
}

/** A group with its alerts, as the offer and the incident card show it. */
export interface AlertGroupView {
  group: AlertGroup;
  alerts: ReceivedAlert[];
  /** The linked incident's channel and whether it is private (its name is then never shown elsewhere). */
  incident: { channelId: string | null; isPrivate: boolean; open: boolean } | null;
}

export const isFiring = (alerts: readonly ReceivedAlert[]): boolean => alerts.some((a) => a.status === 'firing');

/** The earliest start among the alerts, or null when there are none. */
export function earliestStart(alerts: readonly ReceivedAlert[]): Date | null {
  let earliest: Date | null = null;
  for (const alert of alerts) if (!earliest || alert.startsAt < earliest) earliest = alert.startsAt;
  return earliest;
}
