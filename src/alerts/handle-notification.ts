import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import { declareIncident } from '../incidents/declare-incident';
import type { Incident, ReadyIncident } from '../incidents/incident';
import { loadIncident, openIncidents } from '../incidents/incident-queries';
import { isClosed } from '../incidents/status';
import { EARLIEST_INCIDENT_TIME } from '../incidents/validate-declare';
import type { AlertDeps } from './alert-deps';
import { type AlertGroup, earliestStart, isFiring } from './alert-group';
import { toAlertGroup, toAlertRow, toReceivedAlert } from './alert-group-mapper';
import type { AlertNotification, ReceivedAlert } from './alert-notification';
import { linkedAlertsOf } from './alert-queries';
import { joinStorm, offerAllowed } from './alert-storm';
import { claimResolvePrompt, clearResolvePrompt } from './alert-storms.repository';
import { type AlertTransition, applyNotification } from './apply-notification';
import {
  type AlertGroupRow,
  alertsOfGroup,
  alertsOfGroups,
  deleteResolvedAlertsBefore,
  linkedGroupsOfIncidents,
  updateGroup,
  upsertAlert,
} from './alerts.repository';
import { linkAlertGroup, recordTransitions } from './link-alert-group';
import { decideAlert } from './rules/decide-alert';
import { alertSummaryText } from './alert-summary-text';
import { groupTitle } from './sources/notification';
import type { AlertDecision } from './rules/alert-rules';
import { showAlertGroup } from './show-alert-group';

/** What handling a notification did, kept on its row for the record and the logs. */
export type NotificationOutcome = 'offered' | 'held' | 'declared' | 'attached' | 'linked' | 'ignored' | 'updated' | 'quiet';

export interface HandlingContext {
  /** When the notification arrived: a new round of firing is detected then. */
  receivedAt: Date;
  /** Channels whose storm message must be refreshed once the pass is done. */
  storms: Set<string>;
  /**
   * Groups whose offer only needs editing: edited once after the group's notifications in this
   * pass, so a burst of notifications costs one `chat.update`, not one each.
   */
  edits: Set<string>;
  /**
   * Incidents whose card must show what their alerts did: refreshed once after the group's
   * notifications in this pass, so an alert burst costs one card update, not one each.
   */
  cards: Set<string>;
}

/**
 * Handles one notification of a group, whose lease the caller holds: stores what it says about
 * the alerts, then either follows the incident the group is linked to (timeline entries at the
 * alerts' own times, the card, "all alerts resolved?") or, for a group that starts firing and
 * belongs to no open incident, does what the rules say: offer it, declare, attach or ignore.
 */
export async function handleNotification(deps: AlertDeps, row: AlertGroupRow, notification: AlertNotification, context: HandlingContext): Promise<NotificationOutcome> {
  const { db, clock } = deps;
  const now = clock.now();
  const stored = toAlertGroup(row);
  const known = (await alertsOfGroup(db, stored.id)).map(toReceivedAlert);
  const applied = applyNotification(known, notification.alerts);
  const decision = decideAlert(deps.policy.rules, { ...notification, alerts: applied.alerts });
  // From all the group's alerts, not this notification's: notifications may arrive out of order.
  const group = { ...stored, title: groupTitle(applied.alerts), severity: decision.severity };
  const incident = group.state === 'linked' && group.incidentId ? await loadIncident(db, group.incidentId).catch(() => undefined) : undefined;
  const following = incident && !isClosed(incident.status) ? (incident as ReadyIncident) : undefined;
  const earliest = earliestStart(applied.alerts);

  await db.transaction().execute(async (trx) => {
    for (const alert of applied.changed) await upsertAlert(trx, toAlertRow(group.id, alert, now));
    await updateGroup(trx, group.id, {
      title: group.title,
      severity: group.severity,
      last_received_at: toStoredInstant(context.receivedAt),
      earliest_starts_at: earliest ? toStoredInstant(earliest) : null,
      updated_at: toStoredInstant(now),
    });
    if (following) await recordTransitions(trx, following.id, group.source, applied.transitions, now);
  });

  if (following) {
    await followIncident(deps, following, applied.transitions, context);
    if (group.offerTs) context.edits.add(group.id);
    return 'linked';
  }
  const startsFiring = isFiring(applied.alerts) && (group.state === 'new' || group.state === 'quiet' || !isFiring(known));
  if (!startsFiring) {
    if (group.state === 'new') await updateGroup(db, group.id, { state: 'quiet', updated_at: toStoredInstant(now) });
    // An offer due but not posted (an attempt that failed or died) is posted now; others are edited later.
    if (group.state === 'offered' && !group.offerTs) await show(deps, group.id, context);
    else context.edits.add(group.id);
    return group.state === 'new' || group.state === 'quiet' ? 'quiet' : 'updated';
  }
  if (group.state === 'new') return decide(deps, group, decision, applied.alerts, context);
  // Firing again after it had all resolved (or after its incident closed): a new round, detected
  // now. Alerts that had resolved before the last notification belong to the round that is over.
  await deleteResolvedAlertsBefore(db, group.id, toStoredInstant(stored.lastReceivedAt));
  const current = (await alertsOfGroup(db, group.id)).map(toReceivedAlert);
  const started = earliestStart(current);
  await updateGroup(db, group.id, {
    first_received_at: toStoredInstant(context.receivedAt),
    earliest_starts_at: started ? toStoredInstant(started) : null,
    incident_id: null,
  });
  return decide(deps, { ...group, firstReceivedAt: context.receivedAt, earliestStartsAt: started }, decision, current, context);
}

async function decide(deps: AlertDeps, group: AlertGroup, decision: AlertDecision, alerts: ReceivedAlert[], context: HandlingContext): Promise<NotificationOutcome> {
  const { db, clock, logger } = deps;
  // One instant for holding the group and starting the storm: the storm lists groups held since it began.
  const at = clock.now();
  const now = toStoredInstant(at);
  const log = logger.child({ alertGroup: group.id, source: group.source, rule: decision.rule });
  if (decision.action === 'ignore') {
    await updateGroup(db, group.id, { state: 'ignored', rule: decision.rule, updated_at: now });
    return 'ignored';
  }
  if (decision.action === 'declare') {
    await declareForRule(deps, group, decision, alerts, context);
    log.info('incident declared from an alert');
    return 'declared';
  }
  if (decision.action === 'attach') {
    const target = await attachTarget(deps, group.id, alerts, decision.attachBy);
    if (target) {
      await db.transaction().execute((trx) => linkAlertGroup(trx, group.id, target.id, clock.now()));
      await updateGroup(db, group.id, { rule: decision.rule });
      context.cards.add(target.id);
      await followIncident(deps, target as ReadyIncident, [], context);
      log.info({ incidentId: target.id }, 'alert attached to an open incident');
      return 'attached';
    }
  }
  const channel = decision.channel ?? deps.policy.incidentsChannel;
  if (!channel) throw new AppError('alert_not_found', 'no channel to offer the alert in: set INCIDENTS_CHANNEL or a rule channel.');
  const offered = await offerAllowed(deps, channel, at);
  const common = { rule: decision.rule, channel_id: channel, offer_ts: null, declined_by: null, declined_reason: null, declined_at: null, updated_at: now };
  if (offered) {
    await updateGroup(db, group.id, { ...common, state: 'offered', offered_at: now, held_at: null });
  } else {
    await joinStorm(deps, channel, at);
    await updateGroup(db, group.id, { ...common, state: 'held', held_at: now });
  }
  await show(deps, group.id, context, offered);
  return offered ? 'offered' : 'held';
}

async function show(deps: AlertDeps, groupId: string, context: HandlingContext, justOffered = false): Promise<void> {
  const storm = await showAlertGroup(deps, groupId, justOffered);
  if (storm) context.storms.add(storm);
}

/**
 * A linked group's news in its incident: one message for what fired or resolved, the card, the
 * offer edited in place, and, once every linked alert has resolved, one question whether to
 * resolve the incident (a person decides; an alert never resolves it).
 */
async function followIncident(deps: AlertDeps, incident: ReadyIncident, transitions: AlertTransition[], context: HandlingContext): Promise<void> {
  if (transitions.length > 0) {
    await deps.port.noteAlertChanges(incident, transitions);
    context.cards.add(incident.id);
  }
  const alerts = await linkedAlertsOf(deps.db, incident.id);
  if (alerts.some((a) => a.status === 'firing')) {
    await clearResolvePrompt(deps.db, incident.id);
  } else if (alerts.length > 0 && (await claimResolvePrompt(deps.db, incident.id, toStoredInstant(deps.clock.now())))) {
    try {
      await deps.port.askToResolve(incident);
    } catch (error) {
      await clearResolvePrompt(deps.db, incident.id);
      throw error;
    }
  }
}

/** A `declare` rule: the incident is declared by the bot, with the rule's responders and nobody in command yet. */
async function declareForRule(deps: AlertDeps, group: AlertGroup, decision: AlertDecision, alerts: ReceivedAlert[], context: HandlingContext): Promise<Incident> {
  if (!deps.botUserId) throw new AppError('alert_not_found', 'the bot does not know its own user yet.');
  const now = deps.clock.now();
  const started = earliestStart(alerts);
  const impact = started && started >= EARLIEST_INCIDENT_TIME && started <= now ? started : now;
  await updateGroup(deps.db, group.id, { rule: decision.rule, channel_id: decision.channel ?? deps.policy.incidentsChannel ?? null });
  const outcome = await declareIncident(
    deps.incidents,
    {
      // The group and its round: a retry of this notification finds the same incident.
      requestKey: `alert:${group.id}:${toStoredInstant(group.firstReceivedAt)}`,
      title: group.title,
      severity: decision.severity,
      description: alertSummaryText(alerts),
      declaredBy: deps.botUserId,
      commanderId: null,
      responderIds: decision.responders,
      isPrivate: false,
      impactStartedAt: impact,
    },
    { within: (trx, incidentId, at) => linkAlertGroup(trx, group.id, incidentId, at) },
  );
  return outcome.incident;
}

/**
 * The open incident whose linked alerts share every `attachBy` label with this group's alerts
 * (the same `service`, say); the most recently declared when several do.
 */
async function attachTarget(deps: AlertDeps, groupId: string, alerts: ReceivedAlert[], attachBy: string[]): Promise<Incident | undefined> {
  if (attachBy.length === 0) return undefined;
  const valuesOf = (list: ReceivedAlert[], label: string) => new Set(list.map((a) => a.labels[label] ?? '').filter(Boolean));
  const open = (await openIncidents(deps.db)).sort((a, b) => b.declaredAt.getTime() - a.declaredAt.getTime());
  const groups = (await linkedGroupsOfIncidents(deps.db, open.map((i) => i.id))).filter((g) => g.id !== groupId);
  const theirs = (await alertsOfGroups(deps.db, groups.map((g) => g.id))).map((row) => ({ groupId: row.group_id, alert: toReceivedAlert(row) }));
  for (const incident of open) {
    const ids = new Set(groups.filter((g) => g.incident_id === incident.id).map((g) => g.id));
    const linked = theirs.filter((t) => ids.has(t.groupId)).map((t) => t.alert);
    const shares = attachBy.every((label) => {
      const ours = valuesOf(alerts, label);
      return [...valuesOf(linked, label)].some((value) => ours.has(value));
    });
    if (linked.length > 0 && shares) return incident;
  }
  return undefined;
}

