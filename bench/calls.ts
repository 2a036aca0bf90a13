/** Summaries of the emulator's call log (pure). */
import { MUTATING_KMS_APIS } from '../resource-type/gateway';

/** KMS APIs that change state: the gateway's list (every API the handlers can call, plus grants and UpdatePrimaryRegion). */
export const MUTATING_APIS: ReadonlySet<string> = MUTATING_KMS_APIS;

/** The part of an emulator CallRecord the bench reads. */
export interface LoggedCall {
  readonly operation: string;
  readonly region: string;
  readonly status: number;
  readonly errorCode?: string;
  /** Epoch ms when the request arrived (before the emulated latency). */
  readonly at?: number;
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

export interface CallTimeline {
  /** First and last request of the step, ms after the step started. */
  readonly firstMs: number;
  readonly lastMs: number;
  /** Per API: first and last request (ms after the step started) and the count. */
  readonly perApi: Record<string, { readonly firstMs: number; readonly lastMs: number; readonly calls: number }>;
}

/** When each API was called during a step that started at `startedAt` (epoch ms). Undefined without timestamps. */
export function callTimeline(calls: readonly LoggedCall[], startedAt: number): CallTimeline | undefined {
  const timed = calls.filter((c): c is LoggedCall & { at: number } => typeof c.at === 'number');
  if (timed.length === 0) return undefined;
  const perApi: Record<string, { firstMs: number; lastMs: number; calls: number }> = {};
  for (const c of timed) {
    const t = c.at - startedAt;
    const span = perApi[c.operation];
    if (!span) perApi[c.operation] = { firstMs: t, lastMs: t, calls: 1 };
    else perApi[c.operation] = { firstMs: Math.min(span.firstMs, t), lastMs: Math.max(span.lastMs, t), calls: span.calls + 1 };
  }
  const times = timed.map((c) => c.at - startedAt);
  return { firstMs: Math.min(...times), lastMs: Math.max(...times), perApi };
}

/** "CreateKey 0.25-4.30 s (18)" for the given APIs that were called. */
export function formatTimeline(timeline: CallTimeline, apis: readonly string[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const spans = apis
    .filter((api) => timeline.perApi[api])
    .map((api) => {
      const span = timeline.perApi[api]!;
      return `${api} ${s(span.firstMs)}-${s(span.lastMs)} (${span.calls})`;
    });
  return [`calls ${s(timeline.firstMs)}-${s(timeline.lastMs)} s`, ...spans].join('; ');
}
