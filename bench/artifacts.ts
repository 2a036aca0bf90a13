/**
 * The two handler artifacts compared by the bench, built into temporary directories:
 * - ours: `scripts/bundle.mjs` (one esbuild bundle, aws-sdk v2 reduced to the 3-client shim);
 * - default: what a `cfn init` project deploys — every TypeScript file compiled one to one
 *   (no bundling, like tsc) beside the production node_modules, aws-sdk v2 included.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { zipSync, type Zippable } from 'fflate';

export interface ArtifactSize {
  readonly files: number;
  readonly rawBytes: number;
  /** Deflate (fflate, level 6) zip of the function directory, as uploaded to Lambda. */
  readonly zippedBytes: number;
}

/** Runs the product's bundle script into `outDir`; returns the handler file. */
export function buildOurBundle(root: string, outDir: string): string {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], {
    cwd: root,
    env: { ...process.env, SERVICEKMSKEYS_BUILD_DIR: outDir, SERVICEKMSKEYS_BUILD_ONLY: 'TypeFunction' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`scripts/bundle.mjs failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  const file = path.join(outDir, 'TypeFunction', 'dist', 'handlers.js');
  if (!fs.existsSync(file)) throw new Error(`scripts/bundle.mjs did not write ${file}.`);
  return file;
}

function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listTs(path.join(dir, e.name))
        : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
          ? [path.join(dir, e.name)]
          : [],
    );
}

/** Production dependencies of the project (and aws-sdk v2, which the template installs), transitively. */
export function productionPackages(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const seen = new Set<string>();
  const queue: Array<{ name: string; from: string }> = [...Object.keys(pkg.dependencies ?? {}), 'aws-sdk'].map((name) => ({
    name,
    from: root,
  }));
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const dir = resolvePackageDir(name, from, root);
    if (!dir || seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) queue.push({ name: dep, from: dir });
  }
  return [...seen].sort();
}

/** Node's lookup: node_modules/<name> in `from` and each parent up to `root`. */
function resolvePackageDir(name: string, from: string, root: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The `cfn init`-style build: handlers/registry and resource-type compiled file by file into
 * `outDir`, with `outDir/node_modules` linking to the project's installed packages (aws-sdk v2
 * among them, which the lib requires in full). Returns the handler file.
 */
export async function buildDefaultBuild(root: string, outDir: string): Promise<string> {
  const entryPoints = [...listTs(path.join(root, 'handlers', 'registry')), ...listTs(path.join(root, 'resource-type'))];
  await build({
    entryPoints,
    outdir: outDir,
    outbase: root,
    bundle: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'error',
  });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  return path.join(outDir, 'handlers', 'registry', 'handlers.js');
}

export interface ArtifactPart {
  readonly dir: string;
  /** Paths in the zip are relative to it. */
  readonly base: string;
  /** Leave out nested node_modules (packages listed separately). @default false */
  readonly skipNodeModules?: boolean;
}

function collect(part: ArtifactPart, dir: string, into: Map<string, Uint8Array>): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(part.skipNodeModules && entry.name === 'node_modules')) collect(part, full, into);
    } else if (entry.isFile()) {
      into.set(path.relative(part.base, full).split(path.sep).join('/'), fs.readFileSync(full));
    }
  }
}

/** Size of `parts` packed as one Lambda zip. `zip: false` skips compression (zippedBytes 0). */
export function artifactSize(parts: readonly ArtifactPart[], zip = true): ArtifactSize {
  const files = new Map<string, Uint8Array>();
  for (const part of parts) collect(part, part.dir, files);
  const rawBytes = [...files.values()].reduce((n, data) => n + data.length, 0);
  const zippable: Zippable = Object.fromEntries(files);
  const zippedBytes = zip ? zipSync(zippable, { level: 6 }).length : 0;
  return { files: files.size, rawBytes, zippedBytes };
}
