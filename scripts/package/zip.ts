import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** One file of a zip: its path inside the archive and its bytes. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Fixed timestamp so the same inputs always give byte-identical archives (reproducible releases). */
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

/**
 * Zips entries in the given order. `stored` = no compression (ZIP_STORED, as `cfn submit` writes the
 * outer package); otherwise deflate.
 */
export function zipEntries(entries: readonly ZipEntry[], compression: 'stored' | 'deflate'): Uint8Array {
  const names = new Set<string>();
  const zippable: Zippable = {};
  for (const entry of entries) {
    if (names.has(entry.name)) throw new Error(`Duplicate zip entry ${entry.name}.`);
    names.add(entry.name);
    zippable[entry.name] = [entry.data, { level: compression === 'stored' ? 0 : 9, mtime: FIXED_MTIME }];
  }
  return zipSync(zippable);
}

/** Every file under `dir` (recursively), as entries named `<prefix><relative path>` with / separators, sorted. */
export function directoryEntries(dir: string, prefix = '', include: (relative: string) => boolean = () => true): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (current: string) => {
    for (const item of fs.readdirSync(current, { withFileTypes: true })) {
      const absolute = path.join(current, item.name);
      if (item.isDirectory()) walk(absolute);
      else if (item.isFile()) {
        const relative = path.relative(dir, absolute).split(path.sep).join('/');
        if (include(relative)) out.push({ name: `${prefix}${relative}`, data: fs.readFileSync(absolute) });
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
