import * as path from 'node:path';
import { packageType, type PackageResult } from '../../scripts/package';
import { CliError, EXIT, type CliCommand, type CliIo } from '../command';

declare const __REPO_ROOT__: string;
const ROOT = typeof __REPO_ROOT__ === 'string' ? __REPO_ROOT__ : path.resolve(__dirname, '..', '..');

const HELP = `Usage: servicekmskeys package [--out <dir>] [--skip-build]

Builds the Lambda bundles (node scripts/bundle.mjs) and writes, into <dir>:
  org-security-servicekmskeys.zip   schema handler package for "aws cloudformation register-type"
                                    (same layout as "cfn submit --dry-run")
  resource-role.yaml                the type's execution role (generated from the schema)
  custom-resource-function.zip      code of the Custom::ServiceKmsKeys provider function

Options:
  --out <dir>     output directory (default: dist/)
  --skip-build    package the existing build/ instead of rebuilding
See docs/packaging.md.`;

interface PackageArgs {
  readonly outDir: string;
  readonly skipBuild: boolean;
}

function parseArgs(argv: readonly string[], cwd: string): PackageArgs {
  let outDir = path.join(ROOT, 'dist');
  let skipBuild = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--skip-build') skipBuild = true;
    else if (arg === '--out') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new CliError('--out needs a directory, e.g. --out dist/.', EXIT.usage);
      outDir = path.resolve(cwd, value);
    } else if (arg.startsWith('--out=')) outDir = path.resolve(cwd, arg.slice('--out='.length));
    else throw new CliError(`Unknown option "${arg}" for package; run "servicekmskeys package --help".`, EXIT.usage);
  }
  return { outDir, skipBuild };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function summary(result: PackageResult, cwd: string): string {
  const rel = (file: string) => {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') ? relative : file;
  };
  const lines = [
    `wrote ${rel(result.packageZip.path)} (${kib(result.packageZip.bytes)}, ${result.entries.length} entries; ResourceProvider.zip ${kib(result.handlerZipBytes)}, dist/handlers.js ${kib(result.handlerBytes)})`,
    `wrote ${rel(result.roleTemplate.path)}`,
  ];
  if (result.customResourceZip) lines.push(`wrote ${rel(result.customResourceZip.path)} (${kib(result.customResourceZip.bytes)})`);
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'package',
  summary: 'Build and write the registry package (schema handler zip + resource-role.yaml)',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, io.cwd);
    let result: PackageResult;
    try {
      result = packageType({ root: ROOT, outDir: args.outDir, skipBuild: args.skipBuild, log: (line) => io.stderr.write(`${line}\n`) });
    } catch (error) {
      throw new CliError((error as Error).message, EXIT.failure);
    }
    io.stdout.write(`${summary(result, io.cwd)}\n`);
    return EXIT.ok;
  },
};
