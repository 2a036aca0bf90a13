import * as fs from 'node:fs';
import * as path from 'node:path';
import { directoryEntries, zipEntries, type ZipEntry } from './zip';

/** File names inside the schema handler package, as `cfn submit --dry-run` writes them. */
export const PACKAGE_FILES = {
  schema: 'schema.json',
  settings: '.rpdk-config',
  overrides: 'overrides.json',
  configurationSchema: 'configuration-schema.json',
  handlerZip: 'ResourceProvider.zip',
  metadata: '.cfn_metadata.json',
} as const;

/** Repository paths the package is made from. */
export interface PackageSources {
  readonly root: string;
  /** Raw schema file (never inlined or reformatted). */
  readonly schemaPath: string;
  /** Directory holding TypeFunction/ (the Lambda artefact). */
  readonly buildDir: string;
  /** Version recorded in .cfn_metadata.json. */
  readonly toolVersion: string;
}

/** Directories whose TypeScript sources go under src/ (what the handler is built from). */
export const SOURCE_DIRS = ['resource-type', 'handlers'] as const;

const isSource = (relative: string) => /\.(ts|json)$/.test(relative) && !relative.endsWith('.d.ts');

/** The `.rpdk-config` entrypoint (`dist/handlers.entrypoint`) as the file it names (`dist/handlers.js`). */
export function entrypointFile(settings: { entrypoint: string }): string {
  const dot = settings.entrypoint.lastIndexOf('.');
  return `${settings.entrypoint.slice(0, dot)}.js`;
}

function read(file: string): Uint8Array {
  return fs.readFileSync(file);
}

/**
 * Entries of `<type>.zip` in cfn's order: schema.json, .rpdk-config, overrides.json (if present),
 * inputs/* (if present), configuration-schema.json (only with typeConfiguration — this type has none),
 * ResourceProvider.zip (build/TypeFunction/**), src/**, .cfn_metadata.json.
 */
export function packageEntries(sources: PackageSources): ZipEntry[] {
  const { root } = sources;
  const settingsPath = path.join(root, '.rpdk-config');
  const settings = JSON.parse(fs.readFileSync(settingsPath, 'utf8')) as { entrypoint: string };
  const schema = JSON.parse(fs.readFileSync(sources.schemaPath, 'utf8')) as { typeConfiguration?: unknown };
  const functionDir = path.join(sources.buildDir, 'TypeFunction');
  const handlerFile = entrypointFile(settings);
  if (!fs.existsSync(path.join(functionDir, handlerFile))) {
    throw new Error(
      `${path.relative(root, path.join(functionDir, handlerFile))} does not exist: .rpdk-config's entrypoint "${settings.entrypoint}" needs the Lambda bundle. Run "npm run build" (or drop --skip-build).`,
    );
  }

  const entries: ZipEntry[] = [
    { name: PACKAGE_FILES.schema, data: read(sources.schemaPath) },
    { name: PACKAGE_FILES.settings, data: read(settingsPath) },
  ];
  const overrides = path.join(root, PACKAGE_FILES.overrides);
  if (fs.existsSync(overrides)) entries.push({ name: PACKAGE_FILES.overrides, data: read(overrides) });
  entries.push(...directoryEntries(path.join(root, 'inputs'), 'inputs/'));
  if (schema.typeConfiguration !== undefined) {
    entries.push({ name: PACKAGE_FILES.configurationSchema, data: Buffer.from(JSON.stringify(schema.typeConfiguration, null, 4)) });
  }
  entries.push({ name: PACKAGE_FILES.handlerZip, data: zipEntries(directoryEntries(functionDir), 'deflate') });
  for (const dir of SOURCE_DIRS) entries.push(...directoryEntries(path.join(root, dir), `src/${dir}/`, isSource));
  entries.push({ name: PACKAGE_FILES.metadata, data: Buffer.from(JSON.stringify({ 'cli-version': sources.toolVersion }, null, 2)) });
  return entries;
}
