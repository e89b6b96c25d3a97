import type { LabelMatcher } from '../../../src/alerts/rules/alert-rules';
import { compileMatcherRegex, matcherMatches, parseMatcher } from '../../../src/alerts/rules/parse-matcher';

function matcher(text: string): LabelMatcher {
  const parsed = parseMatcher(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.matcher;
}

const problemOf = (text: string) => {
  const parsed = parseMatcher(text);
  return parsed.ok ? undefined : parsed.problem;
};

describe('parseMatcher', () => {
  it('reads the four Alertmanager operators', () => {
    expect(matcher('team="payments"')).toEqual({ label: 'team', op: '=', value: 'payments' });
    expect(matcher('env!="dev"')).toEqual({ label: 'env', op: '!=', value: 'dev' });
    expect(matcher('severity=~"critical|page"')).toEqual({ label: 'severity', op: '=~', value: 'critical|page' });
    expect(matcher('team!~"test.*"')).toEqual({ label: 'team', op: '!~', value: 'test.*' });
  });

  it('accepts what Alertmanager accepts: spaces around the operator, unquoted simple values, empty values', () => {
    expect(matcher('  alertname = Watchdog ')).toEqual({ label: 'alertname', op: '=', value: 'Watchdog' });
    expect(matcher('env=~prod|production')).toEqual({ label: 'env', op: '=~', value: 'prod|production' });
    expect(matcher('service!=""')).toEqual({ label: 'service', op: '!=', value: '' });
    expect(matcher('service!=')).toEqual({ label: 'service', op: '!=', value: '' });
    expect(matcher('"app.kubernetes.io/name"="api"')).toEqual({ label: 'app.kubernetes.io/name', op: '=', value: 'api' });
  });

  it('unescapes quoted values as Alertmanager does, keeping regex backslashes', () => {
    expect(matcher('msg="say \\"hi\\""').value).toBe('say "hi"');
    expect(matcher('path="C:\\\\temp"').value).toBe('C:\\temp');
    expect(matcher('instance=~"api\\d+"').value).toBe('api\\d+');
  });

  it('says what is wrong, in words, quoting what was written', () => {
    expect(problemOf('team: payments')).toBe(
      `expected label="value", label!="value", label=~"regex" or label!~"regex" (got "team: payments"); write team="value", not team: value`,
    );
    expect(problemOf('team')).toMatch(/^expected label="value", .* \(got "team"\)$/);
    expect(problemOf('="x"')).toMatch(/\(got '="x"'\)$/);
    expect(problemOf('team=="payments"')).toMatch(/quote values that hold spaces, quotes or commas/);
    expect(problemOf('team="payments')).toMatch(/the closing quote is missing/);
    expect(problemOf('team="payments", env="prod"')).toMatch(/write one matcher per list item/);
    expect(problemOf('team=pay ments')).toMatch(/quote values/);
  });

  it('refuses a regex that does not compile, or that only compiles once anchored', () => {
    expect(problemOf('env=~"(prod"')).toBe(`invalid regular expression "(prod": unterminated group`);
    expect(problemOf('env!~"a)|(b"')).toMatch(/^invalid regular expression "a\)\|\(b": /);
    expect(problemOf('env=~"(?U)a+"')).toBe('invalid regular expression "(?U)a+": flag U is not supported (use i, m or s)');
    expect(problemOf('env="(prod"')).toBeUndefined();
  });
});

describe('compileMatcherRegex', () => {
  it('anchors at both ends and reads a leading (?i) as a flag', () => {
    const regex = compileMatcherRegex('(?i)prod|staging') as RegExp;
    expect(regex).toBeInstanceOf(RegExp);
    expect(regex.test('PROD')).toBe(true);
    expect(regex.test('production')).toBe(false);
  });
});

describe('matcherMatches', () => {
  const labels = { team: 'payments', env: 'production', empty: '' };
  const matches = (text: string, given: Record<string, string> = labels) => matcherMatches(matcher(text), given);

  it('= and != compare the whole value, case and all', () => {
    expect(matches('team="payments"')).toBe(true);
    expect(matches('team="Payments"')).toBe(false);
    expect(matches('team="pay"')).toBe(false);
    expect(matches('team!="payments"')).toBe(false);
    expect(matches('team!="search"')).toBe(true);
  });

  it('=~ and !~ are anchored at both ends, as in Alertmanager', () => {
    expect(matches('env=~"prod"')).toBe(false);
    expect(matches('env=~"prod.*"')).toBe(true);
    expect(matches('env=~"prod|production"')).toBe(true);
    expect(matches('env=~"duct"')).toBe(false);
    expect(matches('env!~"prod"')).toBe(true);
    expect(matches('env!~"prod.*"')).toBe(false);
    // Alternation stays inside the anchors: not ^prod or staging$.
    expect(matches('env=~"prod|staging"', { env: 'production' })).toBe(false);
  });

  it('treats an absent label as the empty value', () => {
    expect(matches('service=""')).toBe(true);
    expect(matches('service!=""')).toBe(false);
    expect(matches('team!=""')).toBe(true);
    expect(matches('empty=""')).toBe(true);
    expect(matches('service=~".*"')).toBe(true);
    expect(matches('service=~".+"')).toBe(false);
    expect(matches('service!~"api"')).toBe(true);
    expect(matches('service!="api"')).toBe(true);
  });

  it('does not take inherited properties for labels', () => {
    expect(matches('constructor=""', {})).toBe(true);
    expect(matches('toString!=""', {})).toBe(false);
  });

  it('matches nothing with a regex built by hand that cannot compile', () => {
    expect(matcherMatches({ label: 'env', op: '=~', value: '(' }, { env: '(' })).toBe(false);
    expect(matcherMatches({ label: 'env', op: '!~', value: '(' }, { env: 'x' })).toBe(false);
  });
});
