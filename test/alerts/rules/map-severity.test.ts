import { DEFAULT_ALERT_RULES } from '../../../src/alerts/rules/alert-rules';
import { DEFAULT_SEVERITY_MAP, mapSeverity, mostSevere } from '../../../src/alerts/rules/map-severity';

describe('mapSeverity', () => {
  it('maps the common words by default: critical, error/high, warning; anything else or none is SEV4', () => {
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, 'critical')).toBe('SEV1');
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, 'error')).toBe('SEV2');
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, 'high')).toBe('SEV2');
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, 'warning')).toBe('SEV3');
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, 'info')).toBe('SEV4');
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, 'page')).toBe('SEV4');
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, '')).toBe('SEV4');
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, null)).toBe('SEV4');
  });

  it('compares words without case or surrounding spaces', () => {
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, ' CRITICAL ')).toBe('SEV1');
    expect(mapSeverity(DEFAULT_SEVERITY_MAP, 'Warning')).toBe('SEV3');
  });

  it('uses the map it is given, and never an inherited property', () => {
    const map = { ...DEFAULT_SEVERITY_MAP, page: 'SEV1' as const, warning: 'SEV2' as const };
    expect(mapSeverity(map, 'Page')).toBe('SEV1');
    expect(mapSeverity(map, 'warning')).toBe('SEV2');
    expect(mapSeverity(map, 'constructor')).toBe('SEV4');
    expect(mapSeverity(map, '__proto__')).toBe('SEV4');
  });

  it('is the default of the rules used when no file is set', () => {
    expect(DEFAULT_ALERT_RULES).toEqual({ rules: [], severityMap: DEFAULT_SEVERITY_MAP });
  });
});

describe('mostSevere', () => {
  it('picks SEV1 over the others, and SEV4 for nothing', () => {
    expect(mostSevere(['SEV3', 'SEV1', 'SEV2'])).toBe('SEV1');
    expect(mostSevere(['SEV4', 'SEV3'])).toBe('SEV3');
    expect(mostSevere([])).toBe('SEV4');
  });
});
