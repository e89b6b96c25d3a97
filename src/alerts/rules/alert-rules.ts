import type { Severity } from '../../incidents/severity';
import type { AlertSource } from '../alert-notification';
import { DEFAULT_SEVERITY_MAP } from './map-severity';

/** What happens to a firing group that is not linked to an open incident. */
export const ALERT_ACTIONS = ['offer', 'declare', 'attach', 'ignore'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** An Alertmanager-style label matcher: `service="api"`, `env!="dev"`, `severity=~"critical|page"`, `team!~"test.*"`. */
export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface AlertRule {
  /** For logs and errors: `rules[2]` or the rule's own `name`. */
  name: string;
  /** Every condition given must hold; an empty match matches everything. */
  match: {
    sources?: AlertSource[];
    /** The source's own severity words, compared without case. */
    severities?: string[];
    matchers: LabelMatcher[];
  };
  action: AlertAction;
  /** Channel id for the offer (default INCIDENTS_CHANNEL). */
  channel?: string;
  /** For `declare`: Slack user ids invited as responders. */
  responders: string[];
  /** For `attach`: the labels an open incident's alerts must share with this group (e.g. `service`). */
  attachBy: string[];
}

export interface AlertRules {
  rules: AlertRule[];
  /** The source's severity word, lower-cased, to a SEV; defaults merged with the file's `severity` map. */
  severityMap: Record<string, Severity>;
}

/** What the rules decided for a group. */
export interface AlertDecision {
  action: AlertAction;
  /** The rule that decided, or null for the default (`offer`). */
  rule: string | null;
  channel?: string;
  responders: string[];
  attachBy: string[];
  severity: Severity;
}

/** When no `ALERT_RULES` file is set: no rules (every group is offered) and the default severity words. */
export const DEFAULT_ALERT_RULES: AlertRules = { rules: [], severityMap: DEFAULT_SEVERITY_MAP };
