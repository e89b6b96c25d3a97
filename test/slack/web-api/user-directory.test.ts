import type { WebClient } from '@slack/web-api';
import { AppError } from '../../../src/errors';
import { PROFILE_FRESH_MS, UserDirectory, UserProfileCache } from '../../../src/slack/web-api/user-directory';

type User = { name?: string; real_name?: string; tz?: string; profile?: { real_name?: string; display_name?: string } };

const refusal = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

/** A client whose `users.info` answers from `users` and records who was asked about. */
function fakeClient(users: Record<string, User>) {
  const calls: string[] = [];
  let failures = 0;
  let gate = Promise.resolve();
  let open = () => {};
  const info = async ({ user }: { user: string }) => {
    calls.push(user);
    await gate;
    if (failures > 0) {
      failures -= 1;
      throw refusal('ratelimited');
    }
    const found = users[user];
    if (!found) throw refusal('user_not_found');
    return { ok: true, user: found };
  };
  return {
    client: { users: { info } } as unknown as WebClient,
    calls,
    /** The next look-up fails. */
    failNext: () => (failures += 1),
    /** Answers wait until `answer()`, so look-ups made meanwhile are under way together. */
    hold: () => (gate = new Promise<void>((resolve) => (open = resolve))),
    answer: () => open(),
  };
}

function setUp(users: Record<string, User> = { U1: { name: 'ana', real_name: 'Ana Ops', tz: 'Europe/Paris' } }) {
  let now = 0;
  const slack = fakeClient(users);
  const cache = new UserProfileCache(PROFILE_FRESH_MS, () => now);
  return { slack, directory: new UserDirectory(slack.client, cache), later: (ms: number) => (now += ms), cache };
}

describe('UserDirectory', () => {
  it('asks Slack once for a person asked about again within a few minutes', async () => {
    const { slack, directory, later } = setUp();
    expect(await directory.timeZoneOf('U1')).toBe('Europe/Paris');
    later(PROFILE_FRESH_MS);
    expect(await directory.names(['U1'])).toEqual(new Map([['U1', 'Ana Ops']]));
    expect(slack.calls).toEqual(['U1']);
  });

  it('asks again once the profile is older than that', async () => {
    const { slack, directory, later } = setUp();
    await directory.timeZoneOf('U1');
    later(PROFILE_FRESH_MS + 1);
    await directory.timeZoneOf('U1');
    expect(slack.calls).toEqual(['U1', 'U1']);
  });

  it('shares one call among look-ups of the same person made at once', async () => {
    const { slack, directory } = setUp();
    slack.hold();
    const asked = [directory.timeZoneOf('U1'), directory.timeZoneOr('U1', 'UTC'), directory.names(['U1'])];
    slack.answer();
    expect(await Promise.all(asked)).toEqual(['Europe/Paris', 'Europe/Paris', new Map([['U1', 'Ana Ops']])]);
    expect(slack.calls).toEqual(['U1']);
  });

  it('does not remember a failed look-up: the next one asks Slack again', async () => {
    const { slack, directory } = setUp();
    slack.failNext();
    await expect(directory.timeZoneOf('U1')).rejects.toMatchObject({ code: 'slack_rate_limited' });
    await expect(directory.timeZoneOf('U1')).resolves.toBe('Europe/Paris');
    expect(slack.calls).toEqual(['U1', 'U1']);
  });

  it('falls back where Slack cannot tell, and says so where the caller must know', async () => {
    const { directory } = setUp({ U2: { name: 'bo', tz: 'Mars/Olympus' } });
    expect(await directory.timeZoneOf('U2')).toBeNull();
    expect(await directory.timeZoneOr('U2', 'UTC')).toBe('UTC');
    expect(await directory.timeZoneOr('U_GONE', 'Asia/Tokyo')).toBe('Asia/Tokyo');
    await expect(directory.timeZoneOf('U_GONE')).rejects.toBeInstanceOf(AppError);
  });

  it('names people by full name, then display name, then handle, leaving out whom Slack cannot name', async () => {
    const { directory } = setUp({
      U1: { name: 'ana', real_name: 'Ana', profile: { real_name: 'Ana Ops', display_name: 'ana.o' } },
      U2: { name: 'bo', profile: { display_name: 'Bo' } },
      U3: { name: 'cy' },
      U4: {},
    });
    expect(await directory.names(['U1', 'U2', 'U3', 'U4', 'U_GONE'])).toEqual(
      new Map([
        ['U1', 'Ana Ops'],
        ['U2', 'Bo'],
        ['U3', 'cy'],
      ]),
    );
  });
});
