import type { Severity } from '../incidents/severity';
import type { ItemOutcomes } from './item-outcomes';
import type { TermKind } from './similarity';

/** A past incident as a suggestion or a related incident shows it: enough to decide whether to read on. */
export interface PastIncident {
  id: string;
  title: string;
  severity: Severity;
  declaredAt: Date;
  channelId: string | null;
  channelName: string | null;
  /** Its post-mortem: whether published, and where it can be read (each null when not known). */
  postmortem: { published: boolean; messageUrl: string | null; fileUrl: string | null };
  items: ItemOutcomes;
}

/** Why it was suggested: a kind of evidence, with the names shared (alert names, tags, services) where it has names. */
export interface SimilarityReason {
  kind: TermKind;
  names: string[];
}

/** A past incident suggested as similar, with its score (see `similarity.ts`) and why. */
export interface SimilarIncident extends PastIncident {
  score: number;
  reasons: SimilarityReason[];
}
