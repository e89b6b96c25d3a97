import type { Clock } from '../clock';
import { type StoredInstant, toStoredInstant } from '../db/instant';

export interface ClaimedChunks<T> {
  clock: Clock;
  /** How long a claim holds: longer than handling a chunk takes. */
  leaseMs: number;
  /** The most handled in one pass. */
  batch: number;
  /** The most claimed at once. */
  chunk: number;
  /** Claims up to `limit` due rows until `until`; rows another process holds are not returned. */
  claim(now: StoredInstant, until: StoredInstant, limit: number): Promise<T[]>;
  /** Handles one claimed row; true when it counts (sent, asked). */
  handle(row: T, claim: StoredInstant): Promise<boolean>;
}

/**
 * Claims due work a chunk at a time and handles it, until nothing is due or a pass's worth was
 * handled. Each claim runs from when it is taken, so a long pass never outlives the claims it
 * holds. Returns how many rows counted.
 */
export async function workClaimedChunks<T>(work: ClaimedChunks<T>): Promise<number> {
  let counted = 0;
  for (let handled = 0; handled < work.batch; ) {
    const claimedAt = work.clock.now();
    const claim = toStoredInstant(new Date(claimedAt.getTime() + work.leaseMs));
    const claimed = await work.claim(toStoredInstant(claimedAt), claim, Math.min(work.chunk, work.batch - handled));
    if (claimed.length === 0) break;
    handled += claimed.length;
    for (const row of claimed) if (await work.handle(row, claim)) counted += 1;
  }
  return counted;
}
