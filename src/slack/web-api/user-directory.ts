import type { WebClient } from '@slack/web-api';
import { isKnownTimeZone } from '../../zoned-time';
import { RecentPromises } from './recent-promises';
import { slackCall } from './slack-call';

/**
 * How long a person's name and time zone, once read, are used without asking Slack again. People
 * rarely change either, and a few minutes' lag costs at most a reminder an hour early or late,
 * while a busy incident would otherwise ask `users.info` for the same few people on every click.
 */
export const PROFILE_FRESH_MS = 5 * 60_000;

/** Beyond this many people remembered, the longest unused are dropped. */
const PROFILES_KEPT = 1_000;

/** What the bot needs to know about a person: how to name them and which zone they live in. */
export interface UserProfile {
  /** Their full name, else their display name or handle; null when Slack gives none. */
  name: string | null;
  /** A known IANA zone, or null when Slack does not know it. */
  timeZone: string | null;
  /** A person who can be asked things: not a bot or an app, not deactivated. */
  isPerson: boolean;
  /** Their email (with the `users:read.email` scope), to find their account in the team's tracker; null when Slack gives none. */
  email: string | null;
}

/**
 * Profiles read recently, shared by every request of one process (the bot serves one workspace).
 * A look-up still under way is shared too, so people asked for at once cost one call each. A
 * failed look-up is forgotten at once: the next question asks Slack again.
 */
export class UserProfileCache {
  private readonly profiles: RecentPromises<UserProfile>;

  constructor(
    private readonly freshMs = PROFILE_FRESH_MS,
    now?: () => number,
  ) {
    this.profiles = new RecentPromises(PROFILES_KEPT, now);
  }

  /** The person's profile if read (or being read) within `freshMs`, otherwise `read()`'s. */
  profile(userId: string, read: () => Promise<UserProfile>): Promise<UserProfile> {
    return this.profiles.get(userId, undefined, (_about, ageMs) => ageMs <= this.freshMs, read);
  }
}

/** People's names and time zones from `users.info`, through the process's {@link UserProfileCache}. */
export class UserDirectory {
  constructor(
    private readonly client: WebClient,
    private readonly cache: UserProfileCache,
  ) {}

  /** The person's profile; throws an AppError when Slack cannot tell (the failure is not remembered). */
  profile(userId: string): Promise<UserProfile> {
    return this.cache.profile(userId, async () => {
      const { user } = await slackCall(() => this.client.users.info({ user: userId }));
      const name = user?.profile?.real_name || user?.real_name || user?.profile?.display_name || user?.name || null;
      const isPerson = Boolean(user) && !user?.is_bot && !user?.deleted && !user?.is_app_user && userId !== 'USLACKBOT';
      return { name, timeZone: isKnownTimeZone(user?.tz) ? user!.tz! : null, isPerson, email: user?.profile?.email ?? null };
    });
  }

  /** The person's zone, or null when Slack does not know it; throws when Slack cannot be asked. */
  async timeZoneOf(userId: string): Promise<string | null> {
    return (await this.profile(userId)).timeZone;
  }

  /** The person's zone, or `fallback` when Slack does not know it or cannot be asked. */
  async timeZoneOr(userId: string, fallback: string): Promise<string> {
    return (await this.profile(userId).catch(() => undefined))?.timeZone ?? fallback;
  }

  /**
   * Names of those people Slack can name; the others are left out. Asked one after another: a
   * long incident can have many people, and a burst of calls would meet Slack's rate limit.
   */
  async names(userIds: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of userIds) {
      const name = (await this.profile(id).catch(() => undefined))?.name;
      if (name) names.set(id, name);
    }
    return names;
  }
}
