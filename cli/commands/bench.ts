import * as fs from 'node:fs';
import * as path from 'node:path';
import { BENCH_DEFAULTS, BenchUsageError, parseBenchArgs } from '../../bench/options';
import { formatReport } from '../../bench/report';
import { runBench } from '../../bench/run';
import { CliError, EXIT, type CliCommand } from '../command';

declare const __REPO_ROOT__: string;
const ROOT = typeof __REPO_ROOT__ === 'string' ? __REPO_ROOT__ : path.resolve(__dirname, '..', '..');

const HELP = `Usage: servicekmskeys bench [options]     (npm run bench -- [options])

Measures, side by side in one run, against the in-process KMS emulator with per-call latency and
the documented KMS request quotas:
  - create / no-op update / policy-change update / read / delete of a key set with the 18 usable seed
    services, single-Region and multi-Region (primary + replica key sets in 2 other Regions), driven
    through the real Lambda artifact's registry entrypoint; wall time, KMS calls per operation,
    handler invocations; the same workload done by a naive sequential implementation; the
    theoretical lower bound from the quotas and the latency;
  - handler bundle size (raw, zipped) and module init time vs a cfn-init-style default build;
  - key policy size vs the number of trusted accounts, and the largest list that fits.
Every workload runs under two latency profiles in the same run, each with its own lower bound and
PASS/FAIL lines: a uniform latency for every call (--latency-ms) and a KMS-like profile (CreateKey and
ReplicateKey 250 ms, other calls 80 ms; assumptions, see docs/PERFORMANCE.md).
Prints a table with PASS/FAIL per target (exit code 0 even when a target fails; 1 if the bench itself fails).
See docs/PERFORMANCE.md.

Options:
  --json <file>                 also write every figure as JSON
  --latency-ms <n>              uniform profile: latency of every KMS call (default ${BENCH_DEFAULTS.latencyMs})
  --replica-creating-ms <n>     how long a new replica stays Creating (default ${BENCH_DEFAULTS.replicaCreatingMs})
  --init-runs <n>               module-init measurements per artifact (default ${BENCH_DEFAULTS.initRuns}, ${BENCH_DEFAULTS.quickInitRuns} with --quick)
  --quick                       smoke run: 6 services, fewer repetitions, default build not zipped
  --only <section[,section]>    single-region, multi-region, workload (= both), bundle, policy`;

export const command: CliCommand = {
  name: 'bench',
  summary: 'Benchmark handlers vs naive and the quota lower bound; bundle size, init time, policy size',
  help: HELP,
  async run(argv, io) {
    let options;
    try {
      options = parseBenchArgs(argv);
    } catch (error) {
      if (error instanceof BenchUsageError) throw new CliError(error.message, EXIT.usage);
      throw error;
    }
    // SDK notices (v2 end of support on load, v3 Node-version warning per process) are noise in the
    // bench's output. Init-time child processes run without these settings, as on Lambda.
    process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const report = await runBench(options, ROOT, (line) => io.stderr.write(`bench: ${line}\n`));
    io.stdout.write(formatReport(report) + '\n');
    if (options.jsonFile) {
      // npm run changes the directory to the package root; INIT_CWD is where the user ran it.
      const file = path.resolve(io.env.INIT_CWD ?? io.cwd, options.jsonFile);
      fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
      io.stderr.write(`bench: wrote ${file}\n`);
    }
    return EXIT.ok;
  },
};
