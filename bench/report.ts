/** The bench's readable table (pure: report in, text out). */
import { formatPerApi, formatTimeline, MUTATING_APIS } from './calls';
import type { StepComparison, WorkloadComparison } from './compare';
import type { LatencyProfile } from './latency';
import type { BenchReport, BundleResult } from './types';
import type { PolicySizeResult } from './policy-size';

const sec = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '-' : (ms / 1000).toFixed(2));
const times = (r: number | undefined) => (r === undefined || Number.isNaN(r) ? '-' : `${r.toFixed(2)}x`);

/** Left-aligned first column, right-aligned others; a rule under the header. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

function stepRow(c: StepComparison): string[] {
  const o = c.ours;
  const n = c.naive;
  const run = (r: typeof o) => (r === undefined ? '-' : r.ok ? sec(r.wallMs) : 'FAILED');
  return [
    c.step,
    run(o),
    o?.ok ? sec(o.wallExclLibMs) : '-',
    o ? String(o.invocations) : '-',
    o ? String(o.callbackDelaySeconds) : '-',
    run(n),
    sec(c.bound.ms),
    times(c.ratios.oursOverBound),
    times(c.ratios.naiveOverOurs),
    o ? `${o.calls.mutating}/${o.calls.total}` : '-',
    n ? `${n.calls.mutating}/${n.calls.total}` : '-',
    String(Object.values(c.bound.callsPerApi).reduce((a, b) => a + b, 0)),
    o ? String(o.calls.throttled) : '-',
  ];
}

/** "primary 5.38 s (bound 2.50, at headroom 3.96); ..." for steps with several phases. */
function phaseText(st: StepComparison): string {
  const o = st.ours!;
  return o.phases
    .map((runs, i) => {
      const slowest = Math.max(...runs.map((r) => r.wallMs));
      const bound = st.bound.phases[i];
      const where = runs.map((r) => r.region).join('+');
      return `${where} ${sec(slowest)} s${bound ? ` (bound ${sec(bound.ms)}, at engine headroom ${sec(bound.atEngineHeadroomMs)})` : ''}`;
    })
    .join(' then ');
}

function workloadText(c: WorkloadComparison, profile: LatencyProfile): string {
  const where = c.resources
    .map(
      (r) =>
        `${r.logicalId}@${r.region}${r.primaryRegion && r.primaryRegion !== r.region ? ` (replica of ${r.primaryRegion})` : ''}: ${r.services} keys`,
    )
    .join('; ');
  const table = formatTable(
    [
      'step',
      'ours s',
      'excl lib s',
      'inv',
      'cb delay s',
      'naive s',
      'bound s',
      'ours/bound',
      'naive/ours',
      'ours mut/all',
      'naive mut/all',
      'bound calls',
      'ours throttled',
    ],
    c.steps.map(stepRow),
  );
  const calls = c.steps.flatMap((st) => [
    `  ${st.step}:`,
    ...(st.ours && st.ours.phases.length > 1 ? [`    phases: ${phaseText(st)}`] : []),
    `    ours : ${st.ours ? formatPerApi(st.ours.calls.perApi) : '-'}`,
    ...(st.ours?.timeline
      ? [`      when (s after the step started): ${formatTimeline(st.ours.timeline, [...MUTATING_APIS, 'DescribeKey'])}`]
      : []),
    `    naive: ${st.naive ? formatPerApi(st.naive.calls.perApi) : '-'}`,
    `    bound: ${formatPerApi(st.bound.callsPerApi)}`,
  ]);
  const failures = Object.entries(c.failures).map(([impl, why]) => `  ${impl} FAILED: ${why}`);
  return [
    `Workload ${c.workload} [${profile.label}] — ${where}`,
    table,
    ...failures,
    'Calls per KMS operation (failed attempts included):',
    ...calls,
  ].join('\n');
}

function bundleText(b: BundleResult): string {
  const row = (a: BundleResult['ours']) => [
    a.label,
    String(a.size.files),
    formatBytes(a.size.rawBytes),
    a.size.zippedBytes > 0 ? formatBytes(a.size.zippedBytes) : '-',
    `${a.initMedianMs.toFixed(0)} ms`,
    a.initCpuMedianMs === undefined ? '-' : `${a.initCpuMedianMs.toFixed(0)} ms`,
    `${Math.min(...a.initSamplesMs).toFixed(0)}-${Math.max(...a.initSamplesMs).toFixed(0)} ms`,
  ];
  return [
    `Handler artifact (module init = require() in a fresh process, median of ${b.initRuns})`,
    formatTable(['artifact', 'files', 'raw', 'zipped', 'init median', 'init CPU median', 'init range'], [row(b.ours), row(b.default)]),
    `init ratio ours/default: ${times(b.initRatio)}`,
  ].join('\n');
}

function policyText(p: PolicySizeResult): string {
  const counts = [...new Set(p.modes.flatMap((m) => m.points.map((pt) => pt.accounts)))].sort((a, b) => a - b);
  const rows = counts.map((n) => [
    String(n),
    ...p.modes.map((m) => {
      const pt = m.points.find((q) => q.accounts === n);
      return pt ? `${pt.worstBytes}${pt.fits ? '' : ' TOO BIG'} (${pt.worstService})` : '-';
    }),
  ]);
  return [
    `Key policy size (largest policy over the services, bytes; KMS limit ${p.limitBytes}) vs number of TrustedAccountIds`,
    formatTable(['accounts', ...p.modes.map((m) => m.mode)], rows),
    ...p.modes.map(
      (m) =>
        `  ${m.mode}: ${m.description}; largest list that fits every service: ${m.maxAccounts} (limited by ${m.limitingService}; schema allows ${p.schemaMaxAccounts})`,
    ),
  ].join('\n');
}

export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const st = report.settings;
  const out: string[] = [
    'Org::Security::ServiceKmsKeys benchmark',
    `latency profiles: ${st.profiles.map((p) => p.label).join(' | ')}; quotas ${st.quotas}; replica Creating ${st.replicaCreatingMs} ms; engine quota headroom ${st.engineQuotaHeadroom}${st.quick ? '; QUICK run' : ''}`,
    `machine: ${m.nproc} CPU (${m.cpuModel}), ${formatBytes(m.totalMemoryBytes)} RAM, node ${m.node} on ${m.platform}; load average ${m.loadAverage.start.join('/')} at start, ${m.loadAverage.end.join('/')} at end`,
  ];
  if (report.workloads && report.workloads.length > 0) {
    const lib = Object.entries(report.workloads[0]!.libOverheadMs)
      .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
      .join(', ');
    out.push(
      '',
      `Times in seconds. "excl lib" = wall minus the registry lib's fixed cost per invocation (measured: ${lib}).`,
      'inv = handler invocations (IN_PROGRESS re-invocations included); cb delay = sum of callbackDelaySeconds asked for (not slept here).',
    );
    for (const section of report.workloads) for (const c of section.comparisons) out.push('', workloadText(c, section.profile));
  }
  if (report.bundle) out.push('', bundleText(report.bundle));
  if (report.policy) out.push('', policyText(report.policy));
  if (report.targets.length > 0) {
    out.push('', 'Targets:');
    for (const t of report.targets) out.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.description}: ${t.detail}`);
  }
  out.push('', `bench took ${sec(report.durationMs)} s`);
  return out.join('\n');
}
