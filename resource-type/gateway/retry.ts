import { isInvalidPrincipals, isNetworkError, isRetryable, isThrottling, type RetryHints } from './errors';
import { Interrupted } from './interrupt';
import type { Timing } from './timing';

export interface RetryPolicy {
  /** First backoff ceiling (ms); doubles each attempt. @default 200 */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling (ms). @default 5000 */
  readonly maxDelayMs: number;
  /** Attempts per call before handing back to the operation (IN_PROGRESS). @default 10 */
  readonly maxAttempts: number;
  /** Attempts for MalformedPolicyDocument "invalid principals" (new IAM roles). @default 4 */
  readonly invalidPrincipalAttempts: number;
  /** Attempts when KMS cannot be reached at all (refused/reset connections, timeouts). @default 5 */
  readonly networkAttempts?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxAttempts: 10,
  invalidPrincipalAttempts: 4,
  networkAttempts: 5,
};

/** Full-jitter exponential backoff: uniform in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random * ceiling);
}

/**
 * Calls `fn` until it succeeds, fails with a non-retryable error (rethrown as is), or retrying
 * would pass `deadline` / the attempt budget (Interrupted carrying the last error).
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    timing: Timing;
    deadline: number;
    hints?: RetryHints;
    label: string;
    onRetry?: (error: unknown, attempt: number) => void;
  },
): Promise<T> {
  const { policy, timing, deadline, hints, label } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetryable(error, hints)) throw error;
      if (hints?.unsafeToRepeat && !isThrottling(error)) throw new Interrupted(label, error, 'unknown-outcome');
      const limit = isInvalidPrincipals(error)
        ? policy.invalidPrincipalAttempts
        : isNetworkError(error)
          ? (policy.networkAttempts ?? policy.maxAttempts)
          : policy.maxAttempts;
      if (attempt + 1 >= limit) {
        if (isInvalidPrincipals(error)) throw error;
        throw new Interrupted(label, error, 'attempts');
      }
      const delay = backoffDelay(policy, attempt, timing.random());
      if (timing.now() + delay >= deadline) throw new Interrupted(`retrying ${label}`, error, 'deadline');
      options.onRetry?.(error, attempt);
      await timing.sleep(delay);
    }
  }
}
