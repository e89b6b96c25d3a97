import type { PastIncident, SimilarIncident } from '../../src/recurrence/past-incident';

/** A past incident as suggestions and the post-mortem show it: published, two items that ended differently. */
export function pastIncident(overrides: Partial<PastIncident> = {}): PastIncident {
  return {
    id: 'past-1',
    title: 'Checkout API returning 502s',
    severity: 'SEV2',
    declaredAt: new Date('2026-10-01T14:00:00Z'),
    channelId: 'C0PAST',
    channelName: 'inc-20261001-checkout-api-returning-502s',
    postmortem: {
      published: true,
      messageUrl: 'https://acme.slack.com/archives/C0PAST/p1700000000000100',
      fileUrl: 'https://github.com/acme/postmortems/blob/main/incidents/2026/10/20261001-checkout/README.md',
    },
    items: { total: 2, counts: { verified: 1, wont_do: 1 } },
    ...overrides,
  };
}

export function similarIncident(overrides: Partial<SimilarIncident> = {}): SimilarIncident {
  return { ...pastIncident(), score: 0.75, reasons: [{ kind: 'alerts', names: ['HighErrorRate'] }, { kind: 'title', names: [] }], ...overrides };
}
