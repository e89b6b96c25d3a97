/**
 * An alert linked to an incident, as its card lists it. The alerts feature keeps them; the
 * incident only shows them, through `IncidentDeps.linkedAlerts`.
 */
export interface LinkedAlert {
  name: string;
  status: 'firing' | 'resolved';
  startsAt: Date;
  endsAt: Date | null;
  /** Where to look further (the alert's own page, or its generator). */
  link: string | null;
}
