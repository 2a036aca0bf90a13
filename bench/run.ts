/**
 * Runs the benchmark sections and collects every figure into one BenchReport. The handler under
 * test is the real Lambda artifact (scripts/bundle.mjs output), loaded from a temporary directory
 * and driven through its `entrypoint` with production settings; only the KMS endpoint points at
 * the in-process emulator (AWS_ENDPOINT_URL_KMS, the SDK's standard setting).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_TUNING } from '../resource-type/operations/tuning';
import { artifactSize, buildDefaultBuild, buildOurBundle, productionPackages } from './artifacts';
import { compareWorkload, type WorkloadComparison } from './compare';
import { measureInitTimes } from './init-time';
import { KMS_LIKE_PROFILE, uniformProfile, type LatencyProfile } from './latency';
import { naiveEntrypoint } from './naive/resource';
import type { BenchOptions } from './options';
import { measurePolicySizes } from './policy-size';
import type { Entrypoint } from './registry-driver';
import { evaluateTargets } from './targets';
import type { BenchReport, BundleResult, MachineInfo, WorkloadSection } from './types';
import { measureLibOverheadMs, runWorkload } from './workload-runner';
import { QUICK_SERVICES, SEED_SERVICES, buildWorkload, type WorkloadName } from './workload';

export function machineInfo(loadAtStart: readonly number[]): MachineInfo {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: { start: loadAtStart.map(round2), end: os.loadavg().map(round2) },
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function loadEntrypoint(file: string): Entrypoint {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { entrypoint?: Entrypoint };
  if (typeof mod.entrypoint !== 'function') throw new Error(`${file} has no entrypoint export.`);
  return mod.entrypoint;
}

async function bundleSection(
  root: string,
  tmp: string,
  ourFile: string,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BundleResult> {
  log('building the cfn-init-style default build (file-by-file compile + node_modules with aws-sdk v2)…');
  const defaultDir = path.join(tmp, 'default');
  const defaultFile = await buildDefaultBuild(root, defaultDir);
  log('measuring artifact sizes…');
  const oursDir = path.dirname(path.dirname(ourFile));
  const oursSize = artifactSize([{ dir: oursDir, base: oursDir }]);
  const defaultSize = artifactSize(
    [
      { dir: path.join(defaultDir, 'handlers'), base: defaultDir },
      { dir: path.join(defaultDir, 'resource-type'), base: defaultDir },
      ...productionPackages(root).map((dir) => ({ dir, base: root, skipNodeModules: true })),
    ],
    !options.quick,
  );
  log(`measuring module init time (${options.initRuns} runs each, separate processes)…`);
  const init = measureInitTimes({ ours: ourFile, default: defaultFile }, options.initRuns);
  return {
    ours: {
      label: 'ours: esbuild bundle (3-client aws-sdk shim)',
      size: oursSize,
      initMedianMs: init.medianMs.ours!,
      initSamplesMs: init.samplesMs.ours!,
      initCpuMedianMs: init.cpuMedianMs.ours!,
    },
    default: {
      label: 'default: tsc-style + node_modules (aws-sdk v2)',
      size: defaultSize,
      initMedianMs: init.medianMs.default!,
      initSamplesMs: init.samplesMs.default!,
      initCpuMedianMs: init.cpuMedianMs.default!,
    },
    initRatio: init.medianMs.ours! / init.medianMs.default!,
    initRuns: options.initRuns,
  };
}

/** Both workloads, ours and naive, under one latency profile (a fresh emulator per run). */
async function workloadSection(
  implementations: Readonly<Record<'ours' | 'naive', Entrypoint>>,
  libOverheadMs: Readonly<Record<string, number>>,
  profile: LatencyProfile,
  services: readonly string[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<WorkloadSection> {
  const comparisons: WorkloadComparison[] = [];
  const names = options.sections.filter((s): s is WorkloadName => s === 'single-region' || s === 'multi-region');
  const settings = { latencyMs: profile.defaultMs, perApiLatencyMs: profile.perApiMs, replicaCreatingMs: options.replicaCreatingMs };
  for (const name of names) {
    const workload = buildWorkload(name, services);
    log(`workload ${name} (${profile.label}): ours…`);
    const ours = await runWorkload('ours', workload, implementations.ours, settings, libOverheadMs.ours!);
    log(`workload ${name} (${profile.label}): naive…`);
    const naive = await runWorkload('naive', workload, implementations.naive, settings, libOverheadMs.naive!);
    comparisons.push(compareWorkload(workload, { ...settings, engineHeadroom: DEFAULT_TUNING.quotaHeadroom }, ours, naive));
  }
  return { profile, libOverheadMs, comparisons };
}

/** The latency profiles of a run: the uniform `--latency-ms` one (the issue's), then KMS-like per-API latencies. */
export function latencyProfiles(options: BenchOptions): LatencyProfile[] {
  return [uniformProfile(options.latencyMs), KMS_LIKE_PROFILE];
}

export async function runBench(options: BenchOptions, root: string, log: (line: string) => void): Promise<BenchReport> {
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const services = options.quick ? QUICK_SERVICES : SEED_SERVICES;
  const needsBundle = options.sections.some((s) => s !== 'policy');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skk-bench-'));
  try {
    let ourFile = '';
    if (needsBundle) {
      log('building the handler bundle (scripts/bundle.mjs)…');
      ourFile = buildOurBundle(root, path.join(tmp, 'ours'));
    }
    const bundle = options.sections.includes('bundle') ? await bundleSection(root, tmp, ourFile, options, log) : undefined;
    const policy = options.sections.includes('policy')
      ? (log('measuring key policy sizes…'), measurePolicySizes(SEED_SERVICES))
      : undefined;
    const hasWorkload = options.sections.some((s) => s === 'single-region' || s === 'multi-region');
    const profiles = latencyProfiles(options);
    let workloads: WorkloadSection[] | undefined;
    if (hasWorkload) {
      const implementations = { ours: loadEntrypoint(ourFile), naive: naiveEntrypoint };
      const libOverheadMs: Record<string, number> = {};
      for (const [name, entrypoint] of Object.entries(implementations)) libOverheadMs[name] = await measureLibOverheadMs(entrypoint);
      workloads = [];
      for (const profile of profiles)
        workloads.push(await workloadSection(implementations, libOverheadMs, profile, services, options, log));
    }
    return {
      schemaVersion: 2,
      generatedAt: new Date().toISOString(),
      durationMs: performance.now() - started,
      machine: machineInfo(loadAtStart),
      settings: {
        latencyMs: options.latencyMs,
        replicaCreatingMs: options.replicaCreatingMs,
        quotas: 'documented KMS rates (kms-facts.md §4), token buckets per account + Region + API',
        quick: options.quick,
        sections: options.sections,
        services,
        engineQuotaHeadroom: DEFAULT_TUNING.quotaHeadroom,
        profiles,
      },
      ...(workloads ? { workloads } : {}),
      ...(bundle ? { bundle } : {}),
      ...(policy ? { policy } : {}),
      targets: evaluateTargets(workloads, bundle),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
