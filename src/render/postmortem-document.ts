import type { ActionItem } from '../action-items/action-item';
import type { Incident } from '../incidents/incident';
import type { IncidentMetrics } from '../postmortems/incident-metrics';
import type { Postmortem } from '../postmortems/postmortem';
import type { TimelineEntry } from '../timeline/timeline-entry';

/**
 * Everything a published post-mortem shows, gathered once and rendered twice (Block Kit and
 * Markdown). `person` names someone as the reader should see them: a name, or a role when the
 * post-mortem is anonymised. It never returns a mention, so publishing pings no one.
 */
export interface PostmortemDocument {
  incident: Incident;
  postmortem: Postmortem;
  timeline: TimelineEntry[];
  actionItems: ActionItem[];
  metrics: IncidentMetrics;
  person(userId: string | null | undefined): string;
  /** Where the Markdown file lives in a post-mortems repository. */
  path: string;
  /** Where it is kept in the team's repository (a web link, or its path there); null when it is not written to git. */
  fileLink: string | null;
}
