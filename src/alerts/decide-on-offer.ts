import { AppError } from '../errors';
import type { DeclareOptions } from '../incidents/declare-incident';
import type { Severity } from '../incidents/severity';
import { toStoredInstant } from '../db/instant';
import { EARLIEST_INCIDENT_TIME } from '../incidents/validate-declare';
import type { AlertDeps } from './alert-deps';
import { earliestStart } from './alert-group';
import { loadGroupView } from './alert-queries';
import { refreshStorm } from './alert-storm';
import { declineGroup } from './alerts.repository';
import { alertSummaryText } from './alert-summary-text';
import { linkAlertGroup } from './link-alert-group';
import { showAlertGroup } from './show-alert-group';

/** The declare form's answers, filled in from the alert. */
export interface AlertDeclareDraft {
  title: string;
  severity: Severity;
  description: string;
  impactStartedAt: Date | null;
}

export const DISMISS_REASON_MAX = 500;

/**
 * What the declare form starts with when someone presses Declare incident on an offer: the alert's
 * title, its mapped severity, what is firing, and impact from the earliest alert start. Refused
 * when the group already belongs to an open incident.
 */
export async function alertDeclareDraft(deps: AlertDeps, groupId: string): Promise<AlertDeclareDraft> {
  const view = await loadGroupView(deps.db, groupId);
  if (view.group.state === 'linked' && view.incident?.open) {
    throw new AppError('alert_already_linked', 'an incident was already declared for this alert. Look for it in the incidents channel.');
  }
  const started = earliestStart(view.alerts);
  const now = deps.clock.now();
  return {
    title: view.group.title,
    severity: view.group.severity,
    description: alertSummaryText(view.alerts),
    impactStartedAt: started && started >= EARLIEST_INCIDENT_TIME && started <= now ? started : null,
  };
}

/** Declaring from an offer links the alert in the same transaction: both happen, or neither. */
export function linkOnDeclare(groupId: string): DeclareOptions {
  return { within: (trx, incidentId, now) => linkAlertGroup(trx, groupId, incidentId, now) };
}

/** "Not an incident", with the reason a person gave: recorded, and the offer says so. */
export async function dismissAlertGroup(deps: AlertDeps, groupId: string, userId: string, reason: string): Promise<void> {
  const text = reason.trim();
  if (!text) throw new AppError('reason_required', 'say in a few words why this is not an incident.');
  if (text.length > DISMISS_REASON_MAX) throw new AppError('reason_too_long', `keep the reason to ${DISMISS_REASON_MAX} characters.`);
  const view = await loadGroupView(deps.db, groupId);
  if (!(await declineGroup(deps.db, groupId, userId, text, toStoredInstant(deps.clock.now())))) {
    throw new AppError('alert_already_linked', view.group.state === 'linked' ? 'an incident was already declared for this alert.' : 'someone already decided about this alert.');
  }
  deps.logger.info({ alertGroup: groupId }, 'alert dismissed as not an incident');
  await showDecision(deps, groupId);
}

/** Shows a person's decision on the offer, and on the storm list that held the group. */
export async function showDecision(deps: AlertDeps, groupId: string): Promise<void> {
  const storm = await showAlertGroup(deps, groupId);
  if (storm) await refreshStorm(deps, storm);
}
