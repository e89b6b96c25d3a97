import type { StoredInstant } from '../../db/instant';

/** The bot's running processes, each saying every few seconds that it is alive. */
export interface SlackReplicasTable {
  id: string;
  seen_at: StoredInstant;
}
