import type { ModalView } from '@slack/types';
import { actionItemsFor } from '../../action-items/action-item-service';
import type { Incident } from '../../incidents/incident';
import type { PostmortemContent } from '../../postmortems/postmortem';
import { postmortemFor } from '../../postmortems/postmortem-queries';
import { postmortemModal } from '../blocks/postmortem-modal';
import type { ListenerDeps } from '../listeners/listener-deps';

/**
 * The post-mortem form as last saved, with its action items. `content` replaces the saved
 * sections (someone else saved meanwhile, and what this person typed must not be lost);
 * `basedOnVersion` keeps the version a refreshed form was opened on, so that a later save over
 * someone else's is still caught.
 */
export async function postmortemFormView(
  deps: ListenerDeps,
  incident: Incident,
  options: { content?: PostmortemContent; notice?: string; basedOnVersion?: number } = {},
): Promise<ModalView> {
  const postmortem = await postmortemFor(deps.db, incident.id);
  const items = await actionItemsFor(deps.db, incident.id);
  return postmortemModal(incident, postmortem, options.content ?? postmortem.content, items, options.notice, options.basedOnVersion);
}
