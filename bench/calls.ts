/** Summaries of the emulator's call log (pure). */

/** KMS APIs that change state. */
export const MUTATING_APIS: ReadonlySet<string> = new Set([
  'CreateKey',
  'ReplicateKey',
  'CreateAlias',
  'UpdateAlias',
  'DeleteAlias',
  'PutKeyPolicy',
  'ScheduleKeyDeletion',
  'CancelKeyDeletion',
  'EnableKeyRotation',
  'DisableKeyRotation',
  'EnableKey',
  'DisableKey',
  'UpdateKeyDescription',
  'TagResource',
  'UntagResource',
  'UpdatePrimaryRegion',
  'CreateGrant',
  'RetireGrant',
  'RevokeGrant',
]);

/** The part of an emulator CallRecord the bench reads. */
export interface LoggedCall {
  readonly operation: string;
  readonly region: string;
  readonly status: number;
  readonly errorCode?: string;
}

export interface CallSummary {
  /** Every request that reached the emulator, per API (failed attempts included). */
  readonly perApi: Record<string, number>;
  readonly total: number;
  /** Requests to mutating APIs (failed attempts included). */
  readonly mutating: number;
  /** Successful requests to mutating APIs. */
  readonly mutatingOk: number;
  readonly throttled: number;
  /** Failed requests per error code (throttling included). */
  readonly errors: Record<string, number>;
}

const sortedRecord = (counts: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));

export function summarizeCalls(calls: readonly LoggedCall[]): CallSummary {
  const perApi = new Map<string, number>();
  const errors = new Map<string, number>();
  let mutating = 0;
  let mutatingOk = 0;
  for (const call of calls) {
    perApi.set(call.operation, (perApi.get(call.operation) ?? 0) + 1);
    const ok = call.status >= 200 && call.status < 300;
    if (MUTATING_APIS.has(call.operation)) {
      mutating++;
      if (ok) mutatingOk++;
    }
    if (!ok) {
      const code = call.errorCode ?? `HTTP ${call.status}`;
      errors.set(code, (errors.get(code) ?? 0) + 1);
    }
  }
  return {
    perApi: sortedRecord(perApi),
    total: calls.length,
    mutating,
    mutatingOk,
    throttled: errors.get('ThrottlingException') ?? 0,
    errors: sortedRecord(errors),
  };
}

/** "CreateKey 18, CreateAlias 18, …" with the largest counts first. */
export function formatPerApi(perApi: Readonly<Record<string, number>>): string {
  const entries = Object.entries(perApi).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return entries.length === 0 ? '(none)' : entries.map(([api, n]) => `${api} ${n}`).join(', ');
}
