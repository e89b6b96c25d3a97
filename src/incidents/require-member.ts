import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import type { Incident, ReadyIncident } from './incident';
import { loadIncident } from './incident-queries';
import type { MembershipPort } from './membership-port';

/**
 * The one membership guard: only members of an incident's channel may see or change the incident,
 * its timeline, its post-mortem and its action items. `doing` finishes the refusal's sentence
 * ("only members of the incident's channel can …").
 */
export async function requireMember(
  members: MembershipPort,
  incident: Incident,
  userId: string,
  doing = 'see or change it',
): Promise<ReadyIncident> {
  const { channelId } = incident;
  if (!channelId || !(await members.isMember(channelId, userId))) {
    throw new AppError('not_a_member', `only members of the incident's channel can ${doing}.`);
  }
  return { ...incident, channelId };
}

/** Loads an incident for a person who is a member of its channel; refuses anyone else. */
export async function incidentForMember(
  deps: { db: Kysely<Database>; members: MembershipPort },
  incidentId: string,
  userId: string,
  doing?: string,
): Promise<ReadyIncident> {
  return requireMember(deps.members, await loadIncident(deps.db, incidentId), userId, doing);
}
