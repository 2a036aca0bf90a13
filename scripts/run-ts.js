#!/usr/bin/env node
// Runs a TypeScript entry file: bundles it with esbuild (packages stay external) into a cache
// file, then requires it. Keeps scripts and the CLI runnable without a separate compile step.
const path = require('node:path');
const fs = require('node:fs');
const crypto = require('node:crypto');
const { buildSync } = require('esbuild');

function runTs(entry, argv) {
  const root = path.resolve(__dirname, '..');
  const absolute = path.resolve(root, entry);
  const cacheDir = path.join(root, 'node_modules', '.cache', 'run-ts');
  fs.mkdirSync(cacheDir, { recursive: true });
  const name = crypto.createHash('sha1').update(absolute).digest('hex').slice(0, 12);
  const outfile = path.join(cacheDir, `${path.basename(entry, '.ts')}-${name}.cjs`);
  buildSync({
    entryPoints: [absolute],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    keepNames: true,
    logLevel: 'error',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    define: { __REPO_ROOT__: JSON.stringify(root) },
  });
  process.argv = [process.argv[0], absolute, ...argv];
  require(outfile);
}

module.exports = { runTs };

if (require.main === module) {
  const [entry, ...rest] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: run-ts.js <file.ts> [args...]');
    process.exit(2);
  }
  runTs(entry, rest);
}
