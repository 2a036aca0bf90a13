import { KeySetError, ValidationError, type ValidationIssue } from '../core/errors';
import { CREATED_BY_TAG, SERVICE_TAG, aliasNameFor } from '../core/ownership';
import type { KeySetSpec } from '../core/types';
import { mapBounded } from '../gateway/concurrency';
import { Waiting } from '../gateway/interrupt';
import type { KmsGateway, RotationStatus } from '../gateway/kms-gateway';
import { PENDING_STATES } from '../gateway/kms-gateway';
import { isUsable, keyForService, ownsKey, readKey, readLiveKeySet, scanForOrphans, type LiveKeySet } from '../live/reader';
import type { LiveKey, LiveServiceState } from '../plan/types';
import type { EngineContext } from './context';
import type { ProgressNote } from './types';
import type { Session } from './session';

/** Live state of a key set resolved against the desired services. */
export interface ResolvedState {
  readonly live: LiveKeySet;
  /** Desired service → its live key (if any) and where its alias points. */
  readonly services: Map<string, LiveServiceState>;
  /** Replica key sets: primary key of each service. */
  readonly primaryKeys?: Map<string, PrimaryKey>;
}

/** A primary key found in the primary Region for a service of a replica key set. */
export interface PrimaryKey {
  readonly keyId: string;
  readonly region: string;
  /** Its rotation (shared by KMS with every replica). */
  readonly rotation?: RotationStatus;
}

export function isReplicaSet(spec: KeySetSpec, region: string): boolean {
  return spec.primaryRegion !== undefined && spec.primaryRegion !== region;
}

/**
 * Reads live state for create/update: keys through their aliases, keys this operation already
 * created (by id, from the callbackContext, so an eventually consistent ListAliases cannot make
 * us create twice), orphans of ours for services still without a key, and for replica key sets
 * the primary keys and any existing replica of them.
 */
export async function resolveState(
  session: Session,
  spec: KeySetSpec,
  ctx: EngineContext,
  mode: 'create' | 'update',
  onProgress?: (note: ProgressNote) => void,
): Promise<ResolvedState> {
  const { gw } = session;
  const concurrency = session.tuning.readConcurrency;
  // A create here scans for orphans of its own (below): list aliases and keys at once, up front.
  const listed =
    mode === 'create' && !isReplicaSet(spec, gw.region)
      ? await Promise.all([gw.listAliases(), gw.listKeys()]).then(([aliases, keys]) => ({ aliases, keys }))
      : undefined;
  const live = await readLiveKeySet(gw, spec.projectCode, { details: true, concurrency, aliases: listed?.aliases });
  const createdIds = Object.entries(ctx.createdKeys).filter(([, id]) => !live.owned.has(id));
  await mapBounded(createdIds, concurrency, async ([service, keyId]) => {
    const { key } = await readKey(gw, keyId, true, { justCreated: true });
    // We made this key: if KMS does not show it (yet), wait rather than create another one.
    if (!key || !ownsKey(key.tags, spec.projectCode))
      throw new Waiting(`waiting for the new ${service} key ${keyId} to become visible in ${gw.region}`);
    live.owned.set(key.info.keyId, key);
  });

  const services = new Map<string, LiveServiceState>();
  for (const s of spec.services)
    services.set(s.service, { key: keyForService(live, s.service), aliasTargetKeyId: live.aliases.get(s.service) });

  if (isReplicaSet(spec, gw.region)) {
    // Only services without a replica here need their primary (an update of an existing replica
    // key set does not depend on the primary Region being reachable).
    const missing = spec.services.filter((s) => !services.get(s.service)!.key);
    const primaryKeys = await waitForPrimaryKeys(
      session,
      spec,
      ctx,
      missing.map((s) => s.service),
      onProgress,
    );
    await mapBounded(missing, concurrency, async (s) => {
      const primary = primaryKeys.get(s.service)!;
      const { key, tags } = await readKey(gw, primary.keyId, true);
      if (!key) return;
      if (!tags || !ownsKey(tags, spec.projectCode) || tags[SERVICE_TAG] !== s.service) {
        throw new KeySetError(
          'AlreadyExists',
          `A replica of the ${s.service} primary key ${primary.keyId} already exists in ${gw.region} without the ownership tags of key set ${spec.projectCode}; KMS allows one replica per Region. Delete that replica (or let its pending deletion finish) and retry.`,
        );
      }
      live.owned.set(key.info.keyId, key);
      services.set(s.service, { ...services.get(s.service), key });
    });
    await awaitSharedRotation(session, spec, ctx, services, primaryKeys, onProgress);
    return { live, services, primaryKeys };
  }

  const without = spec.services.filter((s) => !services.get(s.service)!.key).map((s) => s.service);
  if (without.length > 0) {
    const orphans = await scanForOrphans(
      gw,
      live,
      { services: new Set(without), createdBy: mode === 'create' ? ctx.token : undefined },
      { concurrency, ...listed },
    );
    for (const orphan of orphans) {
      const state = services.get(orphan.service);
      if (state && !state.key) {
        if (mode === 'create') ctx.touched = true;
        live.owned.set(orphan.info.keyId, orphan);
        services.set(orphan.service, { ...state, key: orphan });
      }
    }
  }
  return { live, services };
}

/**
 * A create must not take over an existing key set or a foreign alias. Keys reached through our
 * aliases that this operation did not create (other created-by token) mean the key set exists;
 * an alias targeting a key without our ownership tags is never adopted.
 */
export function assertCreatable(spec: KeySetSpec, state: ResolvedState, ctx: EngineContext): void {
  const mine = new Set(Object.values(ctx.createdKeys));
  assertNoForeignAliases(spec, state, 'AlreadyExists');
  for (const [service, target] of state.live.aliases) {
    const key = target ? state.live.owned.get(target) : undefined;
    if (key && isUsable(key) && key.tags[CREATED_BY_TAG] !== ctx.token && !mine.has(key.info.keyId)) {
      throw new KeySetError(
        'AlreadyExists',
        `Key set ${spec.projectCode} already exists in ${state.live.region} (its ${service} key ${key.info.keyId}). Use another ProjectCode, or import or delete the existing key set.`,
      );
    }
  }
}

/**
 * An alias the key set needs that targets a key without our ownership tags is never taken over
 * (create: AlreadyExists; update: ResourceConflict), and that key is never touched.
 */
export function assertNoForeignAliases(spec: KeySetSpec, state: ResolvedState, code: 'AlreadyExists' | 'ResourceConflict'): void {
  for (const s of spec.services) {
    const foreign = state.live.foreign.get(s.service);
    if (!foreign) continue;
    const alias = aliasNameFor(spec.projectCode, s.service);
    const ours = state.services.get(s.service)?.key?.info.keyId;
    // Create: the name is taken. Update: someone retargeted our alias; they decide whether to give it back.
    const advice =
      code === 'AlreadyExists'
        ? 'Delete or rename that alias, or choose another ProjectCode.'
        : ours
          ? `If the change was a mistake, point the alias back at the key set's ${s.service} key (aws kms update-alias --alias-name ${alias} --target-key-id ${ours}) or delete the alias, then retry the update.`
          : `Delete that alias (or point it at a key of this key set), then retry the update.`;
    throw new KeySetError(
      code,
      `The alias ${alias} in ${state.live.region} targets key ${foreign}, which is not a key of key set ${spec.projectCode} (no ownership tags), so it is never taken over. ${advice}`,
    );
  }
}

/** Owned keys of the set that are not desired (removed services, or leftovers pending deletion with an alias). */
export function unwantedKeys(spec: KeySetSpec, state: ResolvedState): Array<{ key: LiveKey; aliasNames: string[] }> {
  const chosen = new Set([...state.services.values()].map((s) => s.key?.info.keyId).filter(Boolean));
  const desired = new Set(spec.services.map((s) => s.service));
  const out: Array<{ key: LiveKey; aliasNames: string[] }> = [];
  for (const key of state.live.owned.values()) {
    if (chosen.has(key.info.keyId)) continue;
    // Aliases of ours on this key that no desired service keeps.
    const aliasNames = [...state.live.aliases]
      .filter(([service, target]) => target === key.info.keyId && !desired.has(service))
      .map(([service]) => aliasNameFor(spec.projectCode, service));
    const removed = !desired.has(key.service);
    if (removed && (isUsable(key) || aliasNames.length > 0)) out.push({ key, aliasNames });
    else if (!removed && PENDING_STATES.has(key.info.state) && aliasNames.length > 0) out.push({ key, aliasNames });
  }
  return out;
}

/**
 * Rotation of multi-Region keys is set on the primary and shared by its replicas, so a replica
 * key set never calls rotation APIs. Its rotation settings must match the primary's (else READ
 * could never equal the model): when they differ, the primary key set may be updating in
 * parallel, so wait (bounded, IN_PROGRESS), then fail with InvalidRequest saying where to change it.
 */
async function awaitSharedRotation(
  session: Session,
  spec: KeySetSpec,
  ctx: EngineContext,
  services: ReadonlyMap<string, LiveServiceState>,
  primaryKeys: ReadonlyMap<string, PrimaryKey>,
  onProgress?: (note: ProgressNote) => void,
): Promise<void> {
  const region = session.gw.region;
  // A replica still Creating shows no rotation yet: read the shared status from its primary
  // (same key id in the primary Region; only happens while a create is under way).
  const fromPrimary = new Map<string, RotationStatus>();
  const unread = spec.services.filter((s) => {
    const replica = services.get(s.service)?.key;
    return replica !== undefined && replica.rotation === undefined && isUsable(replica);
  });
  await mapBounded(unread, session.tuning.readConcurrency, async (s) => {
    const keyId = services.get(s.service)!.key!.info.keyId;
    fromPrimary.set(s.service, await session.gwFor(spec.primaryRegion!).getKeyRotationStatus(keyId, { service: s.service }));
  });
  const issues: ValidationIssue[] = [];
  spec.services.forEach((s, i) => {
    const replica = services.get(s.service)?.key;
    const rotation = replica ? (replica.rotation ?? fromPrimary.get(s.service)) : primaryKeys.get(s.service)?.rotation;
    const desired = { enabled: s.enableKeyRotation, periodInDays: s.rotationPeriodInDays };
    if (!rotation || sameRotation(rotation, desired)) return;
    const [property, value] =
      rotation.enabled !== desired.enabled ? ['EnableKeyRotation', desired.enabled] : ['RotationPeriodInDays', desired.periodInDays];
    const keyId = replica?.info.keyId ?? primaryKeys.get(s.service)?.keyId ?? '';
    issues.push({
      property: `Services/${i}/${property}`,
      value,
      message: `the ${s.service} key in ${region} is a replica of the multi-Region key ${keyId} in ${spec.primaryRegion}, whose rotation (${rotationWords(rotation)}) KMS shares with all its replicas, so a replica key set cannot set it. Change rotation in the primary key set in ${spec.primaryRegion} (its replicas follow), or set the same values here.`,
    });
  });
  if (issues.length === 0) {
    delete ctx.waitingForRotationSince;
    return;
  }
  const now = session.timing.now();
  ctx.waitingForRotationSince ??= now;
  // Not a ValidationError: a later invocation of a create may get here after making keys, and
  // such a create must still roll back.
  if (now - ctx.waitingForRotationSince >= session.tuning.primaryWaitMs)
    throw new KeySetError('InvalidRequest', ValidationError.describe(issues));
  const waiting = `waiting for the rotation of the primary keys in ${spec.primaryRegion} to match (${issues.map((i) => i.property).join(', ')})`;
  onProgress?.({ region, message: waiting });
  throw new Waiting(waiting);
}

function sameRotation(live: RotationStatus, desired: { enabled: boolean; periodInDays: number }): boolean {
  if (live.enabled !== desired.enabled) return false;
  return !desired.enabled || live.periodInDays === undefined || live.periodInDays === desired.periodInDays;
}

function rotationWords(rotation: RotationStatus): string {
  return rotation.enabled ? `rotation on, every ${rotation.periodInDays ?? 365} days` : 'rotation off';
}

async function findPrimaryKey(gwP: KmsGateway, spec: KeySetSpec, service: string): Promise<PrimaryKey | undefined> {
  const alias = aliasNameFor(spec.projectCode, service);
  const info = await gwP.describeKey(alias, { service });
  if (!info) return undefined;
  // Tags and rotation together (one round trip); the rotation is used only if the key passes the checks.
  const [tagsRead, rotation] = await Promise.all([
    gwP.listResourceTags(info.keyId, { service }),
    readRotationIfPossible(gwP, info.keyId, service),
  ]);
  const tags = tagsRead ?? {};
  if (!ownsKey(tags, spec.projectCode) || tags[SERVICE_TAG] !== service) {
    throw new KeySetError(
      'InvalidRequest',
      `The alias ${alias} in the primary Region ${gwP.region} targets key ${info.keyId}, which is not a key of key set ${spec.projectCode} (no ownership tags); a replica key set replicates only its own primary keys. Fix the primary key set or PrimaryRegion.`,
    );
  }
  if (PENDING_STATES.has(info.state)) {
    throw new KeySetError(
      'InvalidRequest',
      `The ${service} primary key ${info.keyId} in ${gwP.region} is pending deletion and cannot be replicated. Recreate the primary key set first.`,
    );
  }
  if (!info.multiRegion || info.multiRegionKeyType !== 'PRIMARY') {
    throw new KeySetError(
      'InvalidRequest',
      `The ${service} key ${info.keyId} in ${gwP.region} is ${info.multiRegion ? 'a multi-Region replica' : 'a single-Region key'}; only multi-Region primary keys can be replicated. Set MultiRegion: true for ${service} in the primary key set (a new key: KMS cannot convert an existing one).`,
    );
  }
  return { keyId: info.keyId, region: gwP.region, rotation: rotation ?? (await gwP.getKeyRotationStatus(info.keyId, { service })) };
}

/**
 * GetKeyRotationStatus sent beside the ownership check: a key that fails the check (not ours,
 * pending deletion, not a multi-Region primary) may refuse it; that answer is dropped and the
 * check's own error reported (a key that passes is read again, so a real failure still surfaces).
 */
async function readRotationIfPossible(gw: KmsGateway, keyId: string, service: string): Promise<RotationStatus | undefined> {
  try {
    return await gw.getKeyRotationStatus(keyId, { service });
  } catch (error) {
    if (error instanceof KeySetError) return undefined;
    throw error;
  }
}

/** Bounded polling for the primary keys (the primary Region may be deploying in parallel). */
async function waitForPrimaryKeys(
  session: Session,
  spec: KeySetSpec,
  ctx: EngineContext,
  services: readonly string[],
  onProgress?: (note: ProgressNote) => void,
): Promise<Map<string, PrimaryKey>> {
  const found = new Map<string, PrimaryKey>();
  if (services.length === 0) return found;
  const gwP = session.gwFor(spec.primaryRegion!);
  let delay = session.tuning.pollIntervalMs;
  for (;;) {
    const missing = services.filter((s) => !found.has(s));
    await mapBounded(missing, session.tuning.readConcurrency, async (service) => {
      const key = await findPrimaryKey(gwP, spec, service);
      if (key) found.set(service, key);
    });
    const still = services.filter((s) => !found.has(s));
    if (still.length === 0) {
      delete ctx.waitingForPrimarySince;
      return found;
    }
    const now = session.timing.now();
    ctx.waitingForPrimarySince ??= now;
    const waited = now - ctx.waitingForPrimarySince;
    if (waited >= session.tuning.primaryWaitMs) {
      throw new KeySetError(
        'NotStabilized',
        `The primary keys of key set ${spec.projectCode} for ${still.join(', ')} were not found in ${gwP.region} after ${Math.round(waited / 1000)} s (aliases ${still.map((s) => aliasNameFor(spec.projectCode, s)).join(', ')}). Deploy the primary key set (same ProjectCode, MultiRegion: true) in ${gwP.region} first, or correct PrimaryRegion.`,
      );
    }
    if (delay === session.tuning.pollIntervalMs)
      for (const service of still)
        onProgress?.({
          service,
          region: session.gw.region,
          message: `waiting for the ${service} primary key in ${gwP.region} (deploy the primary key set there)`,
        });
    if (now + delay >= session.deadline) throw new Waiting(`waiting for the primary keys of ${still.join(', ')} in ${gwP.region}`);
    await session.timing.sleep(delay);
    delay = Math.min(delay * 2, 5000);
  }
}
