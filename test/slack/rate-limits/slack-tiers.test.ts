import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { METHOD_TIERS, TIER_PER_MINUTE, budgetOf } from '../../../src/slack/rate-limits/slack-tiers';

/** Slack's method reference, as vendored for the fake Slack (one JSON file per method). */
const REFERENCE = path.join(__dirname, '..', '..', '..', 'tools', 'fake-slack', 'reference', 'methods');

function referenceTiers(): Map<string, string> {
  const tiers = new Map<string, string>();
  for (const file of readdirSync(REFERENCE).filter((f) => f.endsWith('.json'))) {
    const spec = JSON.parse(readFileSync(path.join(REFERENCE, file), 'utf8')) as { rate_limits?: string };
    if (spec.rate_limits) tiers.set(file.replace(/\.json$/, ''), spec.rate_limits);
  }
  return tiers;
}

describe("the bot's table of Slack's rate-limit tiers", () => {
  it("gives every method in Slack's reference the tier Slack documents for it", () => {
    const reference = referenceTiers();
    expect(reference.size).toBeGreaterThan(30);
    for (const [method, tier] of reference) {
      expect({ method, tier: METHOD_TIERS[method] }).toEqual({ method, tier: tier === 't5' ? 'special' : tier });
    }
  });

  it("keeps each method to its tier's documented minimum, and chat.postMessage to a message a second per channel", () => {
    expect(budgetOf('reactions.add')).toEqual({ perMinute: TIER_PER_MINUTE.t3, burst: 3, perChannel: false });
    expect(budgetOf('pins.add').perMinute).toBe(20);
    expect(budgetOf('views.open').perMinute).toBe(100);
    expect(budgetOf('chat.postMessage')).toEqual({ perMinute: 60, burst: 1, perChannel: true });
  });
});
