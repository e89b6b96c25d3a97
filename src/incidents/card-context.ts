/**
 * An alert linked to an incident, as its card lists it. The alerts feature keeps them; the
 * incident only shows them.
 */
export interface LinkedAlert {
  name: string;
  status: 'firing' | 'resolved';
  startsAt: Date;
  endsAt: Date | null;
  /** Where to look further (the alert's own page, or its generator). */
  link: string | null;
}

/**
 * What the card shows beside the incident itself, kept by other features: its alerts, and where
 * its published post-mortem is in the team's repository. Supplied through
 * `IncidentDeps.cardContext`, so the incidents feature imports neither.
 */
export interface CardContext {
  alerts: LinkedAlert[];
  /** A web link or repository path to the post-mortem's file; null when it is not in git. */
  postmortemLink: string | null;
}

export const EMPTY_CARD_CONTEXT: CardContext = { alerts: [], postmortemLink: null };
