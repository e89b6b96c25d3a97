import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { ActionItem } from './action-item';
import { toActionItem } from './action-item-mapper';
import { listDoneItemsOwnedBy, listOpenItemsOwnedBy } from './action-items.repository';
import { toStoredInstant } from '../db/instant';

/** A person's open action items, earliest due first, across every incident. */
export async function openItemsOwnedBy(db: Kysely<Database>, ownerId: string): Promise<ActionItem[]> {
  return (await listOpenItemsOwnedBy(db, ownerId)).map(toActionItem);
}

/** A person's items done since `since`, latest first, at most `limit`: done, verified, or waiting for the check. */
export async function doneItemsOwnedBy(db: Kysely<Database>, ownerId: string, since: Date, limit: number): Promise<ActionItem[]> {
  return (await listDoneItemsOwnedBy(db, ownerId, toStoredInstant(since), limit)).map(toActionItem);
}
