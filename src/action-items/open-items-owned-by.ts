import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { ActionItem } from './action-item';
import { toActionItem } from './action-item-mapper';
import { listOpenItemsOwnedBy } from './action-items.repository';

/** A person's open action items, earliest due first, across every incident. */
export async function openItemsOwnedBy(db: Kysely<Database>, ownerId: string): Promise<ActionItem[]> {
  return (await listOpenItemsOwnedBy(db, ownerId)).map(toActionItem);
}
