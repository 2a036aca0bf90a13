/** Shape of the benchmark's results (the JSON written by `--json`). */
import type { WorkloadComparison } from './compare';
import type { ArtifactSize } from './artifacts';
import type { PolicySizeResult } from './policy-size';
import type { LatencyProfile } from './latency';
import type { Section } from './options';

export interface MachineInfo {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly totalMemoryBytes: number;
  readonly node: string;
  readonly platform: string;
  /** 1/5/15-minute load averages when the bench started and ended (other work on the machine skews timings). */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
}

export interface ArtifactFigures {
  readonly label: string;
  readonly size: ArtifactSize;
  readonly initMedianMs: number;
  readonly initSamplesMs: readonly number[];
  /** CPU time (user + system) of the same require() calls: less sensitive to other load on the machine. */
  readonly initCpuMedianMs?: number;
}

export interface BundleResult {
  readonly ours: ArtifactFigures;
  readonly default: ArtifactFigures;
  /** ours init median / default init median. */
  readonly initRatio: number;
  readonly initRuns: number;
}

export interface WorkloadSection {
  /** The latencies this section's workloads ran under (and its lower bounds assume). */
  readonly profile: LatencyProfile;
  /** Measured fixed cost of one lib invocation, per implementation. */
  readonly libOverheadMs: Readonly<Record<string, number>>;
  readonly comparisons: readonly WorkloadComparison[];
}

export interface TargetResult {
  readonly id: string;
  readonly description: string;
  readonly pass: boolean;
  /** The measured figure and what it is compared with, in words. */
  readonly detail: string;
  readonly measured: number;
  readonly threshold: number;
}

export interface BenchReport {
  readonly schemaVersion: 2;
  readonly generatedAt: string;
  readonly durationMs: number;
  readonly machine: MachineInfo;
  readonly settings: {
    readonly latencyMs: number;
    readonly replicaCreatingMs: number;
    readonly quotas: string;
    readonly quick: boolean;
    readonly sections: readonly Section[];
    readonly services: readonly string[];
    readonly engineQuotaHeadroom: number;
    /** Latency profiles the workloads ran under, in report order. */
    readonly profiles: readonly LatencyProfile[];
  };
  /** One section per latency profile. */
  readonly workloads?: readonly WorkloadSection[];
  readonly bundle?: BundleResult;
  readonly policy?: PolicySizeResult;
  readonly targets: readonly TargetResult[];
}
