import type { Kysely } from 'kysely';
import type { Account } from '../../src/accounts/account';
import type { AccountDeps } from '../../src/accounts/account-deps';
import type { AccountPort } from '../../src/accounts/account-port';
import type { Clock } from '../../src/clock';
import type { Database } from '../../src/db/database';
import type { Incident } from '../../src/incidents/incident';
import type { IncidentDeps } from '../../src/incidents/incident-deps';
import type { IncidentPort } from '../../src/incidents/incident-port';
import type { MembershipPort } from '../../src/incidents/membership-port';
import type { Logger } from '../../src/logger';
import type { PostmortemDeps } from '../../src/postmortems/postmortem-deps';
import type { PostmortemPort, ShownMessage } from '../../src/postmortems/postmortem-port';

/** The incident side of the chat for tests that only need incidents to change: every call succeeds, and the channel is C0INC. */
export const quietIncidentPort: IncidentPort = {
  createChannel: async () => ({ id: 'C0INC', name: 'x' }),
  inviteMembers: async () => undefined,
  setTopic: async () => undefined,
  postCard: async () => '1.1',
  findCard: async () => undefined,
  pinCard: async () => undefined,
  updateCard: async () => undefined,
  announce: async () => null,
  findAnnouncement: async () => undefined,
  updateAnnouncement: async () => undefined,
  postNotice: async () => undefined,
};

/** A DM the fake workspace holds: who it went to, what it was, and its state as last shown. */
export interface FakeDm {
  userId: string;
  incidentId: string;
  kind: 'ask' | 'remind';
  ts: string;
  /** The request's state as the person last saw it. */
  shownState: Account['state'];
}

/**
 * The chat side of asking for accounts, holding what was sent: people (`bots` and `gone` are not
 * people), zones, DMs and each request as last shown. `failNext` makes the next sends fail.
 */
export class FakeAccountPort implements AccountPort {
  readonly dms: FakeDm[] = [];
  failNext = 0;

  constructor(
    readonly people: { zones?: Record<string, string>; bots?: string[]; gone?: string[]; posters?: string[] } = {},
  ) {}

  async postersIn(): Promise<string[]> {
    return this.people.posters ?? [];
  }

  async isPerson(userId: string): Promise<boolean> {
    return !(this.people.bots ?? []).includes(userId) && !(this.people.gone ?? []).includes(userId);
  }

  async timeZoneOf(userId: string): Promise<string | null> {
    return this.people.zones?.[userId] ?? null;
  }

  async dmChannelOf(userId: string): Promise<string> {
    return `D-${userId}`;
  }

  async ask(account: Account, incident: Incident, _dm: string, kind: 'ask' | 'remind'): Promise<string> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('Slack did not answer');
    }
    const ts = `${this.dms.length + 1}.000100`;
    this.dms.push({ userId: account.userId, incidentId: incident.id, kind, ts, shownState: kind === 'ask' ? 'asked' : account.state });
    return ts;
  }

  async sentBefore(dm: string, incidentId: string, kind: 'ask' | 'remind'): Promise<string | undefined> {
    return this.dms.find((d) => `D-${d.userId}` === dm && d.incidentId === incidentId && d.kind === kind)?.ts;
  }

  async showState(account: Account): Promise<void> {
    const dm = this.dms.find((d) => d.ts === account.dm?.ts);
    if (dm) dm.shownState = account.state;
  }

  /** The requests (not reminders) sent for an incident, by person. */
  askedAbout(incidentId: string): string[] {
    return this.dms.filter((d) => d.incidentId === incidentId && d.kind === 'ask').map((d) => d.userId);
  }
}

/** The post-mortem side of the chat, keeping what was shown, told and posted. */
export function fakePostmortemPort(over: Partial<PostmortemPort> = {}): PostmortemPort & {
  shown: Map<string, ShownMessage[]>;
  told: string[];
  invitations: Array<{ incidentId: string; ts: string; inviteeIds: string[]; startsAt: Date; moved: boolean }>;
} {
  const shown = new Map<string, ShownMessage[]>();
  const told: string[] = [];
  const invitations: Array<{ incidentId: string; ts: string; inviteeIds: string[]; startsAt: Date; moved: boolean }> = [];
  return {
    shown,
    told,
    invitations,
    displayNames: async () => new Map(),
    showPostmortem: async (channelId, _doc, existing) => {
      const messages = existing.length ? existing : [{ ts: `${shown.size + 1}.1`, contentHash: null }];
      shown.set(channelId, messages);
      return messages;
    },
    shareFile: async () => undefined,
    sendFile: async () => undefined,
    remindCommander: async (incident: Incident) => void told.push(`dm:${incident.commanderId}`),
    nudgeChannel: async (incident: Incident) => void told.push(`channel:${incident.channelId}`),
    tellArchiveFailure: async (_userId, incident, reason) => void told.push(`archive:${incident.id}: ${reason}`),
    timeZoneOf: async () => null,
    postInvitation: async (incident, meeting, _state, existing) => {
      const ts = existing?.ts ?? `${invitations.length + 100}.1`;
      invitations.push({ incidentId: incident.id, ts, inviteeIds: meeting.inviteeIds, startsAt: meeting.startsAt, moved: existing?.moved ?? false });
      return ts;
    },
    findInvitation: async () => undefined,
    // As in Slack, a reminder already in the person's DM is found, not sent again.
    remindFacilitator: async (userId, incident) => {
      const key = `facilitator:${userId}:${incident.id}`;
      if (!told.includes(key)) told.push(key);
    },
    ...over,
  };
}

/** Post-mortem dependencies over fakes: accounts through `accountPort`, reminders at 09:00 UTC. */
export function fakePostmortemDeps(parts: {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  members: MembershipPort;
  port: PostmortemPort;
  incidents: IncidentDeps;
  policy: PostmortemDeps['policy'];
  accountPort?: AccountPort;
  archive?: PostmortemDeps['archive'];
}): PostmortemDeps {
  const { accountPort, ...rest } = parts;
  const accounts: AccountDeps = {
    db: parts.db,
    clock: parts.clock,
    logger: parts.logger,
    members: parts.members,
    port: accountPort ?? new FakeAccountPort(),
    policy: parts.policy,
    defaultTimeZone: 'UTC',
  };
  return { ...rest, accounts, reminderPolicy: { hour: 9, defaultTimeZone: 'UTC' } };
}
