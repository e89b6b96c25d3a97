import { fromStoredInstant } from '../db/instant';
import type { ActionItem, ActionItemStatus, ActionItemType } from './action-item';
import type { ActionItemRow } from './action-items.repository';

export function toActionItem(row: ActionItemRow): ActionItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    description: row.description,
    ownerId: row.owner_id,
    dueDate: row.due_date,
    type: row.type as ActionItemType,
    ticketUrl: row.ticket_url,
    status: row.status as ActionItemStatus,
    statusReason: row.status_reason,
    statusChangedBy: row.status_changed_by,
    statusChangedAt: row.status_changed_at ? fromStoredInstant(row.status_changed_at) : null,
    createdBy: row.created_by,
    createdAt: fromStoredInstant(row.created_at),
  };
}
