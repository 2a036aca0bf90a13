/** Side-by-side figures of one workload: ours, naive, and the lower bound of each step (pure). */
import { STEPS, stepPhases, type StepName } from './call-graphs';
import { schedule } from './lower-bound';
import type { StepRun, WorkloadRun } from './workload-runner';
import type { Workload } from './workload';

export interface ModelSettings {
  /** Latency of every call not in `perApiLatencyMs`. */
  readonly latencyMs: number;
  /** Latency per API (a non-uniform latency profile). @default {} */
  readonly perApiLatencyMs?: Readonly<Record<string, number>>;
  readonly replicaCreatingMs: number;
  /** The engine's client-side fraction of each quota (for the informational bound). */
  readonly engineHeadroom: number;
}

export interface StepBound {
  /** Fastest possible run at the documented quotas (phases summed). */
  readonly ms: number;
  /** The same with only `engineHeadroom` of each quota (what our client-side limiter allows). */
  readonly atEngineHeadroomMs: number;
  /** Calls the bound makes, per API. */
  readonly callsPerApi: Readonly<Record<string, number>>;
  /** Each phase's bound (ms), at the documented quotas and at the engine's headroom. */
  readonly phases: ReadonlyArray<{ readonly ms: number; readonly atEngineHeadroomMs: number }>;
}

export interface StepComparison {
  readonly step: StepName;
  readonly keys: number;
  readonly bound: StepBound;
  readonly ours?: StepRun;
  readonly naive?: StepRun;
  readonly ratios: {
    /** ours wall / bound. */
    readonly oursOverBound?: number;
    /** (ours wall − the lib's fixed overhead) / bound. */
    readonly oursExclLibOverBound?: number;
    /** naive wall / ours wall (> 1: ours is faster). */
    readonly naiveOverOurs?: number;
    /** naive wall / bound: the most any implementation could gain over naive here. */
    readonly naiveOverBound?: number;
  };
}

export interface WorkloadComparison {
  readonly workload: string;
  readonly resources: ReadonlyArray<{
    readonly logicalId: string;
    readonly region: string;
    readonly primaryRegion?: string;
    readonly services: number;
  }>;
  readonly steps: readonly StepComparison[];
  readonly failures: Readonly<Record<string, string>>;
}

export function stepBound(step: StepName, workload: Workload, model: ModelSettings): StepBound {
  const phases = stepPhases(
    step,
    workload.resources.map((r) => r.placement),
    { replicaCreatingMs: model.replicaCreatingMs },
  );
  const callsPerApi: Record<string, number> = {};
  let ms = 0;
  let atEngineHeadroomMs = 0;
  const perPhase: Array<{ ms: number; atEngineHeadroomMs: number }> = [];
  for (const phase of phases) {
    const latency = { latencyMs: model.latencyMs, perApiLatencyMs: model.perApiLatencyMs };
    const full = schedule(phase, latency);
    const limited = schedule(phase, { ...latency, rateFactor: model.engineHeadroom }).makespanMs;
    ms += full.makespanMs;
    atEngineHeadroomMs += limited;
    perPhase.push({ ms: full.makespanMs, atEngineHeadroomMs: limited });
    for (const [api, n] of Object.entries(full.callsPerApi)) callsPerApi[api] = (callsPerApi[api] ?? 0) + n;
  }
  return { ms, atEngineHeadroomMs, callsPerApi, phases: perPhase };
}

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);

export function compareWorkload(workload: Workload, model: ModelSettings, ours?: WorkloadRun, naive?: WorkloadRun): WorkloadComparison {
  const steps = STEPS.map((step): StepComparison => {
    const bound = stepBound(step, workload, model);
    const o = ours?.steps.find((s) => s.step === step);
    const n = naive?.steps.find((s) => s.step === step);
    const oursMs = o?.ok ? o.wallMs : undefined;
    const naiveMs = n?.ok ? n.wallMs : undefined;
    return {
      step,
      keys: workload.resources.reduce((k, r) => k + r.placement.services.length, 0),
      bound,
      ...(o ? { ours: o } : {}),
      ...(n ? { naive: n } : {}),
      ratios: {
        oursOverBound: ratio(oursMs, bound.ms),
        oursExclLibOverBound: o?.ok ? ratio(o.wallExclLibMs, bound.ms) : undefined,
        naiveOverOurs: ratio(naiveMs, oursMs),
        naiveOverBound: ratio(naiveMs, bound.ms),
      },
    };
  });
  const failures: Record<string, string> = {};
  if (ours?.failure) failures[ours.implementation] = ours.failure;
  if (naive?.failure) failures[naive.implementation] = naive.failure;
  return {
    workload: workload.name,
    resources: workload.resources.map((r) => ({
      logicalId: r.logicalId,
      region: r.placement.region,
      ...(r.placement.primaryRegion ? { primaryRegion: r.placement.primaryRegion } : {}),
      services: r.placement.services.length,
    })),
    steps,
    failures,
  };
}
