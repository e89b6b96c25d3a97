import type { AlertNotification, ReceivedAlert } from '../alert-notification';
import type { AlertDecision, AlertRule, AlertRules } from './alert-rules';
import { mapSeverity, mostSevere } from './map-severity';
import { matcherMatches } from './parse-matcher';

type JudgedAlert = Pick<ReceivedAlert, 'name' | 'severity' | 'labels'>;

/**
 * What to do with a group that is not linked to an open incident. A rule matches when any one
 * alert of the group meets all its conditions (one paging alert is enough); the first matching
 * rule in file order decides, and a group no rule matches is offered. The severity is the most
 * severe of the group's alerts, each mapped through the file's severity words.
 *
 * Only the alerts still firing are judged: a notification about a firing group also lists the
 * alerts of it that have resolved, and those should neither page anyone nor raise the severity.
 * A notification with none firing is judged on all its alerts.
 */
export function decideAlert(rules: AlertRules, notification: AlertNotification): AlertDecision {
  const alerts = judgedAlerts(notification);
  const severity = mostSevere(alerts.map((alert) => mapSeverity(rules.severityMap, alert.severity)));
  const rule = rules.rules.find((candidate) => ruleMatches(candidate, notification, alerts));
  if (!rule) return { action: 'offer', rule: null, responders: [], attachBy: [], severity };
  return {
    action: rule.action,
    rule: rule.name,
    ...(rule.channel ? { channel: rule.channel } : {}),
    responders: [...rule.responders],
    attachBy: [...rule.attachBy],
    severity,
  };
}

function judgedAlerts(notification: AlertNotification): JudgedAlert[] {
  const firing = notification.alerts.filter((alert) => alert.status === 'firing');
  if (firing.length > 0) return firing;
  if (notification.alerts.length > 0) return notification.alerts;
  // A group without alerts is judged as one alert without labels, so that only rules that
  // ask for nothing about its alerts (or ask for a label to be absent) match it.
  return [{ name: '', severity: null, labels: {} }];
}

function ruleMatches(rule: AlertRule, notification: AlertNotification, alerts: JudgedAlert[]): boolean {
  const { sources, severities, matchers } = rule.match;
  if (sources && !sources.includes(notification.source)) return false;
  const words = severities?.map((word) => word.trim().toLowerCase());
  return alerts.some((alert) => {
    if (words && !words.includes(alert.severity?.trim().toLowerCase() ?? '')) return false;
    const labels = labelsOf(alert);
    return matchers.every((matcher) => matcherMatches(matcher, labels));
  });
}

/**
 * The labels matchers see. Sources other than Alertmanager may carry the alert's name outside its
 * labels, so `alertname` is the alert's name unless the source sent a label of that name.
 */
function labelsOf(alert: JudgedAlert): Record<string, string> {
  return Object.hasOwn(alert.labels, 'alertname') ? alert.labels : { ...alert.labels, alertname: alert.name };
}
