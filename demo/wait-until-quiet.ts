import type { FakeSlack } from '../tools/fake-slack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Bolt acknowledges before its listeners finish, so the bot keeps calling Slack for a moment
 * after each request. Waits until the fake has received no Web API call and no response_url
 * post for `quietMs`, so everything a step caused is on screen before it is described.
 */
export async function waitUntilQuiet(slack: FakeSlack, { quietMs = 120, timeoutMs = 5000 } = {}): Promise<void> {
  const activity = () => slack.calls.length + slack.responses().length;
  const deadline = Date.now() + timeoutMs;
  let seen = activity();
  for (;;) {
    await sleep(quietMs);
    const now = activity();
    if (now === seen || Date.now() > deadline) return;
    seen = now;
  }
}
