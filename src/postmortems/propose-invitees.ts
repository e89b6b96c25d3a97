import { participantsOf } from '../accounts/participants-of';
import type { Incident } from '../incidents/incident';
import type { Postmortem } from './postmortem';
import type { PostmortemDeps } from './postmortem-deps';

export interface ReviewProposal {
  /** Who identified, responded to and diagnosed it (everyone asked for an account), and the authors. */
  invitees: string[];
  /** Someone who was not the commander: an author first, else another participant. */
  facilitatorId: string | null;
}

/**
 * Whom the review meeting would invite and who would lead it, before the author edits the list.
 * The commander is invited but never proposed as facilitator: the person who led the response
 * should be free to tell it.
 */
export async function proposeReview(deps: PostmortemDeps, incident: Incident, postmortem: Postmortem): Promise<ReviewProposal> {
  const participants = await participantsOf(deps.accounts, incident);
  const invitees = [...new Set([...participants, ...postmortem.authorIds])];
  const notCommander = (id: string) => id !== incident.commanderId;
  const facilitatorId = postmortem.authorIds.find(notCommander) ?? participants.find(notCommander) ?? null;
  return { invitees, facilitatorId };
}

/** The review as the draft has it: the author's choices, the proposal where they made none. */
export async function reviewPlan(deps: PostmortemDeps, incident: Incident, postmortem: Postmortem): Promise<ReviewProposal> {
  const { content } = postmortem;
  if (content.invitees !== null && content.facilitatorId) return { invitees: content.invitees, facilitatorId: content.facilitatorId };
  const proposal = await proposeReview(deps, incident, postmortem);
  return { invitees: content.invitees ?? proposal.invitees, facilitatorId: content.facilitatorId ?? proposal.facilitatorId };
}
