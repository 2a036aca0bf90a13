/**
 * Writes every generated file (models, docs, handler role) from the schema and the catalog.
 * `--check` writes nothing and fails when a file on disk differs: CI's staleness check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATORS } from './generators';

declare const __REPO_ROOT__: string;
const root = typeof __REPO_ROOT__ === 'string' ? __REPO_ROOT__ : path.resolve(__dirname, '..');

export function staleFiles(): string[] {
  const stale: string[] = [];
  for (const generator of GENERATORS) {
    for (const file of generator.generate()) {
      const absolute = path.join(root, file.path);
      const current = fs.existsSync(absolute) ? fs.readFileSync(absolute, 'utf8') : undefined;
      if (current !== file.content) stale.push(`${file.path} (from ${generator.name})`);
    }
  }
  return stale;
}

function main(argv: string[]): number {
  if (argv.includes('--check')) {
    const stale = staleFiles();
    if (stale.length > 0) {
      console.error(`Generated files are stale; run "npm run generate":\n- ${stale.join('\n- ')}`);
      return 1;
    }
    console.log('Generated files are up to date.');
    return 0;
  }
  for (const generator of GENERATORS) {
    for (const file of generator.generate()) {
      const absolute = path.join(root, file.path);
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, file.content);
      console.log(`wrote ${file.path}`);
    }
  }
  return 0;
}

if (require.main === module || process.argv[1]?.endsWith('generate.ts')) {
  process.exitCode = main(process.argv.slice(2));
}
