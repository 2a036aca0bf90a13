import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * The emulator is test and local-run infrastructure: it imports nothing from the product code, and the
 * product code (handlers/, resource-type/) never imports it (TEAM-RULES.md, issue 4).
 */
const ROOT = path.resolve(__dirname, '../..');
const EMULATOR = path.join(ROOT, 'emulator');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|js|mjs|cjs|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Module specifiers of static imports/exports, dynamic import() and require() calls. */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..');

describe('emulator boundary', () => {
  it('finds the import forms it checks', () => {
    expect(
      specifiers(
        `import a from './a';\nimport type { B } from "../b";\nexport * from './c';\nconst d = require('d');\nawait import('./e');`,
      ),
    ).toEqual(['./a', '../b', './c', './e', 'd']);
  });

  it('emulator/ imports only its own files, Node built-ins and npm packages (no product code)', () => {
    const files = sourceFiles(EMULATOR);
    expect(files.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const relative = spec.startsWith('.');
        const ok = relative
          ? inside(EMULATOR, path.resolve(path.dirname(file), spec))
          : spec.startsWith('node:') || builtinModules.includes(spec) || !/^(resource-type|handlers|cli|scripts|schema)\b/.test(spec);
        if (!ok) offenders.push(`${path.relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('handlers/ and resource-type/ never import the emulator', () => {
    const offenders: string[] = [];
    for (const dir of ['handlers', 'resource-type']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        for (const spec of specifiers(readFileSync(file, 'utf8'))) {
          if (spec.startsWith('.') && inside(EMULATOR, path.resolve(path.dirname(file), spec)))
            offenders.push(`${path.relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
