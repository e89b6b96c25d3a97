import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { insertSystemEntry } from '../timeline/timeline.repository';
import type { SystemChange, TimelineEntry } from '../timeline/timeline-entry';
import { incidentChannelName, withCollisionSuffix } from './channel-name';
import type { DeclareRequest, Incident } from './incident';
import { toIncident } from './incident-mapper';
import type { IncidentPort } from './incident-port';
import {
  deleteIncident,
  findIncidentByChannel,
  findIncidentById,
  findIncidentByRequestKey,
  insertIncident,
  listOpenIncidents,
  updateIncident,
} from './incidents.repository';
import type { Severity } from './severity';
import type { Status } from './status';

export interface IncidentDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  port: IncidentPort;
}

/** Names tried after `name_taken` before giving up: `-2` … `-20`. */
const MAX_NAME_ATTEMPTS = 20;

/**
 * A declaration still being set up after this long is taken to be abandoned (its process
 * stopped mid-way), so submitting the form again resumes it instead of waiting forever.
 */
const SETUP_LEASE_MS = 30_000;

export type DeclareOutcome =
  | { kind: 'declared'; incident: Incident }
  /** The same form was submitted again while the first submission is still setting up. */
  | { kind: 'in_progress'; incident: Incident };

/**
 * Declares an incident and sets up its channel, step by step. Each finished step is stored,
 * so a retry after a refusal continues where it stopped; if not even the channel could be
 * created, the incident is removed, so a retry starts clean.
 */
export async function declareIncident(deps: IncidentDeps, request: DeclareRequest): Promise<DeclareOutcome> {
  const now = deps.clock.now();
  const existing = await findIncidentByRequestKey(deps.db, request.requestKey);
  if (existing) {
    const incident = toIncident(existing);
    if (incident.setupCompletedAt) return { kind: 'declared', incident };
    if (now.getTime() - new Date(existing.updated_at).getTime() < SETUP_LEASE_MS) return { kind: 'in_progress', incident };
    return { kind: 'declared', incident: await finishSetup(deps, incident.id) };
  }

  const id = randomUUID();
  const at = toStoredInstant(now);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertIncident(trx, {
        id,
        request_key: request.requestKey,
        title: request.title.trim(),
        severity: request.severity,
        status: 'investigating',
        is_private: request.isPrivate ? 1 : 0,
        description: request.description?.trim() || null,
        commander_id: request.declaredBy,
        declared_by: request.declaredBy,
        responder_ids: request.responderIds.join(','),
        origin_channel_id: request.originChannelId,
        impact_started_at: toStoredInstant(request.impactStartedAt ?? now),
        declared_at: at,
        created_at: at,
        updated_at: at,
      });
      await insertSystemEntry(
        trx,
        {
          incidentId: id,
          occurredAt: now,
          actorId: request.declaredBy,
          change: 'declared',
          oldValue: null,
          newValue: request.severity,
          text: request.title.trim(),
        },
        now,
      );
    });
  } catch (error) {
    // A concurrent delivery of the same submission inserted first: report that one.
    const raced = await findIncidentByRequestKey(deps.db, request.requestKey);
    if (raced) return { kind: 'in_progress', incident: toIncident(raced) };
    throw error;
  }
  deps.logger.info({ incidentId: id, severity: request.severity }, 'incident declared');
  return { kind: 'declared', incident: await finishSetup(deps, id) };
}

/** Runs whatever set-up steps have not completed yet. Safe to call again after a failure. */
export async function finishSetup(deps: IncidentDeps, incidentId: string): Promise<Incident> {
  const { db, port, clock } = deps;
  let incident = await loadIncident(db, incidentId);
  const save = async (changes: Parameters<typeof updateIncident>[2]) => {
    await updateIncident(db, incidentId, { ...changes, updated_at: toStoredInstant(clock.now()) });
    incident = await loadIncident(db, incidentId);
  };

  if (!incident.channelId) {
    let channel;
    try {
      channel = await createChannel(deps, incident);
    } catch (error) {
      await deleteIncident(db, incidentId);
      deps.logger.warn({ incidentId, err: error }, 'channel creation refused; declaration removed');
      throw error;
    }
    await save({ channel_id: channel.id, channel_name: channel.name });
  }
  const channelId = incident.channelId as string;
  const row = await findIncidentById(db, incidentId);
  if (!row?.members_invited) {
    await port.inviteMembers(channelId, [...new Set([incident.declaredBy, ...incident.responderIds])]);
    await save({ members_invited: 1 });
  }
  if (!row?.topic_set) {
    await port.setTopic(incident);
    await save({ topic_set: 1 });
  }
  if (!incident.cardTs) {
    const ts = await port.postCard(incident);
    await save({ card_ts: ts });
  }
  if (!row?.card_pinned) {
    await port.pinCard(incident);
    await save({ card_pinned: 1 });
  }
  if (!incident.announcement && !incident.isPrivate) {
    const announcement = await port.announce(incident);
    if (announcement) await save({ announcement_channel_id: announcement.channelId, announcement_ts: announcement.ts });
  }
  await save({ setup_completed_at: toStoredInstant(clock.now()) });
  return incident;
}

async function createChannel(deps: IncidentDeps, incident: Incident): Promise<{ id: string; name: string }> {
  const base = incidentChannelName(incident.title, incident.declaredAt);
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt += 1) {
    const result = await deps.port.createChannel(withCollisionSuffix(base, attempt), incident.isPrivate);
    if (result !== 'name_taken') return result;
  }
  throw new AppError('name_taken', `Every channel name from #${base} to #${base}-${MAX_NAME_ATTEMPTS} is taken.`);
}

export async function loadIncident(db: Kysely<Database>, id: string): Promise<Incident> {
  const row = await findIncidentById(db, id);
  if (!row) throw new AppError('incident_not_found', 'That incident no longer exists.');
  return toIncident(row);
}

/** The incident a declare form created, if it still exists. */
export async function incidentForRequest(db: Kysely<Database>, requestKey: string): Promise<Incident | undefined> {
  const row = await findIncidentByRequestKey(db, requestKey);
  return row ? toIncident(row) : undefined;
}

/** The incident whose channel this is, once its channel exists; undefined for any other channel. */
export async function incidentForChannel(db: Kysely<Database>, channelId: string): Promise<Incident | undefined> {
  const row = await findIncidentByChannel(db, channelId);
  return row ? toIncident(row) : undefined;
}

/**
 * Open incidents a person may know about: every public one, and private ones only when they
 * declared it, command it or were invited as a responder.
 */
export async function openIncidentsVisibleTo(db: Kysely<Database>, userId: string): Promise<Incident[]> {
  return (await listOpenIncidents(db))
    .map(toIncident)
    .filter((i) => !i.isPrivate || i.declaredBy === userId || i.commanderId === userId || i.responderIds.includes(userId));
}

export type ChangeResult = { changed: false; incident: Incident } | { changed: true; incident: Incident; entry: TimelineEntry };

export function changeSeverity(deps: IncidentDeps, id: string, severity: Severity, actorId: string): Promise<ChangeResult> {
  return applyChange(deps, id, actorId, 'severity', (i) => (i.severity === severity ? null : { from: i.severity, to: severity, set: { severity } }));
}

/** Moves between the open statuses; resolving goes through {@link resolveIncident}, which asks for a note. */
export function changeStatus(deps: IncidentDeps, id: string, status: Exclude<Status, 'resolved'>, actorId: string): Promise<ChangeResult> {
  return applyChange(deps, id, actorId, 'status', (i) => {
    if (i.status === 'resolved') {
      throw new AppError('incident_resolved', 'This incident is resolved. Reopen it first with `/incident reopen`.');
    }
    if (i.status === status) return null;
    const set: Record<string, string> = { status };
    if (status === 'monitoring' && !i.mitigatedAt) set.mitigated_at = toStoredInstant(deps.clock.now());
    return { from: i.status, to: status, set };
  });
}

export function assignCommander(deps: IncidentDeps, id: string, commanderId: string, actorId: string): Promise<ChangeResult> {
  return applyChange(deps, id, actorId, 'commander', (i) =>
    i.commanderId === commanderId ? null : { from: i.commanderId, to: commanderId, set: { commander_id: commanderId } },
  );
}

export function resolveIncident(deps: IncidentDeps, id: string, note: string, actorId: string): Promise<ChangeResult> {
  return applyChange(deps, id, actorId, 'resolved', (i) => {
    if (i.status === 'resolved') return null;
    const now = toStoredInstant(deps.clock.now());
    const set: Record<string, string> = { status: 'resolved', resolved_at: now, resolution_note: note.trim() };
    if (!i.mitigatedAt) set.mitigated_at = now;
    return { from: i.status, to: 'resolved', set, text: note.trim() };
  });
}

export function reopenIncident(deps: IncidentDeps, id: string, actorId: string): Promise<ChangeResult> {
  return applyChange(deps, id, actorId, 'reopened', (i) =>
    i.status !== 'resolved' ? null : { from: 'resolved', to: 'investigating', set: { status: 'investigating', resolved_at: null } },
  );
}

interface Transition {
  from: string;
  to: string;
  set: Parameters<typeof updateIncident>[2];
  text?: string;
}

/**
 * Stores a change and its system timeline entry together, then brings Slack up to date:
 * the pinned card, the topic, the announcement, and a one-line notice naming who did it.
 */
async function applyChange(
  deps: IncidentDeps,
  id: string,
  actorId: string,
  change: SystemChange,
  decide: (incident: Incident) => Transition | null,
): Promise<ChangeResult> {
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const before = await loadIncident(trx, id);
    const transition = decide(before);
    if (!transition) return { changed: false, incident: before };
    await updateIncident(trx, id, { ...transition.set, updated_at: toStoredInstant(now) });
    const entry = await insertSystemEntry(
      trx,
      { incidentId: id, occurredAt: now, actorId, change, oldValue: transition.from, newValue: transition.to, text: transition.text ?? null },
      now,
    );
    return { changed: true, incident: await loadIncident(trx, id), entry };
  });
  if (!result.changed) return result;
  deps.logger.info({ incidentId: id, change, from: result.entry.oldValue, to: result.entry.newValue }, 'incident changed');
  await publishChange(deps, result.incident, result.entry);
  return result;
}

async function publishChange(deps: IncidentDeps, incident: Incident, entry: TimelineEntry): Promise<void> {
  const { port } = deps;
  await port.updateCard(incident);
  await port.setTopic(incident);
  if (incident.announcement) await port.updateAnnouncement(incident);
  await port.postNotice(incident, entry);
}
