import type { Severity } from '../../../src/incidents/severity';
import type { InsightFigures } from '../../../src/insights/insight-figures';
import { insightPeriod } from '../../../src/insights/insight-period';
import type { InsightsDigest } from '../../../src/insights/insights-digest';
import { homeView } from '../../../src/slack/blocks/home-view';
import { COMMAND_USAGES } from '../../../src/slack/blocks/command-usages';
import { insightsDigestMessage, insightsHomeBlocks, insightsMessage } from '../../../src/slack/blocks/insights-message';
import { MESSAGE_BLOCKS_TEXT_LIMIT, blocksTextLength, checkBlocks } from '../../../tools/fake-slack/block-kit-limits';

const MIN = 60_000;
const NOW = new Date('2026-12-01T00:00:00Z');
const zeroes = { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 } as Record<Severity, number>;

function figures(overrides: Partial<InsightFigures> = {}): InsightFigures {
  return {
    period: insightPeriod('30d', NOW, 'UTC'),
    incidents: { current: 5, previous: 2 },
    bySeverity: [
      { severity: 'SEV1', current: 2, previous: 0 },
      { severity: 'SEV2', current: 2, previous: 1 },
      { severity: 'SEV3', current: 0, previous: 1 },
      { severity: 'SEV4', current: 1, previous: 0 },
    ],
    durations: {
      timeToDetect: { median: { current: 5 * MIN, previous: 15 * MIN }, p90: { current: 40 * MIN, previous: 27 * MIN }, measured: { current: 5, previous: 2 } },
      timeToMitigate: { median: { current: 30 * MIN, previous: 30 * MIN }, p90: { current: 30 * MIN, previous: null }, measured: { current: 2, previous: 0 } },
      timeToResolve: { median: { current: null, previous: 75 * MIN }, p90: { current: null, previous: 111 * MIN }, measured: { current: 0, previous: 2 } },
    },
    postmortems: { dueHours: 48, current: { onTime: 1, late: 1, overdue: 1, notYetDue: 1 }, previous: { onTime: 1, late: 0, overdue: 0, notYetDue: 0 } },
    items: {
      totals: { done: 4, overdue: 2, wontDo: 1, verified: 2 },
      previous: { done: 1, wontDo: 0, verified: 1 },
      byOwner: [
        { ownerId: 'U1', done: 3, overdue: 0, wontDo: 0, verified: 2 },
        { ownerId: null, done: 1, overdue: 2, wontDo: 1, verified: 0 },
      ],
    },
    tags: [{ name: 'database <script>', current: 3, previous: 1 }],
    alerts: [],
    weekly: [{ week: '2026-11-30', counts: { ...zeroes, SEV1: 1 } }],
    ...overrides,
  };
}

const texts = (blocks: unknown[]) => JSON.stringify(blocks);

describe('the insights reply', () => {
  const message = insightsMessage(figures(), { chartInDm: true });
  const shown = texts(message.blocks);

  it('shows each figure with its change from the period before', () => {
    expect(shown).toContain('*Incidents declared:* *5* (↑ 3 from 2)');
    expect(shown).toContain('SEV3 *0* (1 before)');
    expect(shown).toContain('*Time to detect:* median *5 min* (↓ 10 min from 15 min) · p90 *40 min* (↑ 13 min from 27 min)');
    expect(shown).toContain('*Time to mitigate:* median *30 min* (same as before) · p90 *30 min* (none before)');
    expect(shown).toContain('*Time to resolve:* median _none measured_');
    expect(shown).toContain('*Post-mortems within 48 h of resolving:* *1 of 3* (33%)');
    expect(shown).toContain('1 late · 1 overdue · 1 not due yet · before: 1 of 1 (100%)');
    expect(shown).toContain("*Action items:* *4* done (↑ 3 from 1) · *2* verified (↑ 1 from 1) · *1* won't do (↑ 1 from 0) · *2* overdue now");
    expect(shown).toContain('• <@U1>: 3 done · 2 verified');
    expect(shown).toContain("• _others_: 1 done · 1 won't do · *2 overdue*");
  });

  it('escapes what people typed and says where the chart is', () => {
    expect(shown).toContain('database &lt;script&gt; (3)');
    expect(shown).toContain('*Most frequent alerts:* _none_');
    expect(shown).toContain('The chart of incidents per week is in your DM with the bot.');
    expect(message.text).toBe('Insights, last 30 days: 5 incidents, 2 action items overdue.');
    expect(texts(insightsMessage(figures(), { chartInDm: false }).blocks)).not.toContain('in your DM');
  });

  it('stays within what Slack accepts in a message', () => {
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });
});

describe('the weekly digest', () => {
  const item = (i: number) => ({ id: `i${i}`, description: `Add a canary for config pushes ${'x'.repeat(300)}`, ownerId: `U${i % 3}`, dueDate: '2026-11-20', incidentTitle: 'Checkout', channelId: 'C0INC', checkDueAt: i % 2 ? new Date('2026-11-15T08:00:00Z') : null });
  const digest = (count: number): InsightsDigest => ({
    dueAt: new Date('2026-11-30T08:00:00Z'),
    schedule: 'MON 09:00 Europe/Berlin',
    figures: figures(),
    overdue: { items: Array.from({ length: Math.min(count, 10) }, (_, i) => item(i)), total: count },
    unverified: { items: Array.from({ length: Math.min(count, 10) }, (_, i) => item(i)), total: count },
  });

  it('names people without pinging them, and counts what it does not list', () => {
    const message = insightsDigestMessage(digest(25), new Map([['U0', 'Ana'], ['U1', 'Ben']]));
    const shown = texts(message.blocks);
    expect(shown).not.toMatch(/<@U/);
    expect(shown).toContain('• Ben: 3 done · 2 verified');
    expect(shown).toContain('*Action items overdue (25):*');
    expect(shown).toContain('— a former member, due 2026-11-20 · <#C0INC>');
    expect(shown).toContain('…and 15 more');
    expect(shown).toContain('check was due <!date^1794729600^{date_short}|2026-11-15 08:00 UTC>');
    expect(shown).toContain('nobody could say');
    expect(shown).toContain('public incidents only · MON 09:00 Europe/Berlin');
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(MESSAGE_BLOCKS_TEXT_LIMIT);
  });

  it('cheers an empty list, and mentions a chart only when there is one', () => {
    expect(texts(insightsDigestMessage(digest(0), new Map()).blocks)).toContain('*Action items overdue:* none :tada:');
    expect(texts(insightsDigestMessage(digest(0), new Map()).blocks)).toContain('The chart is in the thread.');
    const quiet = { ...digest(0), figures: figures({ incidents: { current: 0, previous: 2 } }) };
    expect(texts(insightsDigestMessage(quiet, new Map()).blocks)).not.toContain('chart');
  });
});

describe('the App Home', () => {
  it('adds an Insights section in three blocks and stays under 100 blocks with everything else full', () => {
    expect(insightsHomeBlocks(figures())).toHaveLength(3);
    const incident = { id: 'inc', title: 'T', severity: 'SEV1', status: 'investigating', isPrivate: false, description: null, channelId: 'C1', channelName: 'c', commanderId: 'U1', declaredBy: 'U1', responderIds: [], impactStartedAt: NOW, declaredAt: NOW, detectedAt: null, mitigatedAt: null, resolvedAt: null, resolutionNote: null, cardTs: null, announcement: null, setupCompletedAt: NOW } as const;
    const item = { id: 'a', incidentId: 'inc', description: 'd', ownerId: 'U1', dueDate: '2026-12-01', type: 'prevent', ticketUrl: null, status: 'open', statusReason: null, statusChangedBy: null, statusChangedAt: null, issue: null, verifyAfterDays: null, verification: null, verificationNote: null, createdBy: 'U1', createdAt: NOW } as const;
    const work = {
      items: Array.from({ length: 40 }, (_, i) => ({ item: { ...item, id: `a${i}` }, incident: { ...incident, responderIds: [] } })),
      done: Array.from({ length: 5 }, (_, i) => ({ item: { ...item, id: `d${i}`, status: 'done' as const }, incident: { ...incident, responderIds: [] } })),
      incidents: Array.from({ length: 20 }, () => ({ ...incident, responderIds: [] })),
      postmortems: [{ incident: { ...incident, responderIds: [] }, publishedAt: NOW }],
      insights: figures(),
    };
    const view = homeView(COMMAND_USAGES, work, '2026-12-01');
    expect(view.blocks.length).toBeLessThan(100);
    expect(texts(view.blocks)).toContain('*Insights* · Last 30 days');
    expect(checkBlocks(view.blocks, 'home')).toEqual([]);
  });
});
