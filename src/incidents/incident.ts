import type { Severity } from './severity';
import type { Status } from './status';

/** An incident as the product reasons about it. Instants are UTC `Date`s. */
export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  status: Status;
  isPrivate: boolean;
  description: string | null;
  /** The dedicated channel; null only while the incident is being set up. */
  channelId: string | null;
  channelName: string | null;
  /** Null for an incident an alert rule declared, until someone takes command. */
  commanderId: string | null;
  declaredBy: string;
  responderIds: string[];
  impactStartedAt: Date;
  declaredAt: Date;
  detectedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
  /** The pinned incident card in the incident channel. */
  cardTs: string | null;
  /** The announcement in the incidents channel, kept current. */
  announcement: { channelId: string; ts: string } | null;
  /** Set once the channel, members, topic, card and announcement all exist. */
  setupCompletedAt: Date | null;
}

/** An incident whose channel exists: every incident once its set-up has created the channel. */
export type ReadyIncident = Incident & { channelId: string };

export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = 3000;
export const RESOLUTION_NOTE_MAX = 500;

/** What a person asked for in the declare form. */
export interface DeclareRequest {
  /** Makes a repeated submission of the same form declare one incident (the view id). */
  requestKey: string;
  title: string;
  /** Null when none was picked; validation asks for one. */
  severity: Severity | null;
  description: string | null;
  declaredBy: string;
  responderIds: string[];
  isPrivate: boolean;
  impactStartedAt: Date | null;
  /** Who leads it; null leaves the role open (an alert rule declared it): the card asks someone to take command. */
  commanderId?: string | null;
}
