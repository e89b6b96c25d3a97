import type { AccountAnswers } from '../accounts/account';
import type { ActionItem } from '../action-items/action-item';
import type { Incident } from '../incidents/incident';
import type { IncidentMetrics } from '../postmortems/incident-metrics';
import type { Postmortem } from '../postmortems/postmortem';
import type { PastIncident } from '../recurrence/past-incident';
import type { TimelineEntry } from '../timeline/timeline-entry';

/** One participant's account as published: signed with their name, or a role ("Responder A"). */
export interface Perspective {
  label: string;
  answers: AccountAnswers;
}

/**
 * A moment a participant remembers, from a line of their account that starts with a time: shown
 * on the timeline as recalled, not captured, and signed like their account.
 */
export interface RecalledEntry {
  kind: 'recalled';
  occurredAt: Date;
  label: string;
  text: string;
}

/** What the document's timeline holds: what was captured, and what people recalled. */
export type DocumentEntry = TimelineEntry | RecalledEntry;

/** The review meeting as scheduled. */
export interface MeetingDetails {
  startsAt: Date;
  /** The zone it was scheduled in, for readers of the file (Slack shows each reader their own time). */
  timeZone: string;
  facilitatorId: string | null;
  inviteeIds: string[];
}

/**
 * Everything a published post-mortem shows, gathered once and rendered twice (Block Kit and
 * Markdown). `person` names someone as the reader should see them: a name, or a role when the
 * post-mortem is anonymised. It never returns a mention, so publishing pings no one.
 */
export interface PostmortemDocument {
  incident: Incident;
  postmortem: Postmortem;
  /** In time order; recalled moments among the captured ones. */
  timeline: DocumentEntry[];
  /** The participants' accounts, first written first. */
  perspectives: Perspective[];
  /** Null when no meeting was scheduled (the draft may still name a facilitator and a date). */
  meeting: MeetingDetails | null;
  actionItems: ActionItem[];
  metrics: IncidentMetrics;
  person(userId: string | null | undefined): string;
  /** Where the Markdown file lives in a post-mortems repository. */
  path: string;
  /** Where it is kept in the team's repository (a web link, or its path there); null when it is not written to git. */
  fileLink: string | null;
  /** Past incidents the author confirmed as related, as they stand now; none when left out. */
  related?: PastIncident[];
}
