export type RateResource = 'core' | 'search';

/** Requests an authenticated user may make per window, by resource, as GitHub counts them. */
export const DEFAULT_RATE_LIMITS: Record<RateResource, number> = { core: 5000, search: 30 };

/** The core limit refills hourly, the search limit every minute. */
const WINDOW_SECONDS: Record<RateResource, number> = { core: 3600, search: 60 };

interface Bucket {
  used: number;
  resetAt: number;
}

export interface RateLimitState {
  limit: number;
  used: number;
  /** UTC epoch seconds when the window refills. */
  reset: number;
  resource: RateResource;
}

/** GitHub's `x-ratelimit-*` headers for a state. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(Math.max(0, state.limit - state.used)),
    'x-ratelimit-reset': String(state.reset),
    'x-ratelimit-used': String(state.used),
    'x-ratelimit-resource': state.resource,
  };
}

/**
 * The primary rate limit per user and resource on the fake's clock. Every answer reports it; once a
 * user has used it all, requests are refused until the window refills, as GitHub does.
 */
export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => Date,
    private readonly limits: Record<RateResource, number>,
  ) {}

  /** Counts one request unless the limit is used up; says whether it was allowed, and the state after. */
  take(user: string, resource: RateResource): { allowed: boolean; state: RateLimitState } {
    const bucket = this.bucket(user, resource);
    const allowed = bucket.used < this.limits[resource];
    if (allowed) bucket.used += 1;
    return { allowed, state: this.state(bucket, resource) };
  }

  /** A conditional request answered 304 does not count against the limit. */
  refund(user: string, resource: RateResource): RateLimitState {
    const bucket = this.bucket(user, resource);
    bucket.used = Math.max(0, bucket.used - 1);
    return this.state(bucket, resource);
  }

  peek(user: string, resource: RateResource): RateLimitState {
    return this.state(this.bucket(user, resource), resource);
  }

  private bucket(user: string, resource: RateResource): Bucket {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const id = `${user.toLowerCase()} ${resource}`;
    let bucket = this.buckets.get(id);
    if (!bucket || nowSeconds >= bucket.resetAt) {
      bucket = { used: 0, resetAt: nowSeconds + WINDOW_SECONDS[resource] };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  private state(bucket: Bucket, resource: RateResource): RateLimitState {
    return { limit: this.limits[resource], used: bucket.used, reset: bucket.resetAt, resource };
  }
}
