/** Command-line options of `servicekmskeys bench` (pure parsing). */

export const SECTIONS = ['single-region', 'multi-region', 'bundle', 'policy'] as const;
export type Section = (typeof SECTIONS)[number];
/** `--only workload` = both workloads. */
const ALIASES: Readonly<Record<string, readonly Section[]>> = {
  workload: ['single-region', 'multi-region'],
  workloads: ['single-region', 'multi-region'],
};

export interface BenchOptions {
  /** Write every figure as JSON to this file. */
  readonly jsonFile?: string;
  /** Emulated latency of every KMS call (ms). @default 50 */
  readonly latencyMs: number;
  /** How long a new replica stays Creating in the emulator (ms). @default 2000 */
  readonly replicaCreatingMs: number;
  /** Fewer services and repetitions (smoke run). @default false */
  readonly quick: boolean;
  readonly sections: readonly Section[];
  /** Init-time measurements per artifact. @default 7 (3 with --quick) */
  readonly initRuns: number;
}

export const BENCH_DEFAULTS = { latencyMs: 50, replicaCreatingMs: 2000, initRuns: 7, quickInitRuns: 3 } as const;

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

function nonNegativeInteger(flag: string, raw: string | undefined, max: number): number {
  if (raw === undefined || raw.startsWith('--')) throw new BenchUsageError(`${flag} needs a value, e.g. ${flag} 50.`);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new BenchUsageError(`${flag} must be a whole number from 0 to ${max}, got "${raw}".`);
  return n;
}

function parseSections(raw: string | undefined): Section[] {
  if (raw === undefined || raw.startsWith('--'))
    throw new BenchUsageError(`--only needs a section: ${[...SECTIONS, 'workload'].join(', ')} (comma-separated for several).`);
  const out = new Set<Section>();
  for (const name of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const expanded = ALIASES[name] ?? ((SECTIONS as readonly string[]).includes(name) ? [name as Section] : undefined);
    if (!expanded) throw new BenchUsageError(`Unknown section "${name}" for --only; use one of ${[...SECTIONS, 'workload'].join(', ')}.`);
    for (const s of expanded) out.add(s);
  }
  if (out.size === 0) throw new BenchUsageError('--only needs at least one section.');
  return SECTIONS.filter((s) => out.has(s));
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let jsonFile: string | undefined;
  let latencyMs: number = BENCH_DEFAULTS.latencyMs;
  let replicaCreatingMs: number = BENCH_DEFAULTS.replicaCreatingMs;
  let quick = false;
  let sections: readonly Section[] = SECTIONS;
  let initRuns: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--json': {
        const file = value();
        if (!file || file.startsWith('--')) throw new BenchUsageError('--json needs a file name, e.g. --json bench-results.json.');
        jsonFile = file;
        break;
      }
      case '--latency-ms':
        latencyMs = nonNegativeInteger('--latency-ms', value(), 10_000);
        break;
      case '--replica-creating-ms':
        replicaCreatingMs = nonNegativeInteger('--replica-creating-ms', value(), 600_000);
        break;
      case '--init-runs':
        initRuns = nonNegativeInteger('--init-runs', value(), 1000);
        if (initRuns < 1) throw new BenchUsageError('--init-runs must be at least 1.');
        break;
      case '--quick':
        quick = true;
        break;
      case '--only':
        sections = parseSections(value());
        break;
      default:
        throw new BenchUsageError(
          `Unknown option "${arg}". Options: --json <file>, --latency-ms <n>, --replica-creating-ms <n>, --init-runs <n>, --quick, --only <section>.`,
        );
    }
  }
  return {
    jsonFile,
    latencyMs,
    replicaCreatingMs,
    quick,
    sections,
    initRuns: initRuns ?? (quick ? BENCH_DEFAULTS.quickInitRuns : BENCH_DEFAULTS.initRuns),
  };
}
