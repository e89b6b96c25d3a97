import { createLogger } from '../../src/logger';
import { type DigestSchedule, parseDigestSchedule } from '../../src/insights/digest-schedule';
import type { DigestDeps } from '../../src/insights/insight-deps';
import type { InsightsPort } from '../../src/insights/insights-port';
import { findDigest } from '../../src/insights/insights.repository';
import { postInsightsDigest } from '../../src/insights/post-insights-digest';
import { testClock } from '../../tools/harness/test-clock';
import { testDatabase } from '../../tools/harness/test-db';

describe('posting the insights digest when Slack refuses it', () => {
  const schedule = parseDigestSchedule('MON 09:00 Europe/Berlin', 'UTC') as DigestSchedule;
  const DUE = '2026-11-30T08:00:00.000Z';
  let handle: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    handle = await testDatabase();
  });
  afterAll(() => handle.remove());

  it('tries again every 5 minutes, then gives up on that time until the next', async () => {
    const time = testClock('2026-11-30T07:00:00Z');
    const port: InsightsPort = {
      findDigest: jest.fn(async () => undefined),
      postDigest: jest.fn(async () => {
        throw new Error('not_in_channel');
      }),
      shareDigestChart: jest.fn(),
      sendChart: jest.fn(),
    };
    const deps: DigestDeps = {
      db: handle.db,
      clock: time.clock,
      logger: createLogger({ level: 'silent', pretty: false }),
      members: { isMember: async () => false },
      port,
      policy: { requiredFor: ['SEV1'], dueHours: 48 },
      digest: { schedule, channelId: 'C0PM' },
    };
    expect(await postInsightsDigest(deps)).toBe('skipped');
    time.set(DUE);
    expect(await postInsightsDigest(deps)).toBe('nothing');
    expect(await findDigest(handle.db, DUE)).toMatchObject({ attempts: 1, claimed_until: '2026-11-30T08:05:00.000Z', finished_at: null });
    time.set('2026-11-30T08:04:59Z');
    await postInsightsDigest(deps);
    expect(port.postDigest).toHaveBeenCalledTimes(1);
    for (let minutes = 5; minutes <= 25; minutes += 5) {
      time.set(new Date(Date.parse(DUE) + minutes * 60_000).toISOString());
      await postInsightsDigest(deps);
    }
    expect(port.postDigest).toHaveBeenCalledTimes(6);
    expect(await findDigest(handle.db, DUE)).toMatchObject({ attempts: 6, outcome: 'failed', finished_at: '2026-11-30T08:25:00.000Z' });
    time.set('2026-11-30T12:00:00Z');
    expect(await postInsightsDigest(deps)).toBe('nothing');
    expect(port.postDigest).toHaveBeenCalledTimes(6);
  });
});
