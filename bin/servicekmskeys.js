#!/usr/bin/env node
// CLI entry: runs cli/main.ts through esbuild (see scripts/run-ts.js).
process.env.SERVICEKMSKEYS_CLI = '1';
require('../scripts/run-ts').runTs('cli/main.ts', process.argv.slice(2));
