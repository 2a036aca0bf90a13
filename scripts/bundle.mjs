#!/usr/bin/env node
// Builds the Lambda artifacts with esbuild: one self-contained CommonJS file per function, no
// node_modules needed beside it. `cfn submit` runs this as its buildCommand and appends extra
// arguments (" TypeFunction", " --use-container"): they are ignored on purpose.
//
// Environment (used by tests to build in isolation):
//   SERVICEKMSKEYS_BUILD_DIR   output directory (default: build/)
//   SERVICEKMSKEYS_BUILD_ONLY  comma-separated function names to build (default: all)
import { build } from 'esbuild';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = resolve(root, process.env.SERVICEKMSKEYS_BUILD_DIR ?? 'build');

/**
 * One entry per Lambda function. `dir` is the function's code root (what gets zipped);
 * `outfile` is relative to it and must match the handler setting (.rpdk-config / template).
 * `optional` entries whose source does not exist yet are skipped with a message.
 */
const FUNCTIONS = [
  // .rpdk-config entrypoint "dist/handlers.entrypoint"
  {
    name: 'TypeFunction',
    entry: 'handlers/registry/handlers.ts',
    dir: 'TypeFunction',
    outfile: 'dist/handlers.js',
    // Credentials always come from the request: no default chain (scripts/no-default-credentials-shim.js).
    alias: { '@aws-sdk/credential-provider-node': join(root, 'scripts', 'no-default-credentials-shim.js') },
  },
  // template handler "index.handler"
  {
    name: 'CustomResourceFunction',
    entry: 'handlers/custom-resource/index.ts',
    dir: 'CustomResourceFunction',
    outfile: 'index.js',
    optional: true,
  },
];

async function bundleFunction(fn) {
  const entry = join(root, fn.entry);
  if (!existsSync(entry)) {
    if (fn.optional) {
      console.log(`skip ${fn.name}: ${fn.entry} does not exist yet`);
      return;
    }
    throw new Error(`${fn.name}: entry ${fn.entry} does not exist`);
  }
  const dir = join(outRoot, fn.dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile: join(dir, fn.outfile),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    // The lib derives errorCode from exception class names: names must survive minification.
    keepNames: true,
    tsconfig: join(root, 'tsconfig.json'),
    alias: {
      'aws-sdk/clients/all': join(root, 'scripts', 'aws-sdk-clients-shim.js'),
      'string.prototype.replaceall': join(root, 'scripts', 'replaceall-native-shim.js'),
      ...fn.alias,
    },
    metafile: true,
    logLevel: 'warning',
  });
  // The metafile sits beside the function directory so it is not packaged.
  writeFileSync(join(outRoot, `${fn.dir}.meta.json`), JSON.stringify(result.metafile));
  const bytes = Object.values(result.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
  console.log(`built ${fn.name}: ${relative(root, join(dir, fn.outfile))} (${(bytes / 1024).toFixed(0)} KiB)`);
}

const only = process.env.SERVICEKMSKEYS_BUILD_ONLY?.split(',').filter(Boolean);
for (const fn of FUNCTIONS) {
  if (!only || only.includes(fn.name)) await bundleFunction(fn);
}
