import type { ActionItemDeps } from './action-item-deps';
import { markDone, markWontDo } from './change-item-status';

/**
 * "Done": reminders stop, the incident channel hears of it, and the published post-mortem shows
 * it. The item is closed either way; telling the channel and refreshing are each tried and logged.
 */
export async function completeActionItem(deps: ActionItemDeps, itemId: string, userId: string) {
  const closed = await markDone(deps, itemId, userId);
  const { item, incident } = closed;
  deps.logger.info({ itemId: item.id, by: userId }, 'action item done');
  await deps.port.noteDone(item, incident).catch((err: unknown) => deps.logger.warn({ err, itemId: item.id }, 'could not tell the incident channel'));
  await issueChanged(deps, item.id);
  await refreshPublished(deps, incident.id, item.id);
  return closed;
}

/** "Won't do", with the reason: reminders stop and the published post-mortem shows why. */
export async function declineActionItem(deps: ActionItemDeps, itemId: string, userId: string, reason: string) {
  const closed = await markWontDo(deps, itemId, userId, reason);
  deps.logger.info({ itemId: closed.item.id, by: userId }, "action item closed as won't do");
  await issueChanged(deps, closed.item.id);
  await refreshPublished(deps, closed.incident.id, closed.item.id);
  return closed;
}

async function refreshPublished(deps: ActionItemDeps, incidentId: string, itemId: string): Promise<void> {
  await deps.published
    .refresh(incidentId)
    .catch((err: unknown) => deps.logger.warn({ err, itemId }, 'could not update the published post-mortem'));
}

/** Its issue follows, in the background; a failure to ask is logged and the item stays closed. */
async function issueChanged(deps: ActionItemDeps, itemId: string): Promise<void> {
  await deps.issues?.changed(itemId).catch((err: unknown) => deps.logger.warn({ err, itemId }, 'could not ask for the issue to follow'));
}
