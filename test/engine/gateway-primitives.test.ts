import { mapBounded } from '../../resource-type/gateway/concurrency';
import { isRetryable, toKeySetError } from '../../resource-type/gateway/errors';
import { Interrupted } from '../../resource-type/gateway/interrupt';
import { KmsGateway } from '../../resource-type/gateway/kms-gateway';
import { RateLimiter } from '../../resource-type/gateway/rate-limiter';
import { backoffDelay, DEFAULT_RETRY_POLICY, withRetry } from '../../resource-type/gateway/retry';
import type { Timing } from '../../resource-type/gateway/timing';

/** A fake clock: sleep advances time instantly and records the delays. */
function fakeTiming(random = 0.5): Timing & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)), random: () => random };
}

const err = (name: string, message = name, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });

describe('retry', () => {
  it('full-jitter exponential backoff is capped', () => {
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 0, 1)).toBe(200);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, 1)).toBe(1600);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 10, 1)).toBe(5000);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 10, 0.25)).toBe(1250);
  });

  it('retries throttling until it succeeds, sleeping with backoff', async () => {
    const timing = fakeTiming();
    let calls = 0;
    const result = await withRetry(async () => (++calls < 4 ? Promise.reject(err('ThrottlingException')) : 'ok'), {
      policy: DEFAULT_RETRY_POLICY,
      timing,
      deadline: timing.now() + 60_000,
      label: 'X',
    });
    expect(result).toBe('ok');
    expect(timing.sleeps).toEqual([100, 200, 400]);
  });

  it('hands back Interrupted with the last error instead of sleeping past the deadline', async () => {
    const timing = fakeTiming(1);
    const p = withRetry(async () => Promise.reject(err('KMSInternalException')), {
      policy: DEFAULT_RETRY_POLICY,
      timing,
      deadline: timing.now() + 500,
      label: 'X',
    });
    await expect(p).rejects.toBeInstanceOf(Interrupted);
    await p.catch((e: Interrupted) => expect((e.lastError as Error).name).toBe('KMSInternalException'));
  });

  it('does not retry non-retryable errors, and only throttling for unsafe-to-repeat calls', async () => {
    const timing = fakeTiming();
    await expect(
      withRetry(async () => Promise.reject(err('AccessDeniedException')), {
        policy: DEFAULT_RETRY_POLICY,
        timing,
        deadline: timing.now() + 60_000,
        label: 'X',
      }),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      withRetry(async () => Promise.reject(err('KMSInternalException')), {
        policy: DEFAULT_RETRY_POLICY,
        timing,
        deadline: timing.now() + 60_000,
        label: 'CreateKey',
        hints: { unsafeToRepeat: true },
      }),
    ).rejects.toBeInstanceOf(Interrupted);
  });

  it('classifies the just-created window and transient states as retryable', () => {
    expect(isRetryable(err('NotFoundException'))).toBe(false);
    expect(isRetryable(err('NotFoundException'), { justCreated: true })).toBe(true);
    expect(isRetryable(err('KMSInvalidStateException', 'key is Creating'))).toBe(true);
    expect(isRetryable(err('KMSInvalidStateException', 'key is pending deletion'))).toBe(false);
    expect(isRetryable(err('DependencyTimeoutException'))).toBe(true);
    expect(isRetryable(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
  });
});

describe('error mapping (kms-facts §9)', () => {
  const site = { api: 'CreateKey', region: 'eu-west-1', service: 's3' };
  it.each([
    ['NotFoundException', 'NotFound'],
    ['AlreadyExistsException', 'AlreadyExists'],
    ['MalformedPolicyDocumentException', 'InvalidRequest'],
    ['TagException', 'InvalidRequest'],
    ['LimitExceededException', 'ServiceLimitExceeded'],
    ['ThrottlingException', 'Throttling'],
    ['KMSInternalException', 'ServiceInternalError'],
    ['DependencyTimeoutException', 'ServiceInternalError'],
    ['AccessDeniedException', 'AccessDenied'],
    ['InvalidMarkerException', 'InternalFailure'],
    ['SomethingNewException', 'GeneralServiceException'],
  ])('%s → %s', (name, code) => {
    const mapped = toKeySetError(err(name, `${name} message`), site);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toContain('KMS CreateKey for the s3 key in eu-west-1 failed');
  });
  it('socket errors → NetworkFailure; lockout message gets a hint', () => {
    expect(toKeySetError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), site).code).toBe('NetworkFailure');
    expect(
      toKeySetError(
        err('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.'),
        site,
      ).message,
    ).toMatch(/kms:PutKeyPolicy/);
  });
  it('AccessDenied on ScheduleKeyDeletion / EnableKeyRotation names the condition keys that constrain the window / period', () => {
    const denied = err('AccessDeniedException', 'User: x is not authorized to perform: kms:ScheduleKeyDeletion');
    expect(toKeySetError(denied, { ...site, api: 'ScheduleKeyDeletion' }).message).toMatch(
      /kms:ScheduleKeyDeletionPendingWindowInDays, set PendingWindowInDays to a value it allows\.$/,
    );
    expect(toKeySetError(denied, { ...site, api: 'EnableKeyRotation' }).message).toMatch(
      /kms:RotationPeriodInDays, set RotationPeriodInDays to a value it allows\.$/,
    );
  });
  it('an empty message becomes "<Op> failed due to <Exception>"', () => {
    expect(toKeySetError(err('KMSInternalException', ''), site).message).toContain('CreateKey failed due to KMSInternalException');
  });
});

describe('rate limiter', () => {
  it('spaces calls at the quota times headroom and refuses to wait past the deadline', async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter({ quotas: { CreateKey: 5 }, headroom: 0.8 }, timing);
    const start = timing.now();
    for (let i = 0; i < 9; i++) await limiter.acquire('CreateKey', start + 60_000);
    // 4 rps with a burst of 4: the 9th call waits until 5 more tokens accrued (1.25 s).
    expect(timing.now() - start).toBeCloseTo(1250, -1);
    await expect(limiter.acquire('CreateKey', timing.now() + 10)).rejects.toBeInstanceOf(Interrupted);
  });
});

describe('rate limiter at the default headroom, and after throttling', () => {
  it('a bucket of one second of the rate starts full: 4.5 rps on a 5-rps API sends 4 calls at once, then one every 222 ms', async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter({ quotas: { CreateKey: 5 }, headroom: 0.9 }, timing);
    const start = timing.now();
    for (let i = 0; i < 4; i++) await limiter.acquire('CreateKey', start + 60_000);
    expect(timing.now()).toBe(start);
    for (let i = 0; i < 9; i++) await limiter.acquire('CreateKey', start + 60_000);
    // 13 tokens: 4.5 saved up, 8.5 more at 4.5 per second.
    expect(timing.now() - start).toBeCloseTo((8.5 / 4.5) * 1000, -1);
  });

  it('ThrottlingException halves the rate (never below a quarter) and spends the burst; accepted calls win it back', async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter({ quotas: { ReplicateKey: 5 }, headroom: 0.8 }, timing);
    expect(limiter.currentRate('ReplicateKey')).toBe(4);
    limiter.throttled('ReplicateKey');
    expect(limiter.currentRate('ReplicateKey')).toBe(2);
    const start = timing.now();
    await limiter.acquire('ReplicateKey', start + 60_000);
    expect(timing.now() - start).toBeCloseTo(500, -1); // no saved-up tokens left: one at 2 rps
    limiter.throttled('ReplicateKey');
    limiter.throttled('ReplicateKey');
    expect(limiter.currentRate('ReplicateKey')).toBe(1);
    for (let i = 0; i < 30; i++) limiter.accepted('ReplicateKey');
    expect(limiter.currentRate('ReplicateKey')).toBe(4);
  });
});

describe('quota charged without a call (ReplicateKey = 2 CreateKey in the replica Region)', () => {
  it("takes tokens from the same bucket as the Region's own CreateKey calls", async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter({ quotas: { CreateKey: 5 }, headroom: 0.4 }, timing);
    const gw = new KmsGateway({
      client: {} as never,
      region: 'us-east-2',
      limiter,
      timing,
      retry: DEFAULT_RETRY_POLICY,
      deadline: timing.now() + 60_000,
      callTimeoutMs: 1000,
    });
    const start = timing.now();
    await gw.chargeQuota('CreateKey', 2); // 2 rps, burst 2: free
    expect(timing.now()).toBe(start);
    await gw.chargeQuota('CreateKey', 2); // the bucket is empty: 1 s for two more tokens
    expect(timing.now() - start).toBeCloseTo(1000, -1);
  });
});

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });
});
