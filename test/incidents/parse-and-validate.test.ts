import type { DeclareRequest } from '../../src/incidents/incident';
import { parseSeverity } from '../../src/incidents/severity';
import { parseStatus } from '../../src/incidents/status';
import { validateDeclare } from '../../src/incidents/validate-declare';

describe('parseSeverity', () => {
  it.each([
    ['SEV1', 'SEV1'],
    ['sev2', 'SEV2'],
    [' Sev 3 ', 'SEV3'],
    ['4', 'SEV4'],
    ['SEV5', undefined],
    ['critical', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => expect(parseSeverity(input)).toBe(expected));
});

describe('parseStatus', () => {
  it('accepts the four statuses in any case', () => {
    expect(parseStatus('Monitoring')).toBe('monitoring');
    expect(parseStatus('fixed')).toBeUndefined();
  });
});

describe('validateDeclare', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const request: DeclareRequest = {
    requestKey: 'V1',
    title: 'Checkout down',
    severity: 'SEV2',
    description: null,
    declaredBy: 'U1',
    responderIds: [],
    isPrivate: false,
    impactStartedAt: null,
  };

  it('accepts a sound request', () => expect(validateDeclare(request, now)).toEqual({}));

  it('names each problem on its field', () => {
    expect(
      validateDeclare(
        { ...request, title: ' ', description: 'x'.repeat(3001), impactStartedAt: new Date('2026-11-22T12:00:00Z') },
        now,
      ),
    ).toEqual({
      title: expect.stringContaining('short title'),
      description: expect.stringContaining('3000'),
      impactStartedAt: expect.stringContaining('future'),
    });
    expect(validateDeclare({ ...request, title: 'x'.repeat(151) }, now).title).toContain('(it has 151)');
  });
});
