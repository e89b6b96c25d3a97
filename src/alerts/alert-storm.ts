import { fromStoredInstant, toStoredInstant } from '../db/instant';
import type { AlertDeps } from './alert-deps';
import { toAlertGroup } from './alert-group-mapper';
import { viewOf } from './alert-queries';
import { claimStormPosting, findStorm, recordStormMessage, startStorm, touchStorm } from './alert-storms.repository';
import { countOffersSince, heldGroupsSince } from './alerts.repository';

/** The window the offer limit counts in. */
const OFFER_WINDOW_MS = 60_000;
/** A storm message quiet this long is finished: the next held group starts a new one. */
const STORM_QUIET_MS = 10 * 60_000;
/** How long one process may take to post a storm message before another may. */
const STORM_POSTING_MS = 60_000;

/** Whether the channel may take another offer this minute, or the group must be held in the storm list. */
export async function offerAllowed(deps: AlertDeps, channelId: string, now: Date): Promise<boolean> {
  const recent = await countOffersSince(deps.db, channelId, toStoredInstant(new Date(now.getTime() - OFFER_WINDOW_MS)));
  return recent < deps.policy.offersPerMinute;
}

/** Makes sure a current storm exists in the channel before a group is held in it. */
export async function joinStorm(deps: AlertDeps, channelId: string, now: Date): Promise<void> {
  const storm = await findStorm(deps.db, channelId);
  if (!storm || new Date(storm.updated_at).getTime() < now.getTime() - STORM_QUIET_MS) {
    await startStorm(deps.db, channelId, toStoredInstant(now));
  } else {
    await touchStorm(deps.db, channelId, toStoredInstant(now));
  }
}

/**
 * Shows the channel's storm message as it is now: posted once, then edited in place as groups are
 * held, declared, dismissed or resolved, so a storm costs one message however many groups fire.
 */
export async function refreshStorm(deps: AlertDeps, channelId: string): Promise<void> {
  const { db, clock, port } = deps;
  const storm = await findStorm(db, channelId);
  if (!storm) return;
  const rows = await heldGroupsSince(db, channelId, storm.started_at);
  if (rows.length === 0) return;
  const held = await Promise.all(rows.map((row) => viewOf(db, toAlertGroup(row))));
  const list = { held, offersPerMinute: deps.policy.offersPerMinute };
  const now = clock.now();
  if (storm.message_ts) {
    await port.updateStorm(channelId, storm.message_ts, list);
    return;
  }
  if (!(await claimStormPosting(db, channelId, toStoredInstant(now), toStoredInstant(new Date(now.getTime() + STORM_POSTING_MS))))) return;
  // An attempt that died after Slack posted the message left it unrecorded: find it, never post twice.
  const startedAt = fromStoredInstant(storm.started_at);
  const ts = (await port.findStorm(channelId, startedAt)) ?? (await port.postStorm(channelId, startedAt, list));
  await recordStormMessage(db, channelId, ts);
}
