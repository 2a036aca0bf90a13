import type { Timing } from './timing';

import { Interrupted } from './interrupt';

/**
 * One token bucket: `ratePerSecond` tokens a second, at most `capacity` saved up, full at the
 * start (KMS meters each API with a bucket of one second's capacity, so a client bucket of the
 * same shape at a lower rate never sends more than KMS accepts). Callers queue in order; each
 * waits for its own token, so concurrent callers never exceed the rate.
 *
 * When KMS throttles anyway (other callers in the account share the quota), `throttled()` halves
 * the rate used, down to a quarter of the configured one, and drops the saved-up tokens; every
 * accepted call then wins back a tenth of the configured rate. Several invocations competing for
 * one quota (replica key sets replicating from the same primary Region) thus settle near their
 * share instead of retrying into the quota together.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private rate: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly timing: Timing,
  ) {
    this.tokens = capacity;
    this.rate = ratePerSecond;
    this.updatedAt = timing.now();
  }

  /** The rate currently used (below the configured one after throttling). */
  get currentRate(): number {
    return this.rate;
  }

  /** Reserves a token and returns how long (ms) the caller must wait before using it. */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }

  /** Gives back a reservation that was not used (the caller gave up before its turn). */
  release(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** KMS answered ThrottlingException: slow down (multiplicative decrease) and spend the burst. */
  throttled(): void {
    this.refill();
    this.rate = Math.max(this.ratePerSecond / 4, this.rate / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** KMS accepted a call: win back part of the configured rate (additive increase). */
  accepted(): void {
    if (this.rate >= this.ratePerSecond) return;
    this.refill();
    this.rate = Math.min(this.ratePerSecond, this.rate + this.ratePerSecond / 10);
  }

  private refill(): void {
    const now = this.timing.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
  }
}

export interface RateLimiterOptions {
  /** Requests per second per API before headroom. */
  readonly quotas: Readonly<Record<string, number>>;
  /** Fraction of each quota used. @default 0.9 */
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

  /** KMS throttled a call of `api`: see TokenBucket.throttled. */
  throttled(api: string): void {
    this.bucketFor(api).throttled();
  }

  /** KMS accepted a call of `api`. */
  accepted(api: string): void {
    this.buckets.get(api)?.accepted();
  }

  /** The rate `api` is currently limited to (tests, diagnostics). */
  currentRate(api: string): number {
    return this.bucketFor(api).currentRate;
  }

  private bucketFor(api: string): TokenBucket {
    let bucket = this.buckets.get(api);
    if (!bucket) {
      const rate = Math.max(0.1, (this.options.quotas[api] ?? this.options.fallbackRate ?? 5) * this.options.headroom);
      // Capacity of one second's worth (at least one token), as KMS's own buckets.
      bucket = new TokenBucket(rate, Math.max(1, rate), this.timing);
      this.buckets.set(api, bucket);
    }
    return bucket;
  }
}
