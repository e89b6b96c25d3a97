import { toStoredInstant } from '../db/instant';
import type { AlertDeps } from './alert-deps';
import { loadGroupView } from './alert-queries';
import { updateGroup } from './alerts.repository';

/**
 * Brings the group's offer up to date: posts it when it is due and not yet posted (looking first
 * for one an interrupted attempt posted), or edits it in place. Returns the channel of the storm
 * message that lists the group, if any, so the caller refreshes it once for many groups.
 */
export async function showAlertGroup(deps: AlertDeps, groupId: string, retrying = false): Promise<string | null> {
  const view = await loadGroupView(deps.db, groupId);
  const { group } = view;
  const channel = group.channelId;
  if (!channel) return null;
  if (group.offerTs) {
    await deps.port.updateOffer(channel, group.offerTs, view);
  } else if (group.state === 'offered') {
    const found = retrying ? await deps.port.findOffer(channel, group.id, group.offeredAt ?? group.firstReceivedAt) : undefined;
    const ts = found ?? (await deps.port.postOffer(channel, view));
    await updateGroup(deps.db, group.id, { offer_ts: ts, updated_at: toStoredInstant(deps.clock.now()) });
  }
  return group.heldAt ? channel : null;
}
