/**
 * `servicekmskeys package`: builds the Lambda bundles and writes what a release needs:
 * - `<out>/org-security-servicekmskeys.zip`: the schema handler package, laid out like `cfn submit --dry-run`;
 * - `<out>/resource-role.yaml`: the execution role (the generated file, checked to be current);
 * - `<out>/custom-resource-function.zip`: the custom-resource provider's Lambda code (when built).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROLE_PATH, renderRole } from '../generators/role';
import { packageEntries } from './layout';
import { directoryEntries, zipEntries } from './zip';

export const PACKAGE_NAME = 'org-security-servicekmskeys.zip';
export const CUSTOM_RESOURCE_ZIP = 'custom-resource-function.zip';

export interface PackageOptions {
  /** Repository root. */
  readonly root: string;
  /** Output directory (created). @default <root>/dist */
  readonly outDir?: string;
  /** Use the existing bundles instead of running scripts/bundle.mjs. @default false */
  readonly skipBuild?: boolean;
  /** Where the bundles are. @default SERVICEKMSKEYS_BUILD_DIR (as scripts/bundle.mjs reads it), else <root>/build */
  readonly buildDir?: string;
  /** Build output goes here (for the CLI: stdout). */
  readonly log?: (line: string) => void;
}

export interface PackagedFile {
  readonly path: string;
  readonly bytes: number;
}

export interface PackageResult {
  readonly packageZip: PackagedFile;
  /** Size of ResourceProvider.zip inside the package. */
  readonly handlerZipBytes: number;
  /** Size of the unzipped handler bundle (dist/handlers.js). */
  readonly handlerBytes: number;
  readonly roleTemplate: PackagedFile;
  readonly customResourceZip?: PackagedFile;
  readonly entries: readonly string[];
}

function runBundle(root: string, buildDir: string, log: (line: string) => void): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], {
    cwd: root,
    env: { ...process.env, SERVICEKMSKEYS_BUILD_DIR: buildDir },
    encoding: 'utf8',
  });
  for (const line of `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')) if (line.trim()) log(line);
  if (result.status !== 0) throw new Error(`The build (node scripts/bundle.mjs) failed with exit code ${result.status ?? result.signal}.`);
}

/** The checked-in resource-role.yaml, refused when it no longer matches the schema. */
function currentRoleTemplate(root: string): string {
  const file = path.join(root, ROLE_PATH);
  const expected = renderRole();
  const actual = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (actual !== expected) {
    throw new Error(
      `${ROLE_PATH} is ${actual === undefined ? 'missing' : 'out of date with the schema'}; run "npm run generate" and commit it.`,
    );
  }
  return actual;
}

function packageVersion(root: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  return `${manifest.name}@${manifest.version}`;
}

export function packageType(options: PackageOptions): PackageResult {
  const root = options.root;
  const log = options.log ?? (() => undefined);
  const outDir = path.resolve(root, options.outDir ?? 'dist');
  const buildDir = path.resolve(root, options.buildDir ?? process.env.SERVICEKMSKEYS_BUILD_DIR ?? 'build');
  const role = currentRoleTemplate(root);
  if (!options.skipBuild) runBundle(root, buildDir, log);

  const entries = packageEntries({
    root,
    schemaPath: path.join(root, 'schema', 'org-security-servicekmskeys.json'),
    buildDir,
    toolVersion: packageVersion(root),
  });
  fs.mkdirSync(outDir, { recursive: true });
  const packageZip = path.join(outDir, PACKAGE_NAME);
  const packageBytes = zipEntries(entries, 'stored');
  fs.writeFileSync(packageZip, packageBytes);
  const rolePath = path.join(outDir, ROLE_PATH);
  fs.writeFileSync(rolePath, role);

  let customResourceZip: PackagedFile | undefined;
  const customResourceDir = path.join(buildDir, 'CustomResourceFunction');
  if (fs.existsSync(path.join(customResourceDir, 'index.js'))) {
    const bytes = zipEntries(directoryEntries(customResourceDir), 'deflate');
    const file = path.join(outDir, CUSTOM_RESOURCE_ZIP);
    fs.writeFileSync(file, bytes);
    customResourceZip = { path: file, bytes: bytes.length };
  }

  const handlerZip = entries.find((e) => e.name === 'ResourceProvider.zip')!;
  return {
    packageZip: { path: packageZip, bytes: packageBytes.length },
    handlerZipBytes: handlerZip.data.length,
    handlerBytes: fs.statSync(path.join(buildDir, 'TypeFunction', 'dist', 'handlers.js')).size,
    roleTemplate: { path: rolePath, bytes: Buffer.byteLength(role) },
    ...(customResourceZip ? { customResourceZip } : {}),
    entries: entries.map((e) => e.name),
  };
}
