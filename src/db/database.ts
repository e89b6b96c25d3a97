import type { EventReceiptsTable } from '../slack/event-receipts/event-receipts.table';

/** Every table the bot stores, as Kysely sees them. Each feature owns its `*.table.ts`. */
export interface Database {
  event_receipts: EventReceiptsTable;
}
