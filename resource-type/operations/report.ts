import { getServiceDefinition } from '../catalog';
import { aliasNameFor, OWNERSHIP_TAG_PREFIX } from '../core/ownership';
import type { DeploymentTarget, ResourceProperties } from '../core/types';
import { generatedSid, policiesEquivalent } from '../policy';
import type { LiveKey } from '../plan/types';
import { jsonCopy } from './json';

/**
 * Turns live keys into the resource model (schema shape), for READ, LIST and the outputs of
 * CREATE/UPDATE. Rules (contract: create input == read output; drift detection sees real drift):
 * - a per-key field is reported when the request model specified it (its given value when the
 *   live value equals it, else the live value) or when the live value differs from the default;
 * - policy inputs (administrators, users, trusted accounts, statements...) are echoed from the
 *   model; their drift shows as the key's `KeyPolicy`, which is reported only when the live
 *   policy differs from the one they render (or, for an override, as given when equal);
 * - tags: ownership tags are never reported; stack tags are dropped when CloudFormation passes
 *   them; a tag the model names per key is per-key; any other tag with the same value on every
 *   key is a key-set tag; the rest are per-key tags of the keys that carry them.
 */

type Json = ResourceProperties;
const WRITE_ONLY = ['PendingWindowInDays'];

function asRecord(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function tagMap(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(value)) for (const t of value) if (asRecord(t) && typeof t.Key === 'string') out.set(t.Key, String(t.Value ?? ''));
  return out;
}

function toBool(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function toInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Reports `live` under `name` when specified (given value if equal) or when it differs from `fallback`. */
function report(
  item: Json,
  request: Json | undefined,
  name: string,
  live: unknown,
  fallback: unknown,
  same: (given: unknown, live: unknown) => boolean,
): void {
  if (request && name in request) item[name] = live === undefined || same(request[name], live) ? request[name] : live;
  else if (live !== undefined && live !== fallback) item[name] = live;
}

const sameBool = (a: unknown, b: unknown): boolean => toBool(a) === b;
const sameInt = (a: unknown, b: unknown): boolean => toInt(a) === b;
const sameText = (a: unknown, b: unknown): boolean => a === b;

/** `Keys` outputs for Fn::GetAtt. */
export function keysOutput(projectCode: string, keys: ReadonlyArray<{ service: string; keyId: string; arn: string }>): Json {
  const KeyArns: Json = {};
  const KeyIds: Json = {};
  const AliasNames: Json = {};
  for (const k of keys) {
    const name = getServiceDefinition(k.service)?.attributeName;
    if (!name) continue;
    KeyArns[name] = k.arn;
    KeyIds[name] = k.keyId;
    AliasNames[name] = aliasNameFor(projectCode, k.service);
  }
  return { KeyArns, KeyIds, AliasNames };
}

/** The model returned with SUCCESS by CREATE/UPDATE: the input as given, writeOnly removed, Keys set. */
export function successModel(properties: Json, keys: Json): Json {
  const out = jsonCopy(properties);
  for (const name of WRITE_ONLY) delete out[name];
  out.Keys = keys;
  return out;
}

/** The model returned with IN_PROGRESS: everything given (writeOnly kept, it is fed back), Keys so far. */
export function inProgressModel(properties: Json, keys?: Json): Json {
  const out = jsonCopy(properties);
  if (keys) out.Keys = keys;
  return out;
}

export interface ReadModelInput {
  readonly target: DeploymentTarget;
  readonly projectCode: string;
  /** The model CloudFormation holds ({} for LIST). */
  readonly request: Json;
  /** Our usable keys of the set, one per service. */
  readonly keys: readonly LiveKey[];
  /** Policy text each key should have per the request model (absent: unknown, policy not reported). */
  readonly desiredPolicies?: ReadonlyMap<string, string>;
  readonly stackTags?: Readonly<Record<string, string>>;
}

/** The model READ and LIST return, from live state. */
export function readModel(input: ReadModelInput): Json {
  const { request, keys } = input;
  const out: Json = {};
  out.ProjectCode = request.ProjectCode ?? input.projectCode;
  // Without a model (LIST, import by identifier) the required administrators come from the
  // generated administrators statement of the live policies.
  if (request.KeyAdministratorArns === undefined) {
    const admins = administratorsFromPolicies(keys);
    if (admins.length > 0) out.KeyAdministratorArns = admins;
  }
  for (const name of [
    'KeyAdministratorArns',
    'KeyUserArns',
    'TrustedAccountIds',
    'TrustedOrganizationId',
    'TrustedOrganizationalUnitPaths',
    'CrossAccountAccessViaService',
  ]) {
    if (request[name] !== undefined) out[name] = jsonCopy(request[name]);
  }

  const livePrimary = keys.find((k) => k.info.multiRegionKeyType === 'REPLICA')?.info.primaryRegion;
  if (typeof request.PrimaryRegion === 'string') {
    const consistent = livePrimary ? request.PrimaryRegion === livePrimary : request.PrimaryRegion === input.target.region;
    out.PrimaryRegion = consistent ? request.PrimaryRegion : (livePrimary ?? input.target.region);
  } else if (livePrimary) out.PrimaryRegion = livePrimary;

  const requestItems = new Map<string, Json>();
  if (Array.isArray(request.Services))
    for (const s of request.Services) if (asRecord(s) && typeof s.Service === 'string') requestItems.set(s.Service, s);
  const ordered = [...keys].sort(
    (a, b) => order(requestItems, a.service) - order(requestItems, b.service) || a.service.localeCompare(b.service),
  );

  const tags = splitTags(ordered, tagMap(request.Tags), requestItems, input.stackTags);
  out.Services = ordered.map((key) =>
    serviceItem(key, requestItems.get(key.service), input.desiredPolicies?.get(key.service), tags.perKey.get(key.service)!),
  );
  if (request.Tags !== undefined || tags.set.size > 0) out.Tags = tagArray(tags.set, tagMap(request.Tags));
  out.Keys = keysOutput(
    input.projectCode,
    ordered.map((k) => ({ service: k.service, keyId: k.info.keyId, arn: k.info.arn })),
  );
  return out;
}

/** Principals of the generated administrators statement common to every key's live policy. */
function administratorsFromPolicies(keys: readonly LiveKey[]): string[] {
  let common: string[] | undefined;
  for (const key of keys) {
    const found = new Set<string>();
    try {
      const doc = JSON.parse(key.policy ?? '{}') as { Statement?: unknown };
      const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
      for (const st of statements as Array<{ Sid?: string; Principal?: { AWS?: string | string[] } }>) {
        if (st?.Sid !== generatedSid('KeyAdministrators')) continue;
        const aws = st.Principal?.AWS;
        for (const arn of typeof aws === 'string' ? [aws] : (aws ?? [])) found.add(arn);
      }
    } catch {
      // A policy that does not parse names no administrators.
    }
    common = common === undefined ? [...found] : common.filter((a) => found.has(a));
  }
  return (common ?? []).sort();
}

function order(items: Map<string, Json>, service: string): number {
  const i = [...items.keys()].indexOf(service);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

function serviceItem(key: LiveKey, request: Json | undefined, desiredPolicy: string | undefined, perKeyTags: Map<string, string>): Json {
  const item: Json = { Service: request?.Service ?? key.service };
  const definition = getServiceDefinition(key.service);
  report(item, request, 'Enabled', key.info.enabled, true, sameBool);
  const rotationOn = key.rotation?.enabled;
  report(item, request, 'EnableKeyRotation', rotationOn, true, sameBool);
  report(item, request, 'RotationPeriodInDays', rotationOn ? key.rotation?.periodInDays : undefined, 365, sameInt);
  report(item, request, 'MultiRegion', key.info.multiRegion, false, sameBool);
  report(item, request, 'Description', key.info.description, definition?.defaultDescription, sameText);

  const livePolicy = key.policy;
  if (request && request.KeyPolicy !== undefined) {
    if (livePolicy === undefined || (desiredPolicy !== undefined && policiesEquivalent(livePolicy, desiredPolicy)))
      item.KeyPolicy = request.KeyPolicy;
    else item.KeyPolicy = typeof request.KeyPolicy === 'string' ? livePolicy : parseOr(livePolicy);
  } else if (livePolicy !== undefined && desiredPolicy !== undefined && !policiesEquivalent(livePolicy, desiredPolicy)) {
    item.KeyPolicy = parseOr(livePolicy);
  }

  for (const name of [
    'AdditionalPolicyStatements',
    'KeyUserArns',
    'EventSourceServices',
    'SourceArns',
    'NodeRoleArns',
    'GlobalTables',
    'AutoScalingGrants',
  ]) {
    if (request && request[name] !== undefined) item[name] = jsonCopy(request[name]);
  }
  if ((request && request.Tags !== undefined) || perKeyTags.size > 0) item.Tags = tagArray(perKeyTags, tagMap(request?.Tags));
  return item;
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Tags in the order the model gave them, then the others sorted. */
function tagArray(tags: Map<string, string>, requested: Map<string, string>): Json[] {
  const keys = [...requested.keys()].filter((k) => tags.has(k));
  keys.push(...[...tags.keys()].filter((k) => !requested.has(k)).sort());
  return keys.map((Key) => ({ Key, Value: tags.get(Key)! }));
}

function splitTags(
  keys: readonly LiveKey[],
  setTags: Map<string, string>,
  items: Map<string, Json>,
  stackTags: Readonly<Record<string, string>> | undefined,
): { set: Map<string, string>; perKey: Map<string, Map<string, string>> } {
  const perKey = new Map<string, Map<string, string>>();
  const rest = new Map<string, Map<string, string>>();
  for (const key of keys) {
    const own = tagMap(items.get(key.service)?.Tags);
    const mine = new Map<string, string>();
    const others = new Map<string, string>();
    for (const [k, v] of Object.entries(key.tags)) {
      if (k.startsWith(OWNERSHIP_TAG_PREFIX) || k.startsWith('aws:')) continue;
      if (stackTags && k in stackTags && !own.has(k) && !setTags.has(k)) continue;
      if (own.has(k)) mine.set(k, v);
      else others.set(k, v);
    }
    perKey.set(key.service, mine);
    rest.set(key.service, others);
  }
  const set = new Map<string, string>();
  const candidates = new Set<string>();
  for (const others of rest.values()) for (const k of others.keys()) candidates.add(k);
  for (const k of candidates) {
    const holders = keys.filter((key) => !tagMap(items.get(key.service)?.Tags).has(k));
    const values = new Set(holders.map((key) => rest.get(key.service)!.get(k)));
    if (values.size === 1 && !values.has(undefined)) set.set(k, [...values][0]!);
    else
      for (const key of keys) {
        const v = rest.get(key.service)!.get(k);
        if (v !== undefined) perKey.get(key.service)!.set(k, v);
      }
  }
  return { set, perKey };
}
