import type { Timing } from './timing';

import { Interrupted } from './interrupt';

/**
 * One token bucket: `ratePerSecond` tokens a second, at most `burst` saved up. Callers queue in
 * order; each waits for its own token, so concurrent callers never exceed the rate.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  /** Time (ms) at which the last reserved token becomes available. */
  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly timing: Timing,
  ) {
    this.tokens = burst;
    this.updatedAt = timing.now();
  }

  /** Reserves a token and returns how long (ms) the caller must wait before using it. */
  reserve(): number {
    const now = this.timing.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.ratePerSecond) * 1000;
  }

  /** Gives back a reservation that was not used (the caller gave up before its turn). */
  release(): void {
    this.tokens = Math.min(this.burst, this.tokens + 1);
  }
}

export interface RateLimiterOptions {
  /** Requests per second per API before headroom. */
  readonly quotas: Readonly<Record<string, number>>;
  /** Fraction of each quota used. @default 0.7 */
  readonly headroom: number;
  /** Rate for APIs missing from `quotas`. @default 5 */
  readonly fallbackRate?: number;
}

/** Token buckets per API for one account + Region. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly options: RateLimiterOptions,
    private readonly timing: Timing,
  ) {}

  /** Waits for a token for `api`; throws Interrupted instead of waiting past `deadline`. */
  async acquire(api: string, deadline: number): Promise<void> {
    const bucket = this.bucketFor(api);
    const wait = bucket.reserve();
    if (wait <= 0) return;
    if (this.timing.now() + wait > deadline) {
      bucket.release();
      throw new Interrupted(`waiting for the client-side ${api} rate limit`);
    }
    await this.timing.sleep(wait);
  }

  private bucketFor(api: string): TokenBucket {
    let bucket = this.buckets.get(api);
    if (!bucket) {
      const rate = Math.max(0.1, (this.options.quotas[api] ?? this.options.fallbackRate ?? 5) * this.options.headroom);
      // Burst of at most one second's worth (at least 1) keeps short bursts within the quota.
      bucket = new TokenBucket(rate, Math.max(1, Math.floor(rate)), this.timing);
      this.buckets.set(api, bucket);
    }
    return bucket;
  }
}
