import type { Severity } from '../../incidents/severity';

/** A colour per severity, so a glance at the card or the announcement says how bad it is. */
export const SEVERITY_EMOJI: Record<Severity, string> = {
  SEV1: ':red_circle:',
  SEV2: ':large_orange_circle:',
  SEV3: ':large_yellow_circle:',
  SEV4: ':large_blue_circle:',
};
