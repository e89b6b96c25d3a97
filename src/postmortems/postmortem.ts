/** The three questions causes answer; a post-mortem never settles on a single cause. */
export const CAUSE_GROUPS = ['avoid', 'detect', 'fixFaster'] as const;
export type CauseGroup = (typeof CAUSE_GROUPS)[number];

export const CAUSE_GROUP_QUESTIONS: Record<CauseGroup, string> = {
  avoid: 'How could we have avoided it?',
  detect: 'How could we have detected it sooner?',
  fixFaster: 'How could we have fixed it faster?',
};

/** What people write. Lists hold one entry per line of the form. */
export interface PostmortemContent {
  summary: string;
  impact: string;
  causes: Record<CauseGroup, string[]>;
  fiveWhys: string[];
  wentWell: string[];
  wentWrong: string[];
  gotLucky: string[];
  facilitatorId: string | null;
  /** Calendar day of the review meeting, `yyyy-MM-dd`, in the zone of whoever schedules it. */
  meetingDate: string | null;
  /** Its start, `HH:mm`, with the date. */
  meetingTime: string | null;
  /** The zone the date and time were set in: whoever last changed them (see saveDraft). */
  meetingTimeZone: string | null;
  /** Whom to invite to the review; null until the author edits the proposed list. */
  invitees: string[] | null;
  tags: string[];
  /** Publish people as roles ("Commander", "Responder A") instead of names. */
  anonymise: boolean;
  /**
   * Past incidents the author confirmed as related (suggested by similarity, kept in the form);
   * null until the author has chosen, when the form offers the suggestions ticked.
   */
  relatedIncidentIds: string[] | null;
}

export const EMPTY_CONTENT: PostmortemContent = {
  summary: '',
  impact: '',
  causes: { avoid: [], detect: [], fixFaster: [] },
  fiveWhys: [],
  wentWell: [],
  wentWrong: [],
  gotLucky: [],
  facilitatorId: null,
  meetingDate: null,
  meetingTime: null,
  meetingTimeZone: null,
  invitees: null,
  tags: [],
  anonymise: false,
  relatedIncidentIds: null,
};

export interface Postmortem {
  id: string;
  incidentId: string;
  content: PostmortemContent;
  /** Bumped on every save; a form opened at an older version was overtaken by someone else. */
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
  /** Everyone who saved it, in order of first save. */
  authorIds: string[];
  publishedAt: Date | null;
  publishedBy: string | null;
  /** Blameless-language notes the author chose to publish anyway. */
  overriddenNotes: BlamelessNote[];
}

/** One place where the wording looks for someone to blame, with what to do instead. */
export interface BlamelessNote {
  /** Which part of the post-mortem, e.g. "How could we have avoided it? (2)" or "Action item 3". */
  where: string;
  /** The words that triggered the note, as written. */
  quote: string;
  message: string;
  suggestion: string;
}

/** Fewer causes than this and the post-mortem cannot be published. */
export const MIN_CAUSES = 2;

export function causeCount(content: PostmortemContent): number {
  return content.causes.avoid.length + content.causes.detect.length + content.causes.fixFaster.length;
}

/** Text with one entry per line → the entries, bullets and blank lines dropped. */
export function linesOf(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter(Boolean);
}
