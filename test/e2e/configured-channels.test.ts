import { type TestBot, startTestBot } from '../../tools/harness/test-bot';

describe('the channels the configuration names', () => {
  let t: TestBot;
  afterEach(() => t.stop());

  it('are joined at start-up when public; one the bot cannot join is named in one clear log line', async () => {
    t = await startTestBot({ env: { INCIDENTS_CHANNEL: 'C0INCIDENTS', POSTMORTEMS_CHANNEL: 'C0REVIEWS' } });
    const alice = t.slack.addUser({ name: 'alice' }).id;
    t.slack.addChannel({ id: 'C0INCIDENTS', name: 'incidents', members: [alice] });
    t.slack.addChannel({ id: 'C0REVIEWS', name: 'reviews', members: [alice], isPrivate: true });
    // The next start finds them as an admin left them: the bot in neither.
    const before = t.logs.length;
    await t.restart();
    const logs = t.logs.slice(before);

    expect(t.slack.channel('C0INCIDENTS')!.members).toContain(t.slack.bot.userId);
    expect(t.slack.channel('C0REVIEWS')!.members).not.toContain(t.slack.bot.userId);
    const told = logs.filter((l) => l.level === 40 && String(l.msg).includes('POSTMORTEMS_CHANNEL'));
    expect(told).toHaveLength(1);
    expect(told[0]!.msg).toContain('Invite it there with /invite @incident-bot');
    expect(logs.some((l) => l.level === 40 && String(l.msg).includes('INCIDENTS_CHANNEL (C0INCIDENTS)') && l.msg !== told[0]!.msg)).toBe(false);
  });
});
