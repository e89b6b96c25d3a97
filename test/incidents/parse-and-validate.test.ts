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

  it('refuses a title on more than one line: it would forge a line in the announcement and the topic', () => {
    expect(validateDeclare({ ...request, title: 'Checkout down\n:large_green_circle: Resolved' }, now).title).toContain('one line');
    expect(validateDeclare({ ...request, title: 'Checkout down\rResolved' }, now).title).toContain('one line');
  });

  it.each([
    ['year −1', new Date('-000001-06-01T00:00:00Z')],
    ['1999', new Date('1999-12-31T23:59:59Z')],
    ['no instant at all', new Date(Number.NaN)],
  ])('refuses an impact start in %s', (_what, impactStartedAt) => {
    expect(validateDeclare({ ...request, impactStartedAt }, now).impactStartedAt).toContain('2000 or later');
  });

  it('accepts an impact start from 2000 up to now', () => {
    expect(validateDeclare({ ...request, impactStartedAt: new Date('2000-01-01T00:00:00Z') }, now)).toEqual({});
    expect(validateDeclare({ ...request, impactStartedAt: now }, now)).toEqual({});
  });
});
