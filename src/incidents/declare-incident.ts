import { EMPTY_CARD_CONTEXT } from './card-context';
import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../db/database';
import { toStoredInstant } from '../db/instant';
import { AppError } from '../errors';
import { recordSystemEntry } from '../timeline/record-system-entry';
import { incidentChannelName, withCollisionSuffix } from './channel-name';
import type { DeclareRequest, Incident } from './incident';
import type { IncidentDeps } from './incident-deps';
import { loadIncident } from './incident-queries';
import {
  claimSetupLease,
  deleteIncident,
  findIncidentById,
  findIncidentByRequestKey,
  insertIncident,
  listStalledSetups,
  updateIncident,
} from './incidents.repository';
import type { IncidentsTable } from './incidents.table';
import { toIncident } from './incident-mapper';

/** Names tried after `name_taken` before giving up: `-2` … `-20`. */
const MAX_NAME_ATTEMPTS = 20;

/**
 * How long one process may work on an incident's set-up before another may take over. Each
 * finished step renews it, so only a process that stopped (or hangs) loses it.
 */
export const SETUP_LEASE_MS = 60_000;

export type DeclareOutcome =
  | { kind: 'declared'; incident: Incident }
  /** The same form was submitted again while the first submission is still setting up. */
  | { kind: 'in_progress'; incident: Incident };

/**
 * Declares an incident and sets up its channel. A second submission of the same form finds the
 * first incident instead of creating another.
 */
export interface DeclareOptions {
  /**
   * Work stored with the incident, in its transaction (linking the alert it was declared from):
   * if it throws, nothing is declared.
   */
  within?: (trx: Kysely<Database>, incidentId: string, now: Date) => Promise<void>;
}

export async function declareIncident(deps: IncidentDeps, request: DeclareRequest, options: DeclareOptions = {}): Promise<DeclareOutcome> {
  const existing = await findIncidentByRequestKey(deps.db, request.requestKey);
  if (existing) {
    if (existing.setup_completed_at) return { kind: 'declared', incident: toIncident(existing) };
    return runSetupIfFree(deps, existing.id);
  }

  const now = deps.clock.now();
  const id = randomUUID();
  const at = toStoredInstant(now);
  const title = request.title.trim();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertIncident(trx, {
        id,
        request_key: request.requestKey,
        title,
        severity: request.severity ?? 'SEV3',
        status: 'investigating',
        is_private: request.isPrivate ? 1 : 0,
        description: request.description?.trim() || null,
        commander_id: (request.commanderId === undefined ? request.declaredBy : request.commanderId) ?? '',
        declared_by: request.declaredBy,
        responder_ids: request.responderIds.join(','),
        impact_started_at: toStoredInstant(request.impactStartedAt ?? now),
        declared_at: at,
        setup_lease_until: toStoredInstant(new Date(now.getTime() + SETUP_LEASE_MS)),
        created_at: at,
        updated_at: at,
      });
      const entry = { incidentId: id, occurredAt: now, actorId: request.declaredBy, change: 'declared' as const };
      await recordSystemEntry(trx, { ...entry, oldValue: null, newValue: request.severity ?? 'SEV3', text: title }, now);
      await options.within?.(trx, id, now);
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A concurrent delivery of the same submission inserted first: that one sets it up.
    const raced = await findIncidentByRequestKey(deps.db, request.requestKey);
    if (raced) return { kind: 'in_progress', incident: toIncident(raced) };
    throw error;
  }
  deps.logger.info({ incidentId: id, severity: request.severity }, 'incident declared');
  return { kind: 'declared', incident: await setUp(deps, id, false) };
}

/**
 * Finishes an incident's set-up where it stopped. Refused with `setup_in_progress` while another
 * request or replica is working on it, so a double click cannot post two cards.
 */
export async function finishSetup(deps: IncidentDeps, incidentId: string, userId: string): Promise<Incident> {
  // Only the declarer is offered the button; anyone else holding the id must not drive (or see) it.
  if ((await loadIncident(deps.db, incidentId)).declaredBy !== userId) {
    throw new AppError('not_a_member', 'only the person who declared this incident can finish setting it up.');
  }
  const outcome = await runSetupIfFree(deps, incidentId);
  if (outcome.kind === 'in_progress') {
    throw new AppError('setup_in_progress', 'This incident is still being set up. Give it a moment.');
  }
  return outcome.incident;
}

/**
 * Finishes every set-up that stopped part-way and that nobody is working on: the process that
 * accepted the declaration may have crashed. Returns how many were completed.
 */
export async function resumeStalledSetups(deps: IncidentDeps): Promise<number> {
  const now = deps.clock.now();
  const stalled = await listStalledSetups(
    deps.db,
    toStoredInstant(now),
    toStoredInstant(new Date(now.getTime() - SETUP_LEASE_MS)),
  );
  let completed = 0;
  for (const row of stalled) {
    try {
      const outcome = await runSetupIfFree(deps, row.id);
      if (outcome.kind === 'declared') completed += 1;
    } catch (error) {
      deps.logger.warn({ incidentId: row.id, err: error }, 'resuming an incident set-up failed; will retry');
    }
  }
  return completed;
}

async function runSetupIfFree(deps: IncidentDeps, incidentId: string): Promise<DeclareOutcome> {
  const row = await findIncidentById(deps.db, incidentId);
  if (!row) throw new AppError('incident_not_found', 'That incident no longer exists.');
  if (row.setup_completed_at) return { kind: 'declared', incident: toIncident(row) };
  const now = deps.clock.now();
  const until = toStoredInstant(new Date(now.getTime() + SETUP_LEASE_MS));
  if (!(await claimSetupLease(deps.db, incidentId, toStoredInstant(now), until))) {
    return { kind: 'in_progress', incident: toIncident(row) };
  }
  return { kind: 'declared', incident: await setUp(deps, incidentId, true) };
}

/**
 * Runs the set-up steps not yet done, storing each as it completes so a retry continues from
 * there. If not even the channel could be created, the incident is removed: a retry starts
 * clean. The caller holds the set-up lease; it is released at the end, success or not. When
 * `resuming`, a message an interrupted attempt posted but did not record is found, not reposted.
 */
async function setUp(deps: IncidentDeps, incidentId: string, resuming: boolean): Promise<Incident> {
  const { db, port, clock } = deps;
  const load = async () => {
    const found = await findIncidentById(db, incidentId);
    if (!found) throw new AppError('incident_not_found', 'That incident no longer exists.');
    return found;
  };
  let row = await load();
  const save = async (changes: Updateable<IncidentsTable>) => {
    const now = clock.now();
    await updateIncident(db, incidentId, {
      ...changes,
      setup_lease_until: toStoredInstant(new Date(now.getTime() + SETUP_LEASE_MS)),
      updated_at: toStoredInstant(now),
    });
    row = await load();
  };
  const current = () => toIncident(row);

  try {
    let channelId = row.channel_id;
    if (!channelId) {
      let channel;
      try {
        channel = await createChannel(deps, current());
      } catch (error) {
        await deleteIncident(db, incidentId);
        deps.logger.warn({ incidentId, err: error }, 'channel creation refused; declaration removed');
        throw error;
      }
      await save({ channel_id: channel.id, channel_name: channel.name });
      channelId = channel.id;
    }
    if (!row.members_invited) {
      await port.inviteMembers(channelId, [...new Set([row.declared_by, ...current().responderIds])]);
      await save({ members_invited: 1 });
    }
    if (!row.topic_set) {
      await port.setTopic(current());
      await save({ topic_set: 1 });
    }
    if (!row.card_ts) {
      const found = resuming ? await port.findCard(current()) : undefined;
      await save({ card_ts: found ?? (await port.postCard(current(), (await deps.cardContext?.(incidentId)) ?? EMPTY_CARD_CONTEXT)) });
    }
    if (!row.card_pinned) {
      await port.pinCard(current());
      await save({ card_pinned: 1 });
    }
    if (!row.announcement_ts && !row.is_private) {
      const found = resuming ? await port.findAnnouncement(current()) : undefined;
      const announcement = found ?? (await port.announce(current()));
      if (announcement) await save({ announcement_channel_id: announcement.channelId, announcement_ts: announcement.ts });
    }
    await save({ setup_completed_at: toStoredInstant(clock.now()) });
    await deps.declared?.(incidentId).catch((err: unknown) => deps.logger.warn({ incidentId, err }, 'after-declaration work failed'));
    return current();
  } finally {
    if (await findIncidentById(db, incidentId)) await updateIncident(db, incidentId, { setup_lease_until: null });
  }
}

async function createChannel(deps: IncidentDeps, incident: Incident): Promise<{ id: string; name: string }> {
  const base = incidentChannelName(incident.title, incident.declaredAt);
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt += 1) {
    const result = await deps.port.createChannel(withCollisionSuffix(base, attempt), incident.isPrivate);
    if (result !== 'name_taken') return result;
  }
  throw new AppError(
    'channel_names_taken',
    `every channel name from #${base} to #${withCollisionSuffix(base, MAX_NAME_ATTEMPTS)} is taken. Try a more specific title.`,
  );
}

