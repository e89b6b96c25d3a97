import { APPS_CONNECTIONS_OPEN } from './methods/apps-connections';
import { methodSpec } from './slack-reference';

/**
 * How closely the fake keeps to Slack's rate limits: Slack's own (the default), every budget
 * multiplied by `scale` (tests that are not about rate limits), or none at all.
 */
export type RateLimitSetting = 'slack' | 'off' | { scale: number };

/** A method's budget: `perMinute` calls a minute, up to `burst` at once after a quiet spell. */
export interface RateBudget {
  perMinute: number;
  burst: number;
  /** chat.postMessage: the budget belongs to each channel, not to the workspace. */
  perChannel: boolean;
}

/** What the limiter says about one call. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Each tier's documented minimum ("Tier 3: 50+ per minute"), per app per workspace, with a small
 * burst: Slack allows "short bursts" without saying how long, so the fake allows a few calls at once.
 */
const TIER_BUDGETS: Record<'t1' | 't2' | 't3' | 't4', RateBudget> = {
  t1: { perMinute: 1, burst: 2, perChannel: false },
  t2: { perMinute: 20, burst: 3, perChannel: false },
  t3: { perMinute: 50, burst: 5, perChannel: false },
  t4: { perMinute: 100, burst: 10, perChannel: false },
};

/** chat.postMessage: "1 message per second per channel, with short bursts over 1 allowed". */
const POST_MESSAGE_BUDGET: RateBudget = { perMinute: 60, burst: 3, perChannel: true };

/** Other "special" (t5) methods, such as auth.test and chat.getPermalink, allow far more than a tier. */
const SPECIAL_BUDGET: RateBudget = { perMinute: 600, burst: 50, perChannel: false };

/** Slack's docs put apps.connections.open in Tier 1; the vendored reference has no file for it. */
const UNLISTED_TIERS: Readonly<Record<string, keyof typeof TIER_BUDGETS>> = { [APPS_CONNECTIONS_OPEN]: 't1' };

/**
 * Slack's budget for a method, from its tier in the vendored reference (`rate_limits`, `t5` being
 * "special"); undefined for methods the fake does not know, which Slack answers `unknown_method`.
 * A reference file without a readable tier gets Tier 3, the most common one.
 */
export function rateBudgetOf(method: string): RateBudget | undefined {
  if (method === 'chat.postMessage') return POST_MESSAGE_BUDGET;
  const unlisted = UNLISTED_TIERS[method];
  if (unlisted) return TIER_BUDGETS[unlisted];
  const spec = methodSpec(method);
  if (!spec) return undefined;
  const tier = spec.rate_limits;
  if (tier === 't5') return SPECIAL_BUDGET;
  return tier === 't1' || tier === 't2' || tier === 't3' || tier === 't4' ? TIER_BUDGETS[tier] : TIER_BUDGETS.t3;
}

interface Bucket {
  /**
   * When the bucket will be full again if no one calls (a "theoretical arrival time"): each call
   * pushes it one interval later, and a call is refused while it lies more than `burst - 1`
   * intervals ahead. This is a token bucket kept as one number, so waits come out exact.
   */
  fullAt: number;
  /** The latest time this bucket saw, so a clock moved backwards does not refill or drain it. */
  seenAt: number;
}

function checkSetting(setting: RateLimitSetting): RateLimitSetting {
  if (typeof setting === 'object' && !(Number.isFinite(setting.scale) && setting.scale > 0)) {
    throw new Error(`rate limit scale must be a positive number, got ${setting.scale}`);
  }
  return setting;
}

/**
 * Slack's per-method rate limits for one app in one workspace: a token bucket per method (per
 * channel for chat.postMessage), refilled at the tier's documented rate on the caller's clock.
 * Only calls that are let through take a token.
 */
export class RateLimits {
  private setting: RateLimitSetting;
  private readonly buckets = new Map<string, Bucket>();

  constructor(setting: RateLimitSetting = 'slack') {
    this.setting = checkSetting(setting);
  }

  /** Changes the limits; every bucket starts full again. */
  set(setting: RateLimitSetting): void {
    this.setting = checkSetting(setting);
    this.buckets.clear();
  }

  /** Lets a call to `method` (in `channel`, for chat.postMessage) through at `now`, or says how long to wait. */
  take(method: string, channel: string | undefined, now: number): RateVerdict {
    if (this.setting === 'off') return { allowed: true };
    const budget = rateBudgetOf(method);
    if (!budget) return { allowed: true };
    const scale = this.setting === 'slack' ? 1 : this.setting.scale;
    const intervalMs = 60_000 / (budget.perMinute * scale);
    const burst = Math.max(1, budget.burst * scale);

    const key = budget.perChannel ? `${method} ${channel ?? ''}` : method;
    const bucket = this.buckets.get(key) ?? { fullAt: now, seenAt: now };
    this.buckets.set(key, bucket);
    if (now < bucket.seenAt) bucket.fullAt -= bucket.seenAt - now;
    bucket.seenAt = now;

    const fullAt = Math.max(bucket.fullAt, now);
    const waitMs = fullAt - now - (burst - 1) * intervalMs;
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    bucket.fullAt = fullAt + intervalMs;
    return { allowed: true };
  }
}
