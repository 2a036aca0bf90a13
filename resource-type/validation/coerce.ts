import type { Issues } from './issues';

/**
 * Readers that coerce by the schema's types. The custom resource receives every scalar as a string,
 * so "true"/"false" and integer strings are accepted where the schema says boolean/integer.
 */
export function readBoolean(value: unknown, path: string, fallback: boolean, issues: Issues): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  issues.add(path, value, 'must be a boolean (true or false).');
  return fallback;
}

export function readInteger(value: unknown, path: string, fallback: number, min: number, max: number, issues: Issues): number {
  if (value === undefined || value === null) return fallback;
  let n: number | undefined;
  if (typeof value === 'number' && Number.isInteger(value)) n = value;
  else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) n = Number(value.trim());
  if (n === undefined) {
    issues.add(path, value, `must be an integer from ${min} to ${max}.`);
    return fallback;
  }
  if (n < min || n > max) {
    issues.add(path, value, `must be from ${min} to ${max}.`);
    return fallback;
  }
  return n;
}

export function readString(value: unknown, path: string, issues: Issues): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  issues.add(path, value, 'must be a string.');
  return undefined;
}

/** A list of strings; checks type, max items and uniqueness (schema uniqueItems). */
export function readStringList(value: unknown, path: string, maxItems: number, issues: Issues): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.add(path, value, 'must be a list of strings.');
    return [];
  }
  if (value.length > maxItems) issues.add(path, value.length, `has ${value.length} entries; at most ${maxItems} are allowed.`);
  const out: string[] = [];
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (typeof item !== 'string') {
      issues.add(
        `${path}/${i}`,
        item,
        typeof item === 'number' ? 'must be a string: quote it (numbers lose leading zeros, e.g. in YAML).' : 'must be a string.',
      );
      return;
    }
    if (seen.has(item)) issues.add(`${path}/${i}`, item, 'is listed twice; each entry must be unique.');
    seen.add(item);
    out.push(item);
  });
  return [...seen];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
