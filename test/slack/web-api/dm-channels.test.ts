import type { WebClient } from '@slack/web-api';
import { DM_CHANNEL_FRESH_MS, DmChannels } from '../../../src/slack/web-api/dm-channels';

const refusal = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

/** A client whose `conversations.open` answers `D<user>`, or refuses for people in `gone`. */
function fakeClient(gone: string[] = []) {
  const opened: string[] = [];
  let gate = Promise.resolve();
  let answer = () => {};
  const open = async ({ users }: { users: string }) => {
    opened.push(users);
    await gate;
    if (gone.includes(users)) throw refusal('user_disabled');
    return { ok: true, channel: { id: `D${users}` } };
  };
  return {
    client: { conversations: { open } } as unknown as WebClient,
    opened,
    /** Answers wait until `answer()`, so opens asked for meanwhile are under way together. */
    hold: () => (gate = new Promise<void>((resolve) => (answer = resolve))),
    answer: () => answer(),
  };
}

describe('DmChannels', () => {
  it('opens a person’s DM once for many messages, also when they are sent at once', async () => {
    const slack = fakeClient();
    const dms = new DmChannels(DM_CHANNEL_FRESH_MS, () => 0);
    slack.hold();
    const together = [dms.open(slack.client, 'U1', 'gone'), dms.open(slack.client, 'U1')];
    slack.answer();
    expect(await Promise.all(together)).toEqual(['DU1', 'DU1']);
    expect(await dms.open(slack.client, 'U1')).toBe('DU1');
    expect(await dms.open(slack.client, 'U2')).toBe('DU2');
    expect(slack.opened).toEqual(['U1', 'U2']);
  });

  it('opens it again after a while, so that someone who has left is found out', async () => {
    let now = 0;
    const slack = fakeClient();
    const dms = new DmChannels(DM_CHANNEL_FRESH_MS, () => now);
    await dms.open(slack.client, 'U1');
    now = DM_CHANNEL_FRESH_MS;
    await dms.open(slack.client, 'U1');
    now = DM_CHANNEL_FRESH_MS + 1;
    await dms.open(slack.client, 'U1');
    expect(slack.opened).toEqual(['U1', 'U1']);
  });

  it('tells each caller that the person is gone in its own words, and forgets the failed open', async () => {
    const slack = fakeClient(['U9']);
    const dms = new DmChannels(DM_CHANNEL_FRESH_MS, () => 0);
    slack.hold();
    const reminder = dms.open(slack.client, 'U9', "the action item's owner cannot receive messages.");
    const upload = dms.open(slack.client, 'U9');
    slack.answer();
    await expect(reminder).rejects.toMatchObject({ code: 'owner_unreachable', message: "the action item's owner cannot receive messages." });
    await expect(upload).rejects.toMatchObject({ code: 'slack_refused' });
    await expect(dms.open(slack.client, 'U9', 'that person cannot receive messages.')).rejects.toMatchObject({ code: 'owner_unreachable' });
    expect(slack.opened).toEqual(['U9', 'U9']);
  });
});
