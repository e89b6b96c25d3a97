import { fromStoredInstant } from '../db/instant';
import type { ActionItem, ActionItemStatus, ActionItemType, VerificationStatus } from './action-item';
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
    issue: row.issue_label && row.issue_url ? { label: row.issue_label, url: row.issue_url } : null,
    verifyAfterDays: row.verify_after_days,
    verification: row.verification
      ? {
          status: row.verification as VerificationStatus,
          at: row.verify_at ? fromStoredInstant(row.verify_at) : null,
          asks: row.verify_asks,
          by: row.verified_by,
          decidedAt: row.verified_at ? fromStoredInstant(row.verified_at) : null,
        }
      : null,
    verificationNote: row.verification_note,
    createdBy: row.created_by,
    createdAt: fromStoredInstant(row.created_at),
  };
}
