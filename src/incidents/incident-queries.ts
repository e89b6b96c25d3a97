import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import type { Incident } from './incident';
import { toIncident } from './incident-mapper';
import { findIncidentByChannel, findIncidentById, findIncidentByRequestKey, listOpenIncidents, listResolvedSince } from './incidents.repository';
import { toStoredInstant } from '../db/instant';

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

/** The incident whose channel this is; undefined for any other channel. */
export async function incidentForChannel(db: Kysely<Database>, channelId: string): Promise<Incident | undefined> {
  const row = await findIncidentByChannel(db, channelId);
  return row ? toIncident(row) : undefined;
}

/** Incidents set up and not yet resolved, most severe first, then newest. */
export async function openIncidents(db: Kysely<Database>): Promise<Incident[]> {
  return (await listOpenIncidents(db)).map(toIncident);
}

/** Incidents resolved since `since` (their post-mortem not yet published), of these severities, oldest first. */
export async function resolvedIncidentsSince(db: Kysely<Database>, since: Date, severities: readonly string[]): Promise<Incident[]> {
  return (await listResolvedSince(db, toStoredInstant(since), severities)).map(toIncident);
}
