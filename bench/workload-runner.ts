/**
 * Runs a workload (create → no-op update → policy-change update → read → delete) against a fresh
 * in-process emulator through a registry `entrypoint`, measuring each step: wall time, handler
 * invocations, callbackDelaySeconds asked for, and the KMS calls from the emulator's call log.
 */
import { performance } from 'node:perf_hooks';
import { startEmulator, type RunningEmulator } from '../emulator';
import { mapBounded } from '../resource-type/gateway/concurrency';
import { startLatencyProxy } from './latency';
import { callTimeline, summarizeCalls, type CallSummary, type CallTimeline } from './calls';
import { STEPS, type StepName } from './call-graphs';
import { runAction, type ActionRun, type Entrypoint, type RegistryAction, type RequestSpec } from './registry-driver';
import { CALLER, STACK_TAGS, isReplicaResource, type Resource, type Workload } from './workload';

export interface EmulatorSettings {
  /** Latency of every call not in `perApiLatencyMs`. */
  readonly latencyMs: number;
  /** Latency per KMS API: added by a local proxy in front of the emulator. @default {} */
  readonly perApiLatencyMs?: Readonly<Record<string, number>>;
  readonly replicaCreatingMs: number;
}

export interface ResourceRun {
  readonly logicalId: string;
  readonly region: string;
  readonly status: string;
  readonly errorCode?: string;
  readonly message?: string;
  readonly wallMs: number;
  readonly invocations: number;
  readonly callbackDelaysSeconds: readonly number[];
}

export interface StepRun {
  readonly step: StepName;
  readonly ok: boolean;
  readonly wallMs: number;
  /** Wall time minus the lib's fixed per-invocation overhead on each phase's slowest resource. */
  readonly wallExclLibMs: number;
  readonly invocations: number;
  /** Sum of callbackDelaySeconds asked for (not slept by the bench; CloudFormation would wait at least this). */
  readonly callbackDelaySeconds: number;
  /** Resources of each phase (phases run one after the other; resources of a phase at the same time). */
  readonly phases: readonly (readonly ResourceRun[])[];
  readonly calls: CallSummary;
  /** When each API was called (from the emulator's arrival timestamps). */
  readonly timeline?: CallTimeline;
  /** The calls of each phase. */
  readonly phaseCalls: readonly CallSummary[];
  /** Keys the step works on (services × key sets). */
  readonly keys: number;
}

export interface WorkloadRun {
  readonly implementation: string;
  readonly workload: string;
  readonly steps: readonly StepRun[];
  /** Set when a step failed; later steps were not run. */
  readonly failure?: string;
}

/** A step's resources in phase order: creates run primaries first; deletes replicas first. */
export function stepResourcePhases(step: StepName, resources: readonly Resource[]): Resource[][] {
  const primaries = resources.filter((r) => !isReplicaResource(r));
  const replicas = resources.filter(isReplicaResource);
  const phases = step === 'create' ? [primaries, replicas] : step === 'delete' ? [replicas, primaries] : [[...resources]];
  return phases.filter((p) => p.length > 0);
}

function requestFor(step: StepName, resource: Resource, token: string): RequestSpec {
  const base = {
    caller: CALLER,
    region: resource.placement.region,
    bearerToken: token,
    logicalResourceId: resource.logicalId,
    stackTags: { ...STACK_TAGS },
  };
  const actions: Record<
    StepName,
    { action: RegistryAction; properties: Record<string, unknown>; previousProperties?: Record<string, unknown> }
  > = {
    create: { action: 'CREATE', properties: resource.properties },
    'noop-update': { action: 'UPDATE', properties: resource.properties, previousProperties: resource.properties },
    'policy-update': { action: 'UPDATE', properties: resource.changedProperties, previousProperties: resource.properties },
    read: { action: 'READ', properties: resource.changedProperties },
    delete: { action: 'DELETE', properties: resource.changedProperties },
  };
  return { ...base, ...actions[step] };
}

function toResourceRun(resource: Resource, run: ActionRun): ResourceRun {
  return {
    logicalId: resource.logicalId,
    region: resource.placement.region,
    status: run.final.status,
    ...(run.final.errorCode ? { errorCode: run.final.errorCode } : {}),
    ...(run.final.status === 'FAILED' && run.final.message ? { message: run.final.message } : {}),
    wallMs: run.wallMs,
    invocations: run.invocations,
    callbackDelaysSeconds: run.callbackDelaysSeconds,
  };
}

/** Runs the lib quietly: it logs every invocation to the console. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = () => undefined;
  try {
    return await work();
  } finally {
    Object.assign(console, saved);
  }
}

async function runStep(
  step: StepName,
  workload: Workload,
  entrypoint: Entrypoint,
  emulator: RunningEmulator,
  libOverheadMs: number,
  runId: string,
): Promise<StepRun> {
  emulator.admin.clearCallLog();
  // Full quota buckets at the start of every step, as after the minutes between stack operations.
  emulator.admin.setQuotas(true);
  const phases: ResourceRun[][] = [];
  const phaseCalls: CallSummary[] = [];
  let wallExclLibMs = 0;
  const started = performance.now();
  const startedAt = Date.now();
  for (const group of stepResourcePhases(step, workload.resources)) {
    const logged = emulator.admin.callLog().length;
    const runs = await mapBounded(group, group.length, async (resource) => {
      const t0 = performance.now();
      try {
        return toResourceRun(
          resource,
          await runAction(entrypoint, requestFor(step, resource, `${runId}-${step}-${resource.placement.region}`)),
        );
      } catch (error) {
        // A handler that never finishes (or a driver failure) is a result to report, not a crash.
        const message = error instanceof Error ? error.message : String(error);
        return {
          logicalId: resource.logicalId,
          region: resource.placement.region,
          status: 'ERROR',
          message,
          wallMs: performance.now() - t0,
          invocations: 0,
          callbackDelaysSeconds: [],
        };
      }
    });
    phases.push(runs);
    phaseCalls.push(summarizeCalls(emulator.admin.callLog().slice(logged)));
    wallExclLibMs += Math.max(...runs.map((r) => r.wallMs - r.invocations * libOverheadMs));
    if (runs.some((r) => r.status !== 'SUCCESS')) break;
  }
  const wallMs = performance.now() - started;
  const all = phases.flat();
  return {
    step,
    ok: all.length > 0 && all.every((r) => r.status === 'SUCCESS') && phases.length === stepResourcePhases(step, workload.resources).length,
    wallMs,
    wallExclLibMs,
    invocations: all.reduce((n, r) => n + r.invocations, 0),
    callbackDelaySeconds: all.reduce((n, r) => n + r.callbackDelaysSeconds.reduce((a, b) => a + b, 0), 0),
    phases,
    calls: summarizeCalls(emulator.admin.callLog()),
    timeline: callTimeline(emulator.admin.callLog(), startedAt),
    phaseCalls,
    keys: workload.resources.reduce((n, r) => n + r.placement.services.length, 0),
  };
}

/** Every step of `workload` through `entrypoint`, on a fresh emulator. Stops at the first failed step. */
export async function runWorkload(
  implementation: string,
  workload: Workload,
  entrypoint: Entrypoint,
  settings: EmulatorSettings,
  libOverheadMs: number,
): Promise<WorkloadRun> {
  const perApi = settings.perApiLatencyMs ?? {};
  const proxied = Object.keys(perApi).length > 0;
  // One latency for every call: the emulator's own setting. Per-API latencies: a proxy in front of it.
  const emulator = await startEmulator({
    latencyMs: proxied ? 0 : settings.latencyMs,
    quotas: true,
    replicaCreatingMs: settings.replicaCreatingMs,
  });
  const proxy = proxied
    ? await startLatencyProxy(emulator.endpoint, { name: 'run', label: '', defaultMs: settings.latencyMs, perApiMs: perApi })
    : undefined;
  const savedEndpoint = process.env.AWS_ENDPOINT_URL_KMS;
  // The SDK's standard endpoint setting: the handlers run with their production configuration.
  process.env.AWS_ENDPOINT_URL_KMS = proxy?.endpoint ?? emulator.endpoint;
  const steps: StepRun[] = [];
  let failure: string | undefined;
  try {
    await quietly(async () => {
      for (const step of STEPS) {
        const run = await runStep(step, workload, entrypoint, emulator, libOverheadMs, `${implementation}-${workload.name}`);
        steps.push(run);
        if (!run.ok) {
          const failed = run.phases.flat().find((r) => r.status !== 'SUCCESS');
          failure = `${step} failed in ${failed?.region}: ${failed?.errorCode ?? ''} ${failed?.message ?? ''}`.trim();
          break;
        }
      }
    });
  } finally {
    if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_KMS;
    else process.env.AWS_ENDPOINT_URL_KMS = savedEndpoint;
    await proxy?.stop();
    await emulator.stop();
  }
  return { implementation, workload: workload.name, steps, ...(failure ? { failure } : {}) };
}

/**
 * The lib's fixed cost per invocation, measured: an invocation that fails before any AWS call
 * (no caller credentials) is almost only the lib's own work, including its 1 s sleep.
 */
export async function measureLibOverheadMs(entrypoint: Entrypoint, samples = 3): Promise<number> {
  const times: number[] = [];
  await quietly(async () => {
    for (let i = 0; i < samples; i++) {
      const event = {
        action: 'READ',
        awsAccountId: CALLER.accountId,
        bearerToken: `overhead-${i}`,
        region: 'eu-west-1',
        resourceType: 'Org::Security::ServiceKmsKeys',
        callbackContext: null,
        requestData: { logicalResourceId: 'Probe', resourceProperties: { ProjectCode: 'probe' } },
      };
      const t0 = performance.now();
      await entrypoint(event, {});
      times.push(performance.now() - t0);
    }
  });
  return Math.min(...times);
}
