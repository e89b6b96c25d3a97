import { EMPTY_CARD_CONTEXT } from './card-context';
import type { Updateable } from 'kysely';
import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import { recordSystemEntry } from '../timeline/record-system-entry';
import type { SystemChange, SystemEntry } from '../timeline/timeline-entry';
import type { Incident, ReadyIncident } from './incident';
import type { IncidentDeps } from './incident-deps';
import { loadIncident } from './incident-queries';
import { updateIncident } from './incidents.repository';
import type { IncidentsTable } from './incidents.table';
import type { Severity } from './severity';
import { type OpenStatus, isClosed } from './status';
import { requireMember } from './require-member';
import { requireReady } from './require-ready';
import { validateResolutionNote } from './validate-resolution-note';

export type ChangeResult = { changed: false; incident: Incident } | { changed: true; incident: Incident; entry: SystemEntry };

export function changeSeverity(deps: IncidentDeps, id: string, severity: Severity, actorId: string): Promise<ChangeResult> {
  return applyChange(deps, id, actorId, 'severity', (i) =>
    i.severity === severity ? null : { from: i.severity, to: severity, set: { severity } },
  );
}

/** Moves between the open statuses; resolving goes through {@link resolveIncident}, which needs a note. */
export function changeStatus(deps: IncidentDeps, id: string, status: OpenStatus, actorId: string): Promise<ChangeResult> {
  return applyChange(deps, id, actorId, 'status', (i) => {
    if (isClosed(i.status)) throw new AppError('incident_resolved', 'this incident is resolved; reopen it first.');
    if (i.status === status) return null;
    const set: Updateable<IncidentsTable> = { status };
    if (status === 'monitoring' && !i.mitigatedAt) set.mitigated_at = toStoredInstant(deps.clock.now());
    return { from: i.status, to: status, set };
  });
}

/** The new commander is invited first, so the role never goes to someone outside the channel. */
export function assignCommander(deps: IncidentDeps, id: string, commanderId: string, actorId: string): Promise<ChangeResult> {
  return applyChange(
    deps,
    id,
    actorId,
    'commander',
    (i) => (i.commanderId === commanderId ? null : { from: i.commanderId, to: commanderId, set: { commander_id: commanderId } }),
    async (incident) => {
      if (incident.commanderId !== commanderId) await deps.port.inviteMembers(incident.channelId, [commanderId]);
    },
  );
}

export function resolveIncident(deps: IncidentDeps, id: string, note: string, actorId: string): Promise<ChangeResult> {
  const problem = validateResolutionNote(note);
  if (problem) return Promise.reject(new AppError('invalid_resolution_note', problem));
  return applyChange(deps, id, actorId, 'resolved', (i) => {
    if (isClosed(i.status)) return null;
    const at = deps.clock.now();
    const now = toStoredInstant(at);
    const set: Updateable<IncidentsTable> = { status: 'resolved', resolved_at: now, resolution_note: note.trim() };
    if (!i.mitigatedAt) set.mitigated_at = now;
    if (deps.policy.requiredFor.includes(i.severity)) {
      const due = toStoredInstant(new Date(at.getTime() + deps.policy.dueHours * 3_600_000));
      set.postmortem_due_at = due;
      set.postmortem_nudge_at = due;
    }
    return { from: i.status, to: 'resolved', set, text: note.trim() };
  });
}

export function reopenIncident(deps: IncidentDeps, id: string, actorId: string): Promise<ChangeResult> {
  return applyChange(deps, id, actorId, 'reopened', (i) =>
    !isClosed(i.status)
      ? null
      : {
          from: i.status,
          to: 'investigating',
          set: { status: 'investigating', resolved_at: null, resolution_note: null, postmortem_due_at: null, postmortem_nudge_at: null },
        },
  );
}

/**
 * Publishing the post-mortem closes the incident's life and stops the reminders that it is due.
 * The publisher's membership was checked by publishing itself.
 */
export function markPostmortemPublished(deps: IncidentDeps, id: string, actorId: string): Promise<ChangeResult> {
  return applyChange(
    deps,
    id,
    actorId,
    'postmortem_published',
    (i) =>
      i.status === 'postmortem_published'
        ? null
        : { from: i.status, to: 'postmortem_published', set: { status: 'postmortem_published', postmortem_due_at: null, postmortem_nudge_at: null } },
    undefined,
    // Publishing checked the publisher's membership already (it is the same request).
    (incident) => Promise.resolve(requireReady(incident)),
  );
}

interface Transition {
  from: string | null;
  to: string;
  set: Updateable<IncidentsTable>;
  text?: string;
}

/**
 * Stores a change by a member of the incident channel, with its system timeline entry, then
 * brings Slack up to date. When
 * nothing changes (a repeat, a retry after Slack failed), Slack is still brought up to date, so
 * retrying a change whose update did not reach Slack repairs the card.
 */
async function applyChange(
  deps: IncidentDeps,
  id: string,
  actorId: string,
  change: SystemChange,
  decide: (incident: Incident) => Transition | null,
  /** Work in the workspace that must succeed before the change is stored. */
  prepare?: (incident: ReadyIncident) => Promise<void>,
  /** Who may make the change: by default a member of the incident's channel, as Slack says now. */
  allowed: (incident: Incident) => Promise<ReadyIncident> = (loaded) => requireMember(deps.members, loaded, actorId, 'change it'),
): Promise<ChangeResult> {
  // Only members change an incident: a public channel's card can be seen (and clicked) by anyone.
  const incident = await allowed(await loadIncident(deps.db, id));
  await prepare?.(incident);
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const before = await loadIncident(trx, id);
    const transition = decide(before);
    if (!transition) return { changed: false, incident: before };
    await updateIncident(trx, id, { ...transition.set, updated_at: toStoredInstant(now) });
    const fields = { incidentId: id, occurredAt: now, actorId, change, oldValue: transition.from, newValue: transition.to, text: transition.text ?? null };
    const entryId = await recordSystemEntry(trx, fields, now);
    return {
      changed: true,
      incident: await loadIncident(trx, id),
      entry: { id: entryId, kind: 'system', editedAt: null, editedBy: null, ...fields },
    };
  });
  if (result.changed) {
    deps.logger.info({ incidentId: id, change, from: result.entry.oldValue, to: result.entry.newValue }, 'incident changed');
    if (change === 'resolved') deps.resolved?.(id);
  }
  await publish(deps, id, result.changed ? result.entry : null);
  return result;
}

/**
 * Shows the incident's current state again after a milestone moved one of its times. The topic
 * (severity, status, title) cannot have changed, and Slack announces every topic set in the channel.
 */
export function refreshIncident(deps: IncidentDeps, id: string): Promise<void> {
  return publish(deps, id, null, { topic: false });
}

interface Failure {
  what: string;
  error: unknown;
}

/** What an update of the card and the announcement could not show, told to every change that waited on it. */
class NotShown extends Error {
  constructor(readonly failed: Failure[]) {
    super(`Slack did not update ${failed.map((f) => f.what).join(', ')}`);
  }
}

/**
 * Renders the incident's current state everywhere it shows. The card and the announcement are
 * updated once for all the changes arriving together (see {@link showIncident}); then the topic
 * and this change's own notice follow, so the notice never announces what the card does not
 * show yet. Each step is tried even if another failed. The person who made a change waits until
 * it shows, and is told what did not.
 */
async function publish(deps: IncidentDeps, id: string, entry: SystemEntry | null, options = { topic: true }): Promise<void> {
  const failed: Failure[] = [];
  try {
    await showIncident(deps, id);
  } catch (error) {
    if (!(error instanceof NotShown)) throw error;
    failed.push(...error.failed);
  }
  if (options.topic || entry) {
    // Read again: after a shared update, changes that joined it set the same (latest) topic, which is set once.
    const incident = await loadIncident(deps.db, id);
    const steps: Array<[string, () => Promise<void>]> = [];
    if (options.topic) steps.push(['the channel topic', () => deps.port.setTopic(incident)]);
    if (entry) steps.push(['the channel notice', () => deps.port.postNotice(incident, entry)]);
    const own = await attempt(steps);
    if (own.length > 0) deps.logger.warn({ incidentId: id, failed: own.map((f) => f.what), err: own[0]?.error }, 'incident change not fully shown in Slack');
    failed.push(...own);
  }
  if (failed.length === 0 || !entry) return;
  const reason = failed[0]?.error instanceof Error ? failed[0].error.message : 'Slack refused';
  throw new AppError(
    'change_not_shown',
    `the change is saved, but Slack did not update ${failed.map((f) => f.what).join(', ')}: ${reason} Run the same command again to refresh it.`,
    { cause: failed[0]?.error },
  );
}

/**
 * Updates the incident's card and announcement, sharing one update among the changes that arrive
 * together, so that a busy incident spends a few of Slack's edits rather than two per change.
 */
function showIncident(deps: IncidentDeps, id: string): Promise<void> {
  const show = () => renderIncident(deps, id);
  return deps.refreshes ? deps.refreshes.refresh(id, show) : show();
}

/** The state is read when the update starts, so one update shows every change that joined it. */
async function renderIncident(deps: IncidentDeps, id: string): Promise<void> {
  const incident = await loadIncident(deps.db, id);
  const context = (await deps.cardContext?.(id)) ?? EMPTY_CARD_CONTEXT;
  const steps: Array<[string, () => Promise<void>]> = [['the incident card', () => deps.port.updateCard(incident, context)]];
  if (incident.announcement) steps.push(['the announcement', () => deps.port.updateAnnouncement(incident)]);
  const failed = await attempt(steps);
  if (failed.length === 0) return;
  // Logged once here, however many changes shared the update.
  deps.logger.warn({ incidentId: id, failed: failed.map((f) => f.what), err: failed[0]?.error }, 'incident change not fully shown in Slack');
  throw new NotShown(failed);
}

/** Runs each step in turn, even after one failed, and says which failed. */
async function attempt(steps: Array<[string, () => Promise<void>]>): Promise<Failure[]> {
  const failed: Failure[] = [];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      failed.push({ what, error });
    }
  }
  return failed;
}
