import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { ChannelMessage } from './timeline-entry';
import { deleteMessageEntries, updateMessageEntries } from './timeline.repository';

/** A captured message was edited: its entries follow (unless a person corrected them since). */
export function messageEdited(db: Kysely<Database>, message: Pick<ChannelMessage, 'channelId' | 'ts' | 'text' | 'filesNote'>) {
  return updateMessageEntries(db, { channelId: message.channelId, ts: message.ts }, message);
}

/** A captured message was deleted: so are its entries. */
export function messageDeleted(db: Kysely<Database>, channelId: string, ts: string) {
  return deleteMessageEntries(db, { channelId, ts });
}
