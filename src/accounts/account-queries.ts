import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Account } from './account';
import { toAccount } from './account-mapper';
import { findAccount, listAccounts } from './accounts.repository';

/** Every account asked for or written for the incident, in the order people were asked. */
export async function accountsOf(db: Kysely<Database>, incidentId: string): Promise<Account[]> {
  return (await listAccounts(db, incidentId)).map(toAccount);
}

/** One person's account of the incident, if they were asked or wrote one. */
export async function accountOf(db: Kysely<Database>, incidentId: string, userId: string): Promise<Account | undefined> {
  const row = await findAccount(db, incidentId, userId);
  return row ? toAccount(row) : undefined;
}
