import type { AlertNotification, AlertSource, ReceivedAlert } from '../../../src/alerts/alert-notification';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../../../src/alerts/rules/alert-rules';
import { decideAlert } from '../../../src/alerts/rules/decide-alert';
import { parseAlertRules } from '../../../src/alerts/rules/load-alert-rules';

function rulesFrom(yaml: string): AlertRules {
  const result = parseAlertRules(yaml);
  if ('problems' in result) throw new Error(result.problems.join('\n'));
  return result.rules;
}

let fingerprints = 0;
function alert(labels: Record<string, string>, more: Partial<ReceivedAlert> = {}): ReceivedAlert {
  return {
    fingerprint: `fp-${++fingerprints}`,
    status: 'firing',
    name: labels.alertname ?? 'SomethingBroke',
    summary: null,
    description: null,
    severity: labels.severity ?? null,
    labels,
    startsAt: new Date('2025-01-01T00:00:00Z'),
    endsAt: null,
    links: {},
    ...more,
  };
}

function group(alerts: ReceivedAlert[], source: AlertSource = 'alertmanager'): AlertNotification {
  return { source, groupKey: 'group-1', status: 'firing', title: 'Something broke', alerts };
}

const RULES = rulesFrom(`
severity:
  page: SEV1
rules:
  - name: watchdog
    match:
      matchers: ['alertname="Watchdog"']
    action: ignore
  - name: payments pages
    match:
      source: alertmanager
      severity: [critical, page]
      matchers: ['team="payments"', 'env=~"prod|production"']
    action: declare
    responders: [U0123ABCD, U0456EFGH]
    channel: C0PAYMENTS
  - match:
      matchers: ['service!=""']
    action: attach
    attach_by: [service]
`);

describe('decideAlert', () => {
  it('offers a group no rule matches, at the severity of its alerts', () => {
    expect(decideAlert(RULES, group([alert({ alertname: 'DiskFull', severity: 'warning' })]))).toEqual({
      action: 'offer',
      rule: null,
      responders: [],
      attachBy: [],
      severity: 'SEV3',
    });
  });

  it('offers everything with the default rules', () => {
    const decision = decideAlert(DEFAULT_ALERT_RULES, group([alert({ alertname: 'Watchdog', severity: 'critical' })]));
    expect(decision).toEqual({ action: 'offer', rule: null, responders: [], attachBy: [], severity: 'SEV1' });
  });

  it('declares the payments page with its responders and channel', () => {
    const decision = decideAlert(
      RULES,
      group([alert({ alertname: 'CheckoutErrors', team: 'payments', env: 'production', severity: 'page' })]),
    );
    expect(decision).toEqual({
      action: 'declare',
      rule: 'payments pages',
      channel: 'C0PAYMENTS',
      responders: ['U0123ABCD', 'U0456EFGH'],
      attachBy: [],
      severity: 'SEV1',
    });
  });

  it('lets the first matching rule in file order decide', () => {
    // Matches "watchdog" and, by its service label, the attach rule below it.
    const decision = decideAlert(RULES, group([alert({ alertname: 'Watchdog', service: 'api' })]));
    expect(decision.action).toBe('ignore');
    expect(decision.rule).toBe('watchdog');

    const reversed: AlertRules = { ...RULES, rules: [...RULES.rules].reverse() };
    expect(decideAlert(reversed, group([alert({ alertname: 'Watchdog', service: 'api' })])).rule).toBe('rules[2]');
  });

  it('matches a rule when any one alert meets all its conditions, not when they are met across alerts', () => {
    const oneAlertMeetsAll = group([
      alert({ alertname: 'Latency', team: 'search', env: 'production', severity: 'critical' }),
      alert({ alertname: 'CheckoutErrors', team: 'payments', env: 'prod', severity: 'critical' }),
    ]);
    expect(decideAlert(RULES, oneAlertMeetsAll).rule).toBe('payments pages');

    const spreadAcrossAlerts = group([
      alert({ alertname: 'Latency', team: 'payments', env: 'staging', severity: 'critical' }),
      alert({ alertname: 'CheckoutErrors', team: 'search', env: 'prod', severity: 'critical' }),
    ]);
    expect(decideAlert(RULES, spreadAcrossAlerts).action).toBe('offer');
  });

  it('checks the source and the severity words, the latter in any case', () => {
    const payments = { alertname: 'CheckoutErrors', team: 'payments', env: 'prod' };
    expect(decideAlert(RULES, group([alert({ ...payments, severity: 'CRITICAL' })])).rule).toBe('payments pages');
    expect(decideAlert(RULES, group([alert({ ...payments, severity: 'warning' })])).action).toBe('offer');
    expect(decideAlert(RULES, group([alert(payments)])).action).toBe('offer');
    expect(decideAlert(RULES, group([alert({ ...payments, severity: 'critical' })], 'grafana')).action).toBe('offer');
  });

  it('reads the severity from the alert, not only from a label', () => {
    const fromPagerDuty = alert({ team: 'payments', env: 'prod' }, { severity: 'Critical' });
    const rules = rulesFrom(`rules:\n  - match:\n      severity: critical\n    action: declare\n`);
    expect(decideAlert(rules, group([fromPagerDuty], 'pagerduty'))).toMatchObject({ action: 'declare', severity: 'SEV1' });
  });

  it("takes the alert's name as alertname when the source sends no such label", () => {
    const fromGrafana = alert({ team: 'infra' }, { name: 'Watchdog' });
    expect(decideAlert(RULES, group([fromGrafana], 'grafana')).rule).toBe('watchdog');
    const labelWins = alert({ alertname: 'Other' }, { name: 'Watchdog' });
    expect(decideAlert(RULES, group([labelWins])).action).toBe('offer');
  });

  it('attaches by the labels the rule names', () => {
    expect(decideAlert(RULES, group([alert({ alertname: 'Latency', service: 'api', severity: 'error' })]))).toEqual({
      action: 'attach',
      rule: 'rules[2]',
      responders: [],
      attachBy: ['service'],
      severity: 'SEV2',
    });
  });

  it('gives the group the most severe SEV among its firing alerts, through the file\'s words', () => {
    const alerts = [
      alert({ severity: 'warning' }),
      alert({ severity: 'PAGE' }),
      alert({ severity: 'error' }),
      alert({}),
    ];
    expect(decideAlert(RULES, group(alerts)).severity).toBe('SEV1');
    expect(decideAlert(DEFAULT_ALERT_RULES, group(alerts)).severity).toBe('SEV2');
    expect(decideAlert(RULES, group([alert({ severity: 'info' }), alert({})])).severity).toBe('SEV4');
  });

  it('judges only the alerts still firing, unless none is', () => {
    const resolvedPage = alert({ alertname: 'CheckoutErrors', team: 'payments', env: 'prod', severity: 'critical' }, { status: 'resolved' });
    const firingWarning = alert({ alertname: 'DiskFull', severity: 'warning' });
    expect(decideAlert(RULES, group([resolvedPage, firingWarning]))).toMatchObject({ action: 'offer', severity: 'SEV3' });
    expect(decideAlert(RULES, group([resolvedPage]))).toMatchObject({ rule: 'payments pages', severity: 'SEV1' });
  });

  it('judges a group without alerts as one alert without labels', () => {
    expect(decideAlert(RULES, group([]))).toMatchObject({ action: 'offer', severity: 'SEV4' });
    const catchAll = rulesFrom('rules:\n  - action: ignore\n');
    expect(decideAlert(catchAll, group([]))).toMatchObject({ action: 'ignore', rule: 'rules[0]' });
  });

  it('returns lists the caller may change without changing the rules', () => {
    const decision = decideAlert(RULES, group([alert({ alertname: 'X', team: 'payments', env: 'prod', severity: 'page' })]));
    decision.responders.push('U999');
    expect(RULES.rules[1]?.responders).toEqual(['U0123ABCD', 'U0456EFGH']);
  });
});
