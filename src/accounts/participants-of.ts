import { peopleNamedOnAlerts } from '../alerts/alert-queries';
import type { Incident } from '../incidents/incident';
import { timelineFor } from '../timeline/timeline-queries';
import type { AccountDeps } from './account-deps';

/**
 * Everyone who took part, in order of first appearance: who declared it, its commanders (past and
 * present), its responders, people who posted in its channel, marked messages for its timeline
 * or changed it, and people its alerts name. Only people who can be asked remain: never the bot or another bot,
 * nor a deactivated account; for a private incident, only its channel's members as they are now.
 */
export async function participantsOf(deps: Pick<AccountDeps, 'db' | 'port' | 'members' | 'botUserId'>, incident: Incident): Promise<string[]> {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => {
    if (id) ids.add(id);
  };
  add(incident.declaredBy);
  add(incident.commanderId);
  incident.responderIds.forEach(add);
  for (const entry of await timelineFor(deps.db, incident.id)) {
    add(entry.actorId);
    if (entry.kind === 'message') add(entry.authorId);
    if (entry.kind === 'system' && entry.change === 'commander') {
      add(entry.oldValue);
      add(entry.newValue);
    }
  }
  if (incident.channelId) (await deps.port.postersIn(incident.channelId, incident.declaredAt)).forEach(add);
  (await peopleNamedOnAlerts(deps.db, incident.id)).forEach(add);
  if (deps.botUserId) ids.delete(deps.botUserId);

  const people: string[] = [];
  for (const id of ids) {
    if (incident.isPrivate && !(incident.channelId && (await deps.members.isMember(incident.channelId, id)))) continue;
    if (await deps.port.isPerson(id)) people.push(id);
  }
  return people;
}
