import {
  type Candidate,
  SIMILARITY_THRESHOLD,
  type Signature,
  emptySignature,
  groupTerm,
  lookupTerms,
  overlapOf,
  preselect,
  rankCandidates,
  reasonsOf,
  signatureFromTerms,
  signatureOf,
  similarityScore,
  termsOf,
  words,
} from '../../src/recurrence/similarity';

const source = (title: string, more: Partial<Parameters<typeof signatureOf>[0]> = {}) =>
  signatureOf({ title, description: null, summary: '', tags: [], alertGroups: [], ...more });

const alertGroup = (groupKey: string, alerts: Array<{ name: string; labels?: Record<string, string> }>) => ({
  source: 'alertmanager',
  groupKey,
  alerts: alerts.map((a) => ({ name: a.name, labels: a.labels ?? {} })),
});

/** Past incidents as a team would have them, and what a new one is compared with. */
const past: Record<string, Signature> = {
  checkout502: source('Checkout API returning 502s', { summary: 'A config push disabled payment retries.', tags: ['payments', 'config'] }),
  checkoutSlow: source('Checkout page slow for EU customers', { tags: ['frontend'] }),
  dbFailover: source('Orders database failover took 20 minutes', { tags: ['database'] }),
  alertOnly: source('Pager went off at night', {
    alertGroups: [alertGroup('{}:{alertname="HighErrorRate"}', [{ name: 'HighErrorRate', labels: { service: 'Checkout' } }])],
  }),
  serviceOnly: source('Latency spike', { alertGroups: [alertGroup('{}:{alertname="SlowRequests"}', [{ name: 'SlowRequests', labels: { app: 'checkout' } }])] }),
};

const candidates = (query: Signature, at = (i: number) => new Date(Date.UTC(2026, 9, 1 + i))): Candidate[] =>
  Object.entries(past).map(([incidentId, signature], i) => ({ incidentId, declaredAt: at(i), overlap: overlapOf(query, signature) }));

describe('words', () => {
  it('lower-cases, drops accents, punctuation, stop words and one-letter tokens', () => {
    expect(words('The Café’s API is DOWN again!! (a 502)')).toEqual(['cafe', 'api', '502']);
  });

  it('cuts plurals and -ing/-ed endings, so the same failure told twice shares its words', () => {
    expect(words('Checkout API returning 502s')).toEqual(['checkout', 'api', 'return', '502']);
    expect(words('Checkout APIs returned 502')).toEqual(['checkout', 'api', 'return', '502']);
    expect(words('queues crashes status')).toEqual(['queue', 'crash', 'status']);
  });

  it('keeps numbers apart and drops words nearly every incident has', () => {
    expect(words('502 errors vs 504 errors incident')).toEqual(['502', '504']);
    expect(words('retries retry')).toEqual(['retry']);
    expect(words('')).toEqual([]);
    expect(words(null)).toEqual([]);
  });
});

describe('signatures', () => {
  it('takes tags and services without case, alert names as they are, and alert groups by source and key', () => {
    const signature = source('Pager', {
      tags: [' Payments ', 'payments', 'Config'],
      alertGroups: [alertGroup('k1', [{ name: 'HighErrorRate', labels: { service: 'Checkout', job: 'node' } }, { name: 'highErrorRate', labels: { app: 'cart' } }])],
    });
    expect(signature.tags).toEqual(['payments', 'config']);
    expect(signature.services).toEqual(['checkout', 'cart']);
    expect(signature.alerts).toEqual(['HighErrorRate', 'highErrorRate']);
    expect(signature.groups).toEqual([groupTerm('alertmanager', 'k1')]);
    expect(groupTerm('alertmanager', 'k1')).not.toBe(groupTerm('pagerduty', 'k1'));
  });

  it('round-trips through its stored terms, each kind under its own prefix', () => {
    const signature = past.checkout502 as Signature;
    const terms = termsOf(signature);
    expect(terms).toContain('t:checkout');
    expect(terms).toContain('k:payments');
    expect(terms).toContain('w:retry');
    expect(signatureFromTerms(terms)).toEqual(signature);
    expect(signatureFromTerms(['x:unknown'])).toEqual(emptySignature());
  });

  it('keeps at most 50 words of a long description', () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    expect(source('t', { description: long }).body).toHaveLength(50);
  });
});

describe('the score', () => {
  it('is Jaccard on title words: two of four in common is half, and exactly the threshold', () => {
    const overlap = overlapOf(source('Checkout 502 errors again'), source('Checkout API returning 502s'));
    // {checkout, 502} against {checkout, api, return, 502}: 2 shared of 4 in all.
    expect(overlap.shared.title).toBe(2);
    expect(similarityScore(overlap)).toBeCloseTo(0.6 * (2 / 4));
    expect(rankCandidates([{ incidentId: 'x', declaredAt: new Date(0), overlap }], 3)).toHaveLength(1);
  });

  it('counts the same alert group, the same alert or most of a title on its own, but not a shared tag or service alone', () => {
    const group = alertGroup('{}:{alertname="HighErrorRate"}', [{ name: 'HighErrorRate' }]);
    const withGroup = similarityScore(overlapOf(source('x', { alertGroups: [group] }), source('y', { alertGroups: [group] })));
    expect(withGroup).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    const sameAlert = similarityScore(
      overlapOf(source('x', { alertGroups: [alertGroup('a', [{ name: 'HighErrorRate' }])] }), source('y', { alertGroups: [alertGroup('b', [{ name: 'HighErrorRate' }])] })),
    );
    expect(sameAlert).toBeCloseTo(0.3);
    expect(similarityScore(overlapOf(source('x', { tags: ['payments'] }), source('y', { tags: ['payments'] })))).toBeLessThan(SIMILARITY_THRESHOLD);
    const service = (name: string) => source(name, { alertGroups: [alertGroup(name, [{ name, labels: { service: 'checkout' } }])] });
    expect(similarityScore(overlapOf(service('a'), service('b')))).toBeLessThan(SIMILARITY_THRESHOLD);
  });

  it('compares names by the smaller set: one alert of five is still the same alert', () => {
    const many = source('x', { alertGroups: [alertGroup('a', ['A1', 'A2', 'A3', 'A4', 'HighErrorRate'].map((name) => ({ name })))] });
    const one = source('y', { alertGroups: [alertGroup('b', [{ name: 'HighErrorRate' }])] });
    expect(similarityScore(overlapOf(many, one))).toBeCloseTo(0.3);
  });

  it('is nothing between unrelated incidents and says why otherwise, strongest first', () => {
    expect(similarityScore(overlapOf(source('Disk full on build agents'), past.dbFailover as Signature))).toBe(0);
    const query = source('Checkout API 502s', { alertGroups: [alertGroup('{}:{alertname="HighErrorRate"}', [{ name: 'HighErrorRate', labels: { service: 'checkout' } }])] });
    expect(reasonsOf(overlapOf(query, past.alertOnly as Signature))).toEqual(['groups', 'alerts', 'services']);
    expect(reasonsOf(overlapOf(query, past.checkout502 as Signature))).toEqual(['title']);
  });
});

describe('ranking', () => {
  it('puts the best first and leaves out whatever scores below the threshold', () => {
    const query = source('Checkout API returning 502 errors', { tags: ['payments'] });
    const ranked = rankCandidates(candidates(query), 3);
    expect(ranked.map((r) => r.incidentId)).toEqual(['checkout502']);
    expect(ranked[0]?.reasons).toEqual(['title', 'tags']);
  });

  it('ranks an alert-declared incident by its alerts, its group above a shared service', () => {
    const query = source('HighErrorRate on checkout', {
      alertGroups: [alertGroup('{}:{alertname="HighErrorRate"}', [{ name: 'HighErrorRate', labels: { service: 'checkout' } }])],
    });
    const ranked = rankCandidates(candidates(query), 3);
    expect(ranked.map((r) => r.incidentId)).toEqual(['alertOnly']);
    expect(ranked[0]?.score).toBeCloseTo(0.45 + 0.3 + 0.2);
  });

  it('at the same score prefers the more recent, then the id, and keeps at most the limit', () => {
    const overlap = overlapOf(source('Checkout API down'), source('Checkout API down'));
    const same = (incidentId: string, day: number): Candidate => ({ incidentId, declaredAt: new Date(Date.UTC(2026, 0, day)), overlap });
    expect(rankCandidates([same('b', 1), same('a', 1), same('c', 5), same('d', 3)], 3).map((r) => r.incidentId)).toEqual(['c', 'd', 'a']);
    expect(rankCandidates([], 3)).toEqual([]);
  });
});

describe('the lookup', () => {
  it('asks about the strongest kinds first, and not about description words, which cannot reach the threshold alone', () => {
    const signature = source('Checkout API down', {
      description: 'The checkout database ran out of connections',
      tags: ['payments'],
      alertGroups: [alertGroup('k', [{ name: 'HighErrorRate', labels: { service: 'checkout' } }])],
    });
    expect(lookupTerms(signature, 64)).toEqual([`g:${groupTerm('alertmanager', 'k')}`, 'a:HighErrorRate', 't:checkout', 't:api', 's:checkout', 'k:payments']);
    expect(lookupTerms(signature, 2)).toHaveLength(2);
    expect(similarityScore(overlapOf(source('a', { description: 'same words here' }), source('b', { description: 'same words here' })))).toBeCloseTo(0.3);
  });

  it('scores in full first those holding most of what was looked up, by kind, then the more recent', () => {
    const query = { ...overlapOf(emptySignature(), emptySignature()).query, title: 4, alerts: 1 };
    const held = (incidentId: string, declaredAt: string, ...terms: string[]) => terms.map((term) => ({ incidentId, term, declaredAt }));
    const holders = [
      ...held('two-words', '2026-01-01', 't:checkout', 't:api'),
      ...held('alert', '2026-01-02', 'a:HighErrorRate'),
      ...held('one-word-old', '2026-01-01', 't:checkout'),
      ...held('one-word-new', '2026-01-05', 't:api'),
      ...held('unknown-kind', '2026-01-09', 'x:whatever'),
    ];
    expect(preselect(holders, query, 10)).toEqual(['alert', 'two-words', 'one-word-new', 'one-word-old']);
    expect(preselect(holders, query, 2)).toEqual(['alert', 'two-words']);
  });
});
