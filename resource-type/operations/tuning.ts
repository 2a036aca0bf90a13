import type { GatewayCallEvent } from '../gateway/kms-gateway';
import { DEFAULT_QUOTA_HEADROOM } from '../gateway/quotas';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../gateway/retry';
import { realTiming, type Timing } from '../gateway/timing';

/**
 * Engine settings. Production uses the defaults; tests shorten deadlines and polling with
 * `configureEngine` so the suite stays fast (no timed assertions depend on them).
 */
export interface EngineTuning {
  /** @default realTiming */
  readonly timing: Timing;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retry: RetryPolicy;
  /** Fraction of the KMS request quotas used per API. @default 0.9 (DEFAULT_QUOTA_HEADROOM) */
  readonly quotaHeadroom: number;
  /** Keys worked on at once per Region (state-changing steps). @default 4 */
  readonly concurrency: number;
  /** Keys read at once per Region (read APIs have 500–2000 rps quotas, so reads are latency-bound). @default 16 */
  readonly readConcurrency: number;
  /** Upper bound on one invocation's work, on top of OperationInput.deadline. @default undefined (deadline only) */
  readonly maxInvocationMs?: number;
  /** Stop starting calls this long before the deadline (room to answer). @default 1500 */
  readonly deadlineReserveMs: number;
  /**
   * Total time an operation may take across invocations before it gives up; a failing create's
   * clean-up may take as long again. Kept below the schema's handler timeouts (create/update
   * 120 min, delete 60 min; test/engine/budget.test.ts) so the engine reports its own error and
   * finishes cleaning up before CloudFormation times the handler out. @default 2700000 (45 min)
   */
  readonly operationBudgetMs: number;
  /** Delay between polls of a key state or a change becoming visible (fixed for the first 5 s, then doubling to 5 s). @default 250 */
  readonly pollIntervalMs: number;
  /** How long a replica key set waits for its primary keys to appear. @default 600000 (10 min) */
  readonly primaryWaitMs: number;
  /** callbackDelaySeconds when waiting for something outside our control (replicas, primaries). @default 5 */
  readonly waitCallbackDelaySeconds: number;
  /** Refuse calls outside each handler's schema permissions (InternalFailure). @default true */
  readonly enforcePermissions: boolean;
  /** Explicit KMS endpoint (tests); unset = the SDK's standard configuration (AWS_ENDPOINT_URL_KMS...). */
  readonly endpoint?: string;
  /** Longest single HTTP call (ms). @default 20000 */
  readonly callTimeoutMs: number;
  /** Observes every successful KMS call (call counting); `service` names the key's service when there is one. */
  readonly onCall?: (event: GatewayCallEvent) => void;
  /** Called before every KMS request is sent (tests simulate crashes by throwing from it). */
  readonly beforeCall?: (event: GatewayCallEvent) => void;
}

export const DEFAULT_TUNING: EngineTuning = {
  timing: realTiming,
  retry: DEFAULT_RETRY_POLICY,
  quotaHeadroom: DEFAULT_QUOTA_HEADROOM,
  concurrency: 4,
  readConcurrency: 16,
  deadlineReserveMs: 1500,
  operationBudgetMs: 2_700_000,
  pollIntervalMs: 250,
  primaryWaitMs: 600_000,
  waitCallbackDelaySeconds: 5,
  enforcePermissions: true,
  callTimeoutMs: 20_000,
};

let current: EngineTuning = DEFAULT_TUNING;

/** Changes the engine settings for every later operation (tests, local runs). */
export function configureEngine(overrides: Partial<EngineTuning>): void {
  current = { ...current, ...overrides };
}

export function resetEngine(): void {
  current = DEFAULT_TUNING;
}

export function engineTuning(): EngineTuning {
  return current;
}
