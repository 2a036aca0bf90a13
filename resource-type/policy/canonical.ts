import type { PolicyDocument, PolicyStatement } from '../core/types';

/**
 * Canonical JSON for key policies: fixed key order, sorted de-duplicated value lists, single values
 * collapsed to strings, booleans as strings, no whitespace. Statement order is kept by
 * serializePolicy (it is what we send) and ignored by canonicalizePolicyText (it is what we compare).
 */
/** The elements of a key policy statement, in the order canonical JSON writes them. */
export const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))))].sort();
}

function collapse(list: string[]): Json {
  return list.length === 1 ? list[0]! : list;
}

function normalizePrincipal(principal: unknown, starAsAws: boolean): Json {
  if (typeof principal === 'string') return starAsAws && principal === '*' ? { AWS: '*' } : principal;
  if (!principal || typeof principal !== 'object' || Array.isArray(principal)) return principal as Json;
  const out: Record<string, Json> = {};
  for (const type of Object.keys(principal).sort()) out[type] = collapse(stringList((principal as Record<string, unknown>)[type]));
  return out;
}

function normalizeCondition(condition: unknown): Json {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return condition as Json;
  const out: Record<string, Json> = {};
  for (const operator of Object.keys(condition).sort()) {
    const block = (condition as Record<string, unknown>)[operator];
    if (!block || typeof block !== 'object' || Array.isArray(block)) {
      out[operator] = block as Json;
      continue;
    }
    const keys: Record<string, Json> = {};
    for (const key of Object.keys(block).sort()) {
      const raw = (block as Record<string, unknown>)[key];
      const list = (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'boolean' || typeof v === 'number' ? String(v) : v));
      keys[key] = collapse(stringList(list));
    }
    out[operator] = keys;
  }
  return out;
}

function normalizeStatement(statement: Record<string, unknown>, forComparison: boolean): Record<string, Json> {
  const out: Record<string, Json> = {};
  const known = new Set<string>(STATEMENT_KEYS);
  for (const key of STATEMENT_KEYS) {
    const value = statement[key];
    if (value === undefined) continue;
    if (key === 'Principal' || key === 'NotPrincipal') out[key] = normalizePrincipal(value, forComparison);
    else if (key === 'Condition') out[key] = normalizeCondition(value);
    else if (key === 'Sid' || key === 'Effect') out[key] = value as Json;
    else out[key] = collapse(stringList(value));
  }
  // Unknown keys are kept (sorted) so nothing the user wrote is silently dropped.
  for (const key of Object.keys(statement)
    .filter((k) => !known.has(k))
    .sort())
    out[key] = statement[key] as Json;
  return out;
}

function normalizeDocument(doc: unknown, forComparison: boolean): Record<string, Json> {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('A key policy must be a JSON object.');
  const source = doc as Record<string, unknown>;
  const rawStatements = Array.isArray(source.Statement) ? source.Statement : source.Statement === undefined ? [] : [source.Statement];
  const seen = new Set<string>();
  let statements: Record<string, Json>[] = [];
  for (const raw of rawStatements) {
    const normalized = normalizeStatement((raw ?? {}) as Record<string, unknown>, forComparison);
    const text = JSON.stringify(normalized);
    if (seen.has(text)) continue;
    seen.add(text);
    statements.push(normalized);
  }
  if (forComparison) {
    statements = statements
      .map((s) => ({ s, sid: typeof s.Sid === 'string' ? s.Sid : '', text: JSON.stringify(s) }))
      .sort((a, b) => (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
      .map((x) => x.s);
  }
  const out: Record<string, Json> = {};
  if (source.Version !== undefined) out.Version = source.Version as Json;
  if (source.Id !== undefined) out.Id = source.Id as Json;
  out.Statement = statements;
  return out;
}

/** Canonical, deterministic, compact JSON: exactly the string sent to KMS. */
export function serializePolicy(doc: PolicyDocument): string {
  return JSON.stringify(normalizeDocument(doc, false));
}

/** Parses and normalizes a policy (statement order and value order ignored). Throws on invalid JSON. */
export function canonicalizePolicyText(text: string): string {
  return JSON.stringify(normalizeDocument(JSON.parse(text), true));
}

/** True when two policy texts mean the same to KMS (up to ordering, duplicates and formatting). */
export function policiesEquivalent(a: string, b: string): boolean {
  try {
    return canonicalizePolicyText(a) === canonicalizePolicyText(b);
  } catch {
    return a === b;
  }
}

/** Parses a serialized policy back into a document (for callers holding text). */
export function parsePolicy(text: string): PolicyDocument {
  return JSON.parse(text) as PolicyDocument;
}

export type { PolicyStatement };
