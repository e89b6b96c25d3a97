import type { ModalView } from '@slack/types';
import { accountsOf } from '../../accounts/account-queries';
import { actionItemsFor } from '../../action-items/action-item-service';
import type { Incident } from '../../incidents/incident';
import type { PostmortemContent } from '../../postmortems/postmortem';
import { postmortemFor } from '../../postmortems/postmortem-queries';
import { proposeReview } from '../../postmortems/propose-invitees';
import { postmortemModal } from '../blocks/postmortem-modal';
import type { ListenerDeps, Services } from '../listeners/listener-deps';
import { reviewMeetingOf } from '../../postmortems/review-meeting-queries';
import { relatedChoices } from '../../recurrence/related-incidents';

/**
 * The post-mortem form as last saved, with its action items, the participants' accounts and the
 * review meeting. `content` replaces the saved sections (someone else saved meanwhile, and what
 * this person typed must not be lost); `basedOnVersion` keeps the version a refreshed form was
 * opened on, so that a later save over someone else's is still caught. The review's facilitator
 * and invitees are proposed only where the author has not chosen them.
 */
export async function postmortemFormView(
  deps: ListenerDeps,
  services: Services,
  incident: Incident,
  options: { content?: PostmortemContent; notice?: string; basedOnVersion?: number } = {},
): Promise<ModalView> {
  const postmortem = await postmortemFor(deps.db, incident.id);
  const content = options.content ?? postmortem.content;
  const unchosen = content.facilitatorId === null || content.invitees === null;
  const [items, accounts, meeting, proposal, related] = await Promise.all([
    actionItemsFor(deps.db, incident.id),
    accountsOf(deps.db, incident.id),
    reviewMeetingOf(deps.db, incident.id),
    // A proposal is a help, not the form: without it (Slack could not say who is a person), the form still opens.
    unchosen
      ? proposeReview(services.postmortems, incident, postmortem).catch((err: unknown) => {
          deps.logger.warn({ err, incidentId: incident.id }, 'could not propose the review meeting');
          return null;
        })
      : null,
    // Likewise the related incidents: a suggestion that cannot be looked up leaves the section out.
    relatedChoices(services.recurrence, incident, content.relatedIncidentIds).catch((err: unknown) => {
      deps.logger.warn({ err, incidentId: incident.id }, 'could not suggest related incidents');
      return null;
    }),
  ]);
  return postmortemModal(incident, postmortem, content, items, {
    notice: options.notice,
    basedOnVersion: options.basedOnVersion,
    accounts,
    proposal,
    meeting,
    related,
  });
}
