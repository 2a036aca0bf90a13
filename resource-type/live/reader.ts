import { KeySetError } from '../core/errors';
import { PROJECT_TAG, SERVICE_TAG, CREATED_BY_TAG } from '../core/ownership';
import { mapBounded } from '../gateway/concurrency';
import { PENDING_STATES, type AliasInfo, type KmsGateway } from '../gateway/kms-gateway';
import type { LiveKey } from '../plan/types';

/**
 * Reads a key set from KMS in one Region. A key set is the keys that carry our ownership tags
 * for the project code and are reached through `alias/<ProjectCode>/<service>` (or, while an
 * operation is under way, keys of ours with no alias yet: orphans). Keys without our tags are
 * never treated as ours, even when they hold one of our alias names.
 */
export interface LiveKeySet {
  readonly projectCode: string;
  readonly region: string;
  /** service → key id the alias `alias/<ProjectCode>/<service>` targets. */
  readonly aliases: ReadonlyMap<string, string | undefined>;
  /** Our keys (ownership tags match), by key id, reached through our aliases or adopted. */
  readonly owned: Map<string, LiveKey>;
  /** service → key id, for aliases that target a key that is not ours. */
  readonly foreign: ReadonlyMap<string, string>;
}

export interface ReadOptions {
  /** Read policy and rotation too (read/update/create); delete and list-discovery skip them. @default true */
  readonly details?: boolean;
  /** Keys in flight per Region. @default 4 */
  readonly concurrency?: number;
  /** Aliases already listed (LIST reads many key sets from one ListAliases). */
  readonly aliases?: readonly AliasInfo[];
  /** Key ids already listed (a create lists keys and aliases together up front for its orphan scan). */
  readonly keys?: readonly string[];
}

export function aliasPrefix(projectCode: string): string {
  return `alias/${projectCode}/`;
}

export function isUsable(key: LiveKey): boolean {
  return !PENDING_STATES.has(key.info.state);
}

/** Reads one key: metadata and tags, plus policy and rotation when usable and `details`. */
export async function readKey(
  gw: KmsGateway,
  keyId: string,
  details: boolean,
  hints?: { justCreated?: boolean },
): Promise<{ key?: LiveKey; tags?: Record<string, string> }> {
  // Two round trips: metadata and tags together, then policy and rotation together.
  const [info, tagsRead] = await both(gw.describeKey(keyId, { hints }), readTagsOrEmpty(gw, keyId, hints));
  if (!info) return {};
  const tags = tagsRead;
  const service = tags[SERVICE_TAG] ?? '';
  if (!details || PENDING_STATES.has(info.state) || info.state === 'Creating' || info.state === 'Updating') {
    return { key: { service, info, tags }, tags };
  }
  const [policy, rotation] = await both(
    gw.getKeyPolicy(info.keyId, { service }),
    info.keySpec === 'SYMMETRIC_DEFAULT' && info.origin === 'AWS_KMS' ? readRotation(gw, info.keyId, service) : Promise.resolve(undefined),
  );
  return { key: { service, info, tags, policy, rotation }, tags };
}

/** Awaits two calls; if one fails, the other is still awaited (never left running unobserved). */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

async function readTagsOrEmpty(gw: KmsGateway, keyId: string, hints?: { justCreated?: boolean }): Promise<Record<string, string>> {
  try {
    return (await gw.listResourceTags(keyId, { hints })) ?? {};
  } catch (error) {
    // A key we may not read tags of is not ours (we can always read our own keys' tags).
    if (error instanceof KeySetError && error.code === 'AccessDenied') return {};
    throw error;
  }
}

async function readRotation(gw: KmsGateway, keyId: string, service: string): Promise<LiveKey['rotation']> {
  try {
    return await gw.getKeyRotationStatus(keyId, { service });
  } catch (error) {
    if (error instanceof KeySetError && error.code === 'InvalidRequest') return undefined;
    throw error;
  }
}

export function ownsKey(tags: Readonly<Record<string, string>>, projectCode: string): boolean {
  return tags[PROJECT_TAG] === projectCode && typeof tags[SERVICE_TAG] === 'string' && tags[SERVICE_TAG] !== '';
}

/** Reads the key set through its aliases. Calls: ListAliases (pages) + per key DescribeKey, ListResourceTags (+ GetKeyPolicy, GetKeyRotationStatus). */
export async function readLiveKeySet(gw: KmsGateway, projectCode: string, options: ReadOptions = {}): Promise<LiveKeySet> {
  const prefix = aliasPrefix(projectCode);
  const all = options.aliases ?? (await gw.listAliases());
  const aliases = new Map<string, string | undefined>();
  for (const a of all) if (a.aliasName.startsWith(prefix)) aliases.set(a.aliasName.slice(prefix.length), a.targetKeyId);
  const keyIds = [...new Set([...aliases.values()].filter((id): id is string => !!id))];
  const owned = new Map<string, LiveKey>();
  const notOurs = new Set<string>();
  await mapBounded(keyIds, options.concurrency ?? 4, async (keyId) => {
    const { key, tags } = await readKey(gw, keyId, options.details ?? true);
    if (key && tags && ownsKey(tags, projectCode)) owned.set(key.info.keyId, key);
    else notOurs.add(keyId);
  });
  const foreign = new Map<string, string>();
  for (const [service, target] of aliases) if (target && notOurs.has(target)) foreign.set(service, target);
  return { projectCode, region: gw.region, aliases, owned, foreign };
}

/** Our usable key for a service: its alias target when that is our key of this service, else any usable key of ours tagged with it. */
export function keyForService(live: LiveKeySet, service: string): LiveKey | undefined {
  const target = live.aliases.get(service);
  const viaAlias = target ? live.owned.get(target) : undefined;
  if (viaAlias && viaAlias.service === service && isUsable(viaAlias)) return viaAlias;
  for (const key of live.owned.values()) if (key.service === service && isUsable(key)) return key;
  return undefined;
}

/**
 * Finds keys of ours that hold none of our aliases (created by an operation that stopped before
 * CreateAlias, or whose alias was deleted or retargeted out of band). Calls: ListKeys (pages) +
 * ListResourceTags per key not targeted by one of our or an AWS alias; details only for matches.
 */
export async function scanForOrphans(
  gw: KmsGateway,
  live: LiveKeySet,
  filter: { services?: ReadonlySet<string>; createdBy?: string },
  options: ReadOptions = {},
): Promise<LiveKey[]> {
  const [keys, aliases] = options.keys && options.aliases ? [options.keys, options.aliases] : await both(gw.listKeys(), gw.listAliases());
  const skip = new Set<string>(live.owned.keys());
  for (const a of aliases)
    if (a.targetKeyId && (a.aliasName.startsWith('alias/aws/') || a.aliasName.startsWith(aliasPrefix(live.projectCode))))
      skip.add(a.targetKeyId);
  const candidates = keys.filter((k) => !skip.has(k));
  const found: LiveKey[] = [];
  await mapBounded(candidates, options.concurrency ?? 8, async (keyId) => {
    const tags = await readTagsOrEmpty(gw, keyId);
    if (!ownsKey(tags, live.projectCode) || (filter.services && !filter.services.has(tags[SERVICE_TAG]))) return;
    if (filter.createdBy !== undefined && tags[CREATED_BY_TAG] !== filter.createdBy) return;
    const { key } = await readKey(gw, keyId, options.details ?? true);
    if (key && isUsable(key) && ownsKey(key.tags, live.projectCode)) found.push(key);
  });
  return found;
}
