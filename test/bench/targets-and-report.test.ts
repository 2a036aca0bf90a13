import { summarizeCalls } from '../../bench/calls';
import { STEPS, type StepName } from '../../bench/call-graphs';
import { compareWorkload } from '../../bench/compare';
import { formatReport, formatTable } from '../../bench/report';
import { TARGETS, evaluateTargets } from '../../bench/targets';
import type { BenchReport, BundleResult, WorkloadSection } from '../../bench/types';
import type { StepRun, WorkloadRun } from '../../bench/workload-runner';
import { buildWorkload } from '../../bench/workload';
import { KMS_LIKE_PROFILE, uniformProfile } from '../../bench/latency';

const MODEL = { latencyMs: 50, replicaCreatingMs: 2000, engineHeadroom: 0.7 };
const SERVICES = ['s3', 'sqs'];

function calls(perApi: Record<string, number>) {
  return summarizeCalls(
    Object.entries(perApi).flatMap(([operation, n]) => Array.from({ length: n }, () => ({ operation, region: 'eu-west-1', status: 200 }))),
  );
}

function stepRun(step: StepName, wallMs: number, perApi: Record<string, number>): StepRun {
  const summary = calls(perApi);
  return {
    step,
    ok: true,
    wallMs,
    wallExclLibMs: wallMs - 1000,
    invocations: 1,
    callbackDelaySeconds: 0,
    phases: [[{ logicalId: 'ServiceKeys', region: 'eu-west-1', status: 'SUCCESS', wallMs, invocations: 1, callbackDelaysSeconds: [] }]],
    calls: summary,
    phaseCalls: [summary],
    keys: SERVICES.length,
  };
}

function run(
  implementation: string,
  createMs: number,
  createCalls: Record<string, number>,
  noopCalls: Record<string, number>,
): WorkloadRun {
  return {
    implementation,
    workload: 'single-region',
    steps: STEPS.map((step) =>
      stepRun(
        step,
        step === 'create' ? createMs : 1500,
        step === 'create' ? createCalls : step === 'noop-update' ? noopCalls : { DescribeKey: 2 },
      ),
    ),
  };
}

const THREE_PER_KEY: Record<string, number> = { CreateKey: 2, EnableKeyRotation: 2, CreateAlias: 2, ListAliases: 1 };

function section(
  oursCreateMs: number,
  oursCreateCalls = THREE_PER_KEY,
  noop: Record<string, number> = { DescribeKey: 2 },
): WorkloadSection {
  const wl = buildWorkload('single-region', SERVICES);
  return {
    profile: uniformProfile(50),
    libOverheadMs: { ours: 1000, naive: 1000 },
    comparisons: [
      compareWorkload(wl, MODEL, run('ours', oursCreateMs, oursCreateCalls, noop), run('naive', 8000, THREE_PER_KEY, { DescribeKey: 2 })),
    ],
  };
}

const BUNDLE: BundleResult = {
  ours: {
    label: 'ours',
    size: { files: 1, rawBytes: 1_300_000, zippedBytes: 340_000 },
    initMedianMs: 90,
    initSamplesMs: [85, 90, 140],
    initCpuMedianMs: 80,
  },
  default: {
    label: 'default',
    size: { files: 9000, rawBytes: 110_000_000, zippedBytes: 19_000_000 },
    initMedianMs: 160,
    initSamplesMs: [160],
  },
  initRatio: 90 / 160,
  initRuns: 1,
};

const byId = (targets: ReturnType<typeof evaluateTargets>) => Object.fromEntries(targets.map((t) => [t.id, t]));

describe('targets', () => {
  test('a create within 1.25x of the bound, 4x faster than naive, 3 mutating calls per key and a quiet no-op update pass', () => {
    // 2 keys: the bound is 2 latencies (CreateKey, then alias/rotation).
    const t = byId(evaluateTargets([section(110)], BUNDLE));
    expect(t['create-vs-bound/single-region']).toMatchObject({ pass: true, threshold: TARGETS.createOverBound });
    expect(t['create-vs-bound/single-region']!.measured).toBeCloseTo(110 / 100, 6);
    expect(t['create-vs-naive/single-region']!.pass).toBe(true);
    expect(t['noop-update-mutating/single-region']).toMatchObject({ pass: true, measured: 0 });
    expect(t['create-mutating-per-key/single-region']).toMatchObject({ pass: true, measured: 3 });
    expect(t['handler-zipped-size']!.pass).toBe(true);
    expect(t['module-init-ratio']!.pass).toBe(true);
  });

  test('slow create, extra mutating calls, a writing no-op update, a big or slow bundle fail', () => {
    const t = byId(
      evaluateTargets([section(5000, { ...THREE_PER_KEY, TagResource: 2 }, { PutKeyPolicy: 1 })], {
        ...BUNDLE,
        ours: { ...BUNDLE.ours, size: { ...BUNDLE.ours.size, zippedBytes: 350_001 } },
        initRatio: 0.61,
      }),
    );
    expect(t['create-vs-bound/single-region']!.pass).toBe(false);
    expect(t['create-vs-naive/single-region']!.pass).toBe(false);
    expect(t['noop-update-mutating/single-region']).toMatchObject({ pass: false, measured: 1 });
    expect(t['create-mutating-per-key/single-region']).toMatchObject({ pass: false, measured: 4 });
    expect(t['handler-zipped-size']!.pass).toBe(false);
    expect(t['module-init-ratio']!.pass).toBe(false);
  });

  test('a failed step is reported as a failed target, not skipped', () => {
    const s = section(110);
    const c = s.comparisons[0]!;
    const create = c.steps[0]!;
    const broken = { ...s, comparisons: [{ ...c, steps: [{ ...create, ours: { ...create.ours!, ok: false } }, ...c.steps.slice(1)] }] };
    const t = byId(evaluateTargets([broken]));
    expect(t['create-vs-bound/single-region']!.pass).toBe(false);
    expect(t['create-vs-bound/single-region']!.detail).toMatch(/did not succeed/);
    expect(Object.keys(t)).not.toContain('handler-zipped-size');
  });
});

describe('targets per latency profile', () => {
  test('the first profile keeps the plain ids, later ones get @<profile>; each is judged on its own figures', () => {
    const kmsLike = { ...section(5000), profile: KMS_LIKE_PROFILE };
    const t = byId(evaluateTargets([section(110), kmsLike]));
    expect(t['create-vs-bound/single-region']!.pass).toBe(true);
    expect(t['create-vs-bound/single-region@kms-like']!.pass).toBe(false);
    expect(t['create-vs-bound/single-region@kms-like']!.description).toContain(KMS_LIKE_PROFILE.label);
    expect(t['noop-update-mutating/single-region@kms-like']!.pass).toBe(true);
  });

  test('the naive target says when no implementation could reach it (naive / bound below 4)', () => {
    const s = section(110);
    const c = s.comparisons[0]!;
    const create = c.steps[0]!;
    // naive 300 ms vs bound 100 ms: a perfect implementation is only 3× faster.
    const slowNaive = {
      ...create,
      naive: { ...create.naive!, wallMs: 300 },
      ratios: { ...create.ratios, naiveOverOurs: 300 / 110, naiveOverBound: 3 },
    };
    const t = byId(evaluateTargets([{ ...s, comparisons: [{ ...c, steps: [slowNaive, ...c.steps.slice(1)] }] }]));
    expect(t['create-vs-naive/single-region']).toMatchObject({ pass: false });
    expect(t['create-vs-naive/single-region']!.detail).toMatch(/not reachable under this profile: naive is only 3.00× the lower bound/);
    expect(byId(evaluateTargets([s]))['create-vs-naive/single-region']!.detail).toMatch(/reachable: naive \/ bound 80.00×/);
  });
});

describe('report output', () => {
  test('formatTable pads columns and puts a rule under the header', () => {
    expect(
      formatTable(
        ['a', 'bb'],
        [
          ['xxx', '1'],
          ['y', '22'],
        ],
      ).split('\n'),
    ).toEqual(['a    bb', '---  --', 'xxx   1', 'y    22']);
  });

  test('the table lists every step and a PASS/FAIL line per target; the report is plain JSON', () => {
    const workloads = section(110);
    const report: BenchReport = {
      schemaVersion: 2,
      generatedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1234,
      machine: {
        nproc: 2,
        cpuModel: 'Test CPU',
        totalMemoryBytes: 2 ** 30,
        node: 'v22.0.0',
        platform: 'linux',
        loadAverage: { start: [0.5, 0.4, 0.3], end: [0.6, 0.4, 0.3] },
      },
      settings: {
        latencyMs: 50,
        replicaCreatingMs: 2000,
        quotas: 'documented',
        quick: false,
        sections: ['single-region', 'bundle'],
        services: SERVICES,
        engineQuotaHeadroom: 0.7,
        profiles: [uniformProfile(50)],
      },
      workloads: [workloads],
      bundle: BUNDLE,
      targets: evaluateTargets([workloads], BUNDLE),
    };
    const text = formatReport(report);
    for (const step of STEPS) expect(text).toMatch(new RegExp(`^${step}\\s`, 'm'));
    expect(text.match(/^ {2}(PASS|FAIL) {2}/gm)).toHaveLength(report.targets.length);
    expect(text).toContain('Test CPU');
    expect(text).toMatch(/^ours\s.*\s90 ms\s+80 ms\s+85-140 ms$/m);
    const json = JSON.parse(JSON.stringify(report)) as BenchReport;
    expect(json.workloads![0]!.comparisons[0]!.steps.map((s) => s.step)).toEqual([...STEPS]);
    expect(json.workloads![0]!.comparisons[0]!.steps[0]).toHaveProperty('bound.ms');
    expect(json.workloads![0]!.comparisons[0]!.steps[0]).toHaveProperty('ours.calls.perApi.CreateKey', 2);
    expect(json.targets.every((t) => typeof t.pass === 'boolean')).toBe(true);
  });
});
