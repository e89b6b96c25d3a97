/** The systems that send alerts, each on its own endpoint (`POST /alerts/<source>`). */
export const ALERT_SOURCES = ['alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'generic'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export type AlertState = 'firing' | 'resolved';

/** Where a person can look further. Every URL is http(s); anything else is dropped when parsed. */
export interface AlertLinks {
  /** The rule or query that produced the alert (Prometheus' graph, Grafana's rule). */
  generator?: string;
  dashboard?: string;
  runbook?: string;
  /** The alert in its own tool (PagerDuty's or Opsgenie's page, a generic `source_url`). */
  source?: string;
}

/**
 * One alert of a group, as every source is read into. Text is untrusted input: bounded when
 * parsed, escaped when shown.
 */
export interface ReceivedAlert {
  /** Stable for the same alert within its group (Alertmanager's fingerprint, PagerDuty's incident id). */
  fingerprint: string;
  status: AlertState;
  /** The alert's name (`alertname`, the rule's title, PagerDuty's title). */
  name: string;
  summary: string | null;
  description: string | null;
  /** The source's own word for how bad it is (`critical`, `warning`, `P1`, `high`); mapped to a SEV by the rules. */
  severity: string | null;
  labels: Record<string, string>;
  /** When the source says it started firing. */
  startsAt: Date;
  /** When it stopped; null while firing. */
  endsAt: Date | null;
  links: AlertLinks;
}

/** One notification about one group of alerts, whichever system sent it. */
export interface AlertNotification {
  source: AlertSource;
  /** The source's own key for the group (Alertmanager's `groupKey`, PagerDuty's incident id, Opsgenie's alias). */
  groupKey: string;
  /** Firing while any alert in it fires. */
  status: AlertState;
  /** A one-line title for the group, at most 150 characters. */
  title: string;
  alerts: ReceivedAlert[];
}

/** What a payload said: a notification, or an event that is not about firing or resolving (a PagerDuty note). */
export type ParsedAlertPayload = { kind: 'notification'; notification: AlertNotification } | { kind: 'ignored'; reason: string };

/** Bounds on untrusted text, applied by every parser. */
export const ALERT_LIMITS = {
  groupKey: 1000,
  title: 150,
  name: 200,
  summary: 1000,
  description: 3000,
  severity: 50,
  labels: 50,
  labelName: 100,
  labelValue: 500,
  url: 2000,
  alertsPerNotification: 1000,
} as const;
