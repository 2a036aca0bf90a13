/**
 * Module-initialisation time of a handler file: `require()` of it in a fresh Node process (what a
 * Lambda cold start pays before the first invocation), median of repeated runs. Variants are
 * measured in turns (A, B, A, B, …) so drift on a busy machine hits both alike.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** Child process script: time one require() with the high-resolution clock. */
const PROBE = `
const { performance } = require('node:perf_hooks');
const file = process.argv[1];
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = require(file);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
if (typeof mod.entrypoint !== 'function') { console.error('no entrypoint export in ' + file); process.exit(3); }
process.stdout.write('INIT_MS=' + ms.toFixed(3) + ' CPU_MS=' + ((cpu.user + cpu.system) / 1000).toFixed(3) + '\\n');
`;

export interface InitSample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** One cold require() of `file`, in its own directory, in a new process with a Lambda-like environment. */
export function measureInitOnce(file: string): InitSample {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  // Lambda does not set it: the aws-sdk v2 notice is part of what a cold start pays.
  delete env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE;
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  const result = spawnSync(process.execPath, ['-e', PROBE, file], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    env,
  });
  const match = /INIT_MS=([\d.]+) CPU_MS=([\d.]+)/.exec(result.stdout ?? '');
  if (result.status !== 0 || !match)
    throw new Error(`Measuring the init time of ${file} failed (exit ${result.status}): ${(result.stderr ?? '').slice(0, 500)}`);
  return { wallMs: Number(match[1]), cpuMs: Number(match[2]) };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface InitTimes {
  readonly samplesMs: Readonly<Record<string, number[]>>;
  readonly medianMs: Readonly<Record<string, number>>;
  readonly cpuMedianMs: Readonly<Record<string, number>>;
}

/** `runs` measurements of each named file (plus one discarded warm-up each, for the file cache). */
export function measureInitTimes(files: Readonly<Record<string, string>>, runs: number): InitTimes {
  const names = Object.keys(files);
  for (const name of names) measureInitOnce(files[name]!);
  const samples: Record<string, InitSample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) for (const name of names) samples[name]!.push(measureInitOnce(files[name]!));
  const pick = (f: (s: InitSample) => number) => Object.fromEntries(names.map((n) => [n, median(samples[n]!.map(f))]));
  return {
    samplesMs: Object.fromEntries(names.map((n) => [n, samples[n]!.map((s) => s.wallMs)])),
    medianMs: pick((s) => s.wallMs),
    cpuMedianMs: pick((s) => s.cpuMs),
  };
}
