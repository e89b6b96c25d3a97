import { toStoredInstant } from '../db/instant';
import type { AlertDeps } from './alert-deps';
import { loadGroupView } from './alert-queries';
import { updateGroup } from './alerts.repository';

/**
 * Brings the group's offer up to date: posts it when it is due and not yet posted, or edits it in
 * place. An offer due but not recorded may have been posted by an attempt that died between
 * Slack's answer and our write: it is looked for first, unless this very handling just decided to
 * offer (`justOffered`). Returns the channel of the storm message that lists the group, if any, so
 * the caller refreshes it once for many groups.
 */
export async function showAlertGroup(deps: AlertDeps, groupId: string, justOffered = false): Promise<string | null> {
  const view = await loadGroupView(deps.db, groupId);
  const { group } = view;
  const channel = group.channelId;
  if (!channel) return null;
  if (group.offerTs) {
    await deps.port.updateOffer(channel, group.offerTs, view);
  } else if (group.state === 'offered') {
    const found = justOffered ? undefined : await deps.port.findOffer(channel, group.id, group.offeredAt ?? group.firstReceivedAt);
    const ts = found ?? (await deps.port.postOffer(channel, view));
    await updateGroup(deps.db, group.id, { offer_ts: ts, updated_at: toStoredInstant(deps.clock.now()) });
  }
  return group.heldAt ? channel : null;
}
