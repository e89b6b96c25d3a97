import { createHash } from 'node:crypto';

/**
 * What an incident is about, as sets of normalised terms of six kinds. Words come from text
 * people (or alert rules) wrote; the rest are names the tools gave: the post-mortem's tags, the
 * alerts' `service`-like labels, alert names, and alert groups (by source and group key, hashed).
 */
export interface Signature {
  title: string[];
  /** The description and the post-mortem's summary. */
  body: string[];
  tags: string[];
  services: string[];
  alerts: string[];
  groups: string[];
}

export type TermKind = keyof Signature;
export const TERM_KINDS = ['title', 'body', 'tags', 'services', 'alerts', 'groups'] as const satisfies readonly TermKind[];

/** Each kind's prefix in the stored index, so one lookup by term covers every kind. */
export const TERM_PREFIX: Record<TermKind, string> = { title: 't:', body: 'w:', tags: 'k:', services: 's:', alerts: 'a:', groups: 'g:' };

/** Per kind, a count (of shared terms, or of an incident's terms). */
export type KindCounts = Record<TermKind, number>;

/**
 * How much each kind counts. Text is compared by Jaccard (shared words ÷ all words of both), the
 * named kinds by how much of the smaller set the other holds (one alert of five is still the same
 * alert). A score is the weighted sum, so 0 to 2.1: not a probability, an order.
 *
 * The weights say what most suggests the same failure: the same title words (a title names what
 * broke), the same alert group (Alertmanager grouped the same alerts again), the same alert, the
 * same tags, the same service; descriptions and summaries, longer and noisier, count for less.
 */
export const WEIGHTS: Record<TermKind, number> = { groups: 0.45, title: 0.6, alerts: 0.3, tags: 0.25, services: 0.2, body: 0.3 };

/**
 * Below this, nothing is suggested. Alone, it takes the same alert group, the same alert, or half
 * of the title words in common (two of four: "Checkout API returning 502s" and "Checkout 502
 * errors"); a shared tag or service only counts with something else.
 */
export const SIMILARITY_THRESHOLD = 0.3;

/**
 * The kinds a lookup asks the index about, what most suggests the same failure first. Words of
 * descriptions and summaries are left out: worth 0.3 at most, they reach the threshold on their
 * own only when both texts have exactly the same words, so they add to the score of an incident
 * found by something else. Asking about them would read the most rows for the least. Reasons are
 * told in the same order where two count the same.
 */
const LOOKUP_ORDER: readonly TermKind[] = ['groups', 'alerts', 'title', 'services', 'tags'];
const REASON_ORDER: readonly TermKind[] = [...LOOKUP_ORDER, 'body'];

/** Kinds compared by Jaccard; the others by overlap with the smaller set. */
const JACCARD_KINDS: ReadonlySet<TermKind> = new Set(['title', 'body']);

/** Labels that name the service an alert is about, most specific first. */
export const SERVICE_LABELS = ['service', 'app', 'application', 'component', 'app_kubernetes_io_name'] as const;

/**
 * Words that say nothing about what failed: English function words, and words nearly every
 * incident title has ("incident", "issue", "errors").
 */
const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can cannot could ' +
    'did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself ' +
    'just me more most my no nor not now of off on once only or other our ours out over own same she should so some such than that the ' +
    'their them then there these they this those through to too under until up very was we were what when where which while who whom why ' +
    'will with would you your yours via vs per since still also got get gets getting went go goes going ' +
    'incident incidents issue issues problem problems error errors failure failures fail failing failed broken outage'
  ).split(' '),
);

/** Longer tokens are identifiers or noise (hashes, URLs run together): left out. */
const WORD_MAX = 40;
/**
 * Terms kept of each kind: a long description would otherwise store hundreds of words an
 * incident, and drown its title's few. Words are kept in the order written (the description
 * first), names in the order the tools gave them.
 */
export const BODY_WORDS_MAX = 50;
export const NAMES_MAX = 30;
/** Stored terms are cut here; tags, alert names and services longer than that are rare and still match by their start. */
const TERM_MAX = 120;

/**
 * The distinct words of a text, normalised: accents removed, lower case, split on anything but
 * letters and digits, stop words and one-letter tokens dropped, and a plural `s` (`es` after s,
 * x, z, ch, sh; `ies` for `y`) and an `ing` or `ed` ending cut, so "returning 502s" and
 * "returned 502" share both words. Digits are kept: "502" and "504" tell failures apart.
 */
export function words(text: string | null | undefined): string[] {
  const found = new Set<string>();
  const tokens = (text ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  for (const token of tokens) {
    if (token.length < 2 || token.length > WORD_MAX || STOP_WORDS.has(token)) continue;
    const stem = stemOf(token);
    if (stem.length >= 2 && !STOP_WORDS.has(stem)) found.add(stem);
  }
  return [...found];
}

function stemOf(word: string): string {
  if (/\d/.test(word)) return word.replace(/(\d)s$/, '$1');
  if (word.length > 6 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 5 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** What a signature is made from: the incident's own words, its post-mortem's, and its alerts. */
export interface SignatureSource {
  title: string;
  description: string | null;
  summary: string;
  tags: readonly string[];
  alertGroups: ReadonlyArray<{ source: string; groupKey: string; alerts: ReadonlyArray<{ name: string; labels: Readonly<Record<string, string>> }> }>;
}

const named = (values: Iterable<string>, lower: boolean) =>
  [...new Set([...values].map((v) => (lower ? v.trim().toLowerCase() : v.trim()).slice(0, TERM_MAX)).filter(Boolean))].slice(0, NAMES_MAX);

/** An alert group's identity across its rounds of firing: its source and group key, hashed to a short fixed length. */
export const groupTerm = (source: string, groupKey: string) => createHash('sha256').update(`${source}\u0000${groupKey}`).digest('hex').slice(0, 32);

/**
 * The signature of an incident. Tags and services compare without case; alert names keep theirs
 * (Prometheus names are case-sensitive identifiers).
 */
export function signatureOf(source: SignatureSource): Signature {
  const alerts = source.alertGroups.flatMap((g) => g.alerts);
  return {
    title: words(source.title),
    body: words(`${source.description ?? ''}\n${source.summary}`).slice(0, BODY_WORDS_MAX),
    tags: named(source.tags, true),
    services: named(
      alerts.flatMap((a) => SERVICE_LABELS.flatMap((label) => (a.labels[label] ? [a.labels[label] as string] : []))),
      true,
    ),
    alerts: named(alerts.map((a) => a.name), false),
    groups: named(source.alertGroups.map((g) => groupTerm(g.source, g.groupKey)), false),
  };
}

/** The signature as stored, one kind-prefixed term each. */
export function termsOf(signature: Signature): string[] {
  return TERM_KINDS.flatMap((kind) => signature[kind].map((term) => `${TERM_PREFIX[kind]}${term}`));
}

/** A signature read back from its stored terms; unknown prefixes are left out. */
export function signatureFromTerms(terms: readonly string[]): Signature {
  const signature = emptySignature();
  for (const term of terms) {
    const kind = kindOfTerm(term);
    if (kind) signature[kind].push(term.slice(TERM_PREFIX[kind].length));
  }
  return signature;
}

export function emptySignature(): Signature {
  return { title: [], body: [], tags: [], services: [], alerts: [], groups: [] };
}

export const sizesOf = (signature: Signature): KindCounts =>
  Object.fromEntries(TERM_KINDS.map((kind) => [kind, signature[kind].length])) as KindCounts;

/** What two incidents share, kind by kind, and how many terms each has. */
export interface Overlap {
  shared: KindCounts;
  query: KindCounts;
  candidate: KindCounts;
}

/** The overlap of two whole signatures: what the stored index gives without reading either whole. */
export function overlapOf(query: Signature, candidate: Signature): Overlap {
  const shared = Object.fromEntries(
    TERM_KINDS.map((kind) => {
      const theirs = new Set(candidate[kind]);
      return [kind, query[kind].filter((term) => theirs.has(term)).length];
    }),
  ) as KindCounts;
  return { shared, query: sizesOf(query), candidate: sizesOf(candidate) };
}

/** How alike one kind is, 0 to 1: Jaccard for text, overlap with the smaller set for names. */
export function kindSimilarity(kind: TermKind, shared: number, a: number, b: number): number {
  if (shared <= 0 || a <= 0 || b <= 0) return 0;
  return JACCARD_KINDS.has(kind) ? shared / (a + b - shared) : shared / Math.min(a, b);
}

/** The weighted sum of each kind's similarity (see {@link WEIGHTS}). */
export function similarityScore(overlap: Overlap): number {
  let score = 0;
  for (const kind of TERM_KINDS) score += WEIGHTS[kind] * kindSimilarity(kind, overlap.shared[kind], overlap.query[kind], overlap.candidate[kind]);
  return score;
}

/** The kinds that made two incidents alike, strongest contribution first; at a tie, in lookup order (alerts before words). */
export function reasonsOf(overlap: Overlap): TermKind[] {
  const contribution = (kind: TermKind) => WEIGHTS[kind] * kindSimilarity(kind, overlap.shared[kind], overlap.query[kind], overlap.candidate[kind]);
  return REASON_ORDER.filter((kind) => contribution(kind) > 0).sort((a, b) => contribution(b) - contribution(a));
}

/** The kind of a stored term, by its prefix; undefined for none. */
export function kindOfTerm(term: string): TermKind | undefined {
  return TERM_KINDS.find((kind) => term.startsWith(TERM_PREFIX[kind]));
}

/** The terms a lookup asks the index about, at most `max`, the strongest kinds first. */
export function lookupTerms(signature: Signature, max: number): string[] {
  return LOOKUP_ORDER.flatMap((kind) => signature[kind].map((term) => `${TERM_PREFIX[kind]}${term}`)).slice(0, max);
}

/** An incident found holding one of the terms looked up. */
export interface Holder {
  incidentId: string;
  term: string;
  declaredAt: string;
}

/**
 * The candidates worth scoring in full, at most `limit`: a first estimate from the terms the
 * lookup found them holding, each worth its kind's weight shared among the query's terms of that
 * kind (so an incident holding all of a kind scores the weight). At the same estimate, the more
 * recent first.
 */
export function preselect(holders: readonly Holder[], query: KindCounts, limit: number): string[] {
  const estimates = new Map<string, { estimate: number; declaredAt: string }>();
  for (const { incidentId, term, declaredAt } of holders) {
    const kind = kindOfTerm(term);
    if (!kind || query[kind] === 0) continue;
    const found = estimates.get(incidentId) ?? { estimate: 0, declaredAt };
    found.estimate += WEIGHTS[kind] / query[kind];
    estimates.set(incidentId, found);
  }
  return [...estimates]
    .sort(([a, x], [b, y]) => y.estimate - x.estimate || (x.declaredAt < y.declaredAt ? 1 : x.declaredAt > y.declaredAt ? -1 : a < b ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id);
}

/** A past incident as the index sees it. */
export interface Candidate {
  incidentId: string;
  declaredAt: Date;
  overlap: Overlap;
}

export interface Ranked {
  incidentId: string;
  declaredAt: Date;
  score: number;
  reasons: TermKind[];
}

/**
 * The candidates at or above the threshold, best first; at the same score the more recent first
 * (what was last done about it matters most), then by id so the order never wobbles.
 */
export function rankCandidates(candidates: readonly Candidate[], limit: number, threshold = SIMILARITY_THRESHOLD): Ranked[] {
  return candidates
    .map((c) => ({ incidentId: c.incidentId, declaredAt: c.declaredAt, score: similarityScore(c.overlap), reasons: reasonsOf(c.overlap) }))
    // A hair below is still at it: a score is a sum of products, and 0.6 × 0.5 must count as 0.3.
    .filter((r) => r.score >= threshold - 1e-9)
    .sort((a, b) => b.score - a.score || b.declaredAt.getTime() - a.declaredAt.getTime() || (a.incidentId < b.incidentId ? -1 : 1))
    .slice(0, limit);
}
