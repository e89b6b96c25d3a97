import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AlertRulesError, loadAlertRules, parseAlertRules, readAlertRules } from '../../../src/alerts/rules/load-alert-rules';
import { DEFAULT_SEVERITY_MAP } from '../../../src/alerts/rules/map-severity';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-rules-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

let written = 0;
function file(text: string): string {
  const name = path.join(dir, `rules-${++written}.yml`);
  fs.writeFileSync(name, text);
  return name;
}

function problemsOf(text: string): string[] {
  const result = readAlertRules(file(text));
  if (!('problems' in result)) throw new Error('expected problems');
  return result.problems;
}

const PROPOSAL = `# Optional: the source's severity word -> SEV.
severity:
  page: SEV1
  P1: SEV1
rules:            # first match wins; no match -> offer
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
`;

describe('loading an alert rules file', () => {
  it('reads rules in file order, naming unnamed ones by their place, with the severity words merged over the defaults', () => {
    expect(loadAlertRules(file(PROPOSAL))).toEqual({
      rules: [
        {
          name: 'watchdog',
          match: { matchers: [{ label: 'alertname', op: '=', value: 'Watchdog' }] },
          action: 'ignore',
          responders: [],
          attachBy: [],
        },
        {
          name: 'payments pages',
          match: {
            sources: ['alertmanager'],
            severities: ['critical', 'page'],
            matchers: [
              { label: 'team', op: '=', value: 'payments' },
              { label: 'env', op: '=~', value: 'prod|production' },
            ],
          },
          action: 'declare',
          channel: 'C0PAYMENTS',
          responders: ['U0123ABCD', 'U0456EFGH'],
          attachBy: [],
        },
        {
          name: 'rules[2]',
          match: { matchers: [{ label: 'service', op: '!=', value: '' }] },
          action: 'attach',
          responders: [],
          attachBy: ['service'],
        },
      ],
      severityMap: { ...DEFAULT_SEVERITY_MAP, page: 'SEV1', p1: 'SEV1' },
    });
  });

  it('loads the documented example without problems', () => {
    const example = path.join(__dirname, '..', '..', '..', 'docs', 'alert-rules.example.yml');
    const result = readAlertRules(example);
    expect(result).not.toHaveProperty('problems');
    const rules = loadAlertRules(example);
    expect(rules.rules.map((rule) => rule.action)).toEqual(['ignore', 'declare', 'offer', 'attach']);
    expect(rules.severityMap.p1).toBe('SEV1');
  });

  it('takes an empty file, comments only, or no rules: key as no rules and the default words', () => {
    for (const text of ['', '# nothing yet\n', 'rules:\n', 'rules: []\nseverity:\n']) {
      expect(parseAlertRules(text)).toEqual({ rules: { rules: [], severityMap: DEFAULT_SEVERITY_MAP } });
    }
    expect(parseAlertRules('severity:\n  Warning: 2\n  page: sev1\n')).toEqual({
      rules: { rules: [], severityMap: { ...DEFAULT_SEVERITY_MAP, warning: 'SEV2', page: 'SEV1' } },
    });
  });

  it('takes one value where a list is expected, action words in any case, and an Alertmanager-style unquoted matcher', () => {
    const result = parseAlertRules(
      ['rules:', '  - match:', '      source: grafana', '      severity: Critical', '      matchers: alertname = Watchdog', '    action: Declare'].join('\n'),
    );
    expect(result).toEqual({
      rules: {
        rules: [
          {
            name: 'rules[0]',
            match: { sources: ['grafana'], severities: ['critical'], matchers: [{ label: 'alertname', op: '=', value: 'Watchdog' }] },
            action: 'declare',
            responders: [],
            attachBy: [],
          },
        ],
        severityMap: DEFAULT_SEVERITY_MAP,
      },
    });
  });

  it('lets a rule without match: (or with an empty one) match every group', () => {
    const result = parseAlertRules('rules:\n  - action: ignore\n  - match:\n    action: offer\n');
    expect('rules' in result && result.rules.rules.map((rule) => rule.match)).toEqual([{ matchers: [] }, { matchers: [] }]);
  });
});

describe('problems with an alert rules file', () => {
  it('reports every problem at once, in file order, each naming where it is', () => {
    const text = [
      'severity:', //                                       1
      '  page: urgent', //                                  2
      '  Page: SEV2', //                                    3
      'rules:', //                                          4
      '  - name: typo', //                                  5
      '    acton: declare', //                              6
      '  - action: page', //                                7
      '    match:', //                                      8
      '      source: [nagios]', //                          9
      '      matchers:', //                                 10
      "        - 'team: payments'", //                      11
      `        - 'env=~"(prod"'`, //                        12
      '    channel: "#payments"', //                        13
      '    responders: ["@bob"]', //                        14
      '  - action: attach', //                              15
      '  - action: ignore', //                              16
      '    responders: [U0123ABCD]', //                     17
      'rule: []', //                                        18
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'severity.page (line 2): expected SEV1, SEV2, SEV3 or SEV4 (got "urgent")',
      'severity.Page (line 3): the same word as "page" (words are compared without case)',
      'rules[0].action (line 5): required: one of offer, declare, attach, ignore',
      'rules[0].acton (line 6): unknown key (did you mean action?); expected name, match, action, channel, responders, attach_by',
      'rules[1].action (line 7): expected one of offer, declare, attach, ignore (got "page")',
      'rules[1].match.source[0] (line 9): expected one of alertmanager, grafana, pagerduty, opsgenie, generic (got "nagios")',
      `rules[1].match.matchers[0] (line 11): expected label="value", label!="value", label=~"regex" or label!~"regex" (got "team: payments"); write team="value", not team: value`,
      'rules[1].match.matchers[1] (line 12): invalid regular expression "(prod": unterminated group',
      'rules[1].channel (line 13): expected a channel id such as C0123ABCD (not a #name) (got "#payments")',
      'rules[1].responders[0] (line 14): expected a user id such as U0123ABCD (not an @name) (got "@bob")',
      "rules[2].attach_by (line 15): required by action: attach: the labels an open incident's alerts must share, such as [service]",
      "rules[3].responders (line 17): only used by action: declare (this rule's action is ignore)",
      'rule (line 18): unknown key (did you mean rules?); expected severity, rules',
    ]);
  });

  it('says where conditions go when they are written on the rule, as on an Alertmanager route', () => {
    expect(problemsOf('rules:\n  - matchers: [\'team="payments"\']\n    action: declare\n')).toEqual([
      'rules[0].matchers (line 2): unknown key: conditions go under match: (match: { matchers: ... })',
    ]);
    expect(problemsOf('rules:\n  - match:\n      sources: [grafana]\n    action: offer\n')).toEqual([
      'rules[0].match.sources (line 3): unknown key (did you mean source?); expected source, severity, matchers',
    ]);
  });

  it('refuses keys an action does not use', () => {
    expect(
      problemsOf(
        [
          'rules:',
          '  - action: offer',
          '    attach_by: [service]',
          '  - action: ignore',
          '    channel: C0123ABCD',
          '  - action: attach',
          '    attach_by: []',
        ].join('\n'),
      ),
    ).toEqual([
      "rules[0].attach_by (line 3): only used by action: attach (this rule's action is offer)",
      'rules[1].channel (line 5): not used by action: ignore (nothing is posted)',
      'rules[2].attach_by (line 7): expected at least one label, such as [service]',
    ]);
  });

  it('names the wrong kind of value', () => {
    expect(problemsOf('- action: ignore\n')).toEqual(['top level (line 1): expected a mapping with rules: and severity: (got a list)']);
    expect(problemsOf('rules:\n  watchdog:\n    action: ignore\n')).toEqual([
      'rules (line 2): expected a list of rules, each starting with "- " (got a mapping)',
    ]);
    expect(problemsOf('rules:\n  - ignore\n')).toEqual(['rules[0] (line 2): expected a rule: a mapping with match and action (got "ignore")']);
    expect(problemsOf('severity: [critical]\n')).toEqual([
      'severity (line 1): expected a mapping of severity words to SEVs, such as page: SEV1 (got a list)',
    ]);
    expect(problemsOf('rules:\n  - action: offer\n    match:\n      source: []\n')).toEqual([
      'rules[0].match.source (line 4): expected at least one source; leave source out to match any',
    ]);
    expect(problemsOf('rules:\n  - action: offer\n    match:\n      matchers:\n        - team: payments\n')).toEqual([
      `rules[0].match.matchers[0] (line 5): expected label="value", label!="value", label=~"regex" or label!~"regex" (got a mapping); quote it: 'team="payments"'`,
    ]);
  });

  it('reports YAML syntax errors by line, before anything else', () => {
    const problems = problemsOf('rules:\n  - action: ignore\n    match: {\n  - action: offer\n');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^line \d+: YAML syntax error: \S/);
    expect(problemsOf('rules:\n  - action: ignore\n  - action: offer\n  - action: offer\n    action: declare\n')).toEqual([
      'line 5: YAML syntax error: Map keys must be unique',
    ]);
  });

  it('says when the file cannot be read', () => {
    const missing = path.join(dir, 'missing.yml');
    expect(readAlertRules(missing)).toEqual({ problems: [`cannot read ${missing}: no such file`] });
    expect(readAlertRules(dir)).toEqual({ problems: [`cannot read ${dir}: it is a directory, not a file`] });
  });

  it('throws one error listing every problem from loadAlertRules', () => {
    const name = file('rules:\n  - action: page\n  - acton: ignore\n');
    let thrown: unknown;
    try {
      loadAlertRules(name);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AlertRulesError);
    const error = thrown as AlertRulesError;
    expect(error.code).toBe('alert_rules_invalid');
    expect(error.problems).toHaveLength(3);
    expect(error.message).toBe(
      [
        `The alert rules in ${name} cannot be used:`,
        '  - rules[0].action (line 2): expected one of offer, declare, attach, ignore (got "page")',
        '  - rules[1].action (line 3): required: one of offer, declare, attach, ignore',
        '  - rules[1].acton (line 3): unknown key (did you mean action?); expected name, match, action, channel, responders, attach_by',
      ].join('\n'),
    );
  });
});
