import type { Tag } from '../core/types';
import { OWNERSHIP_TAG_PREFIX } from '../core/ownership';
import { isPlainObject } from './coerce';
import { TAG_CHARS } from './formats';
import type { Issues } from './issues';

/** Ownership tags every key carries (core/ownership.ts): project, service, created-by. */
export const OWNERSHIP_TAG_COUNT = 3;
export const MAX_TAGS_PER_KEY = 50;

export function readTags(value: unknown, path: string, issues: Issues): Tag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.add(path, value, 'must be a list of {"Key": ..., "Value": ...} objects.');
    return [];
  }
  const out: Tag[] = [];
  const keys = new Set<string>();
  value.forEach((raw, i) => {
    const p = `${path}/${i}`;
    if (!isPlainObject(raw)) {
      issues.add(p, raw, 'must be an object {"Key": ..., "Value": ...}.');
      return;
    }
    for (const k of Object.keys(raw))
      if (k !== 'Key' && k !== 'Value') issues.add(`${p}/${k}`, k, 'is not a tag field; use Key and Value.');
    const key = raw.Key;
    const val =
      raw.Value === undefined || raw.Value === null
        ? undefined
        : typeof raw.Value === 'number' || typeof raw.Value === 'boolean'
          ? String(raw.Value)
          : raw.Value;
    let ok = true;
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) {
      issues.add(`${p}/Key`, key, 'must be a string of 1-128 characters.');
      ok = false;
    } else {
      if (key.toLowerCase().startsWith('aws:')) {
        issues.add(`${p}/Key`, key, 'starts with "aws:", which AWS reserves; choose another tag key.');
        ok = false;
      }
      if (key.toLowerCase().startsWith(OWNERSHIP_TAG_PREFIX)) {
        issues.add(
          `${p}/Key`,
          key,
          `starts with "${OWNERSHIP_TAG_PREFIX}", which this resource type reserves for its ownership tags; choose another tag key.`,
        );
        ok = false;
      }
      if (!TAG_CHARS.test(key)) {
        issues.add(`${p}/Key`, key, 'may contain only letters, digits, spaces and _ . : / = + - @.');
        ok = false;
      }
      if (keys.has(key)) {
        issues.add(`${p}/Key`, key, 'is used twice; tag keys must be unique.');
        ok = false;
      }
    }
    if (typeof val !== 'string' || val.length > 256) {
      issues.add(`${p}/Value`, raw.Value, 'must be a string of 0-256 characters.');
      ok = false;
    } else if (!TAG_CHARS.test(val)) {
      issues.add(`${p}/Value`, val, 'may contain only letters, digits, spaces and _ . : / = + - @.');
      ok = false;
    }
    if (ok && typeof key === 'string' && typeof val === 'string') {
      keys.add(key);
      out.push({ Key: key, Value: val });
    }
  });
  return out;
}

/** Set tags with per-key tags merged over them (same key: per-key value wins). */
export function mergedTags(setTags: readonly Tag[], keyTags: readonly Tag[]): Tag[] {
  const map = new Map<string, string>();
  for (const t of setTags) map.set(t.Key, t.Value);
  for (const t of keyTags) map.set(t.Key, t.Value);
  return [...map].map(([Key, Value]) => ({ Key, Value }));
}
