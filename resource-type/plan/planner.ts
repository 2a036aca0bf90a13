import { KeySetError } from '../core/errors';
import { PENDING_STATES } from '../gateway/kms-gateway';
import { MAX_TAGS_PER_KEY } from '../validation/tags';
import { diffTags } from './tags';
import { NEW_KEY, type DesiredKey, type KeySequence, type LiveKey, type LiveServiceState, type PolicyComparator, type Step } from './types';

/**
 * The pure planner: desired vs live → ordered KMS operations, the fewest that converge.
 * A new primary key with rotation costs 3 mutating calls (CreateKey with policy, tags and
 * description; EnableKeyRotation with its period; CreateAlias); a key that already matches
 * costs none.
 */

export interface PlanOptions {
  readonly policiesEquivalent: PolicyComparator;
}

/** Steps that bring one service key of this Region to the desired state. */
export function planServiceKey(desired: DesiredKey, live: LiveServiceState, options: PlanOptions): Step[] {
  const { service } = desired;
  const steps: Step[] = [];
  const key = live.key;
  let keyId: string;
  let enabled: boolean;
  let rotation: { enabled: boolean; periodInDays?: number } | undefined;
  let recovering = false;

  if (!key) {
    if (desired.replicaOf) {
      steps.push({
        kind: 'replicateKey',
        service,
        primaryKeyId: desired.replicaOf.keyId,
        primaryRegion: desired.replicaOf.region,
        policy: desired.policy,
        description: desired.description,
        tags: desired.tags,
      });
      // A replica starts Creating and becomes usable (Enabled) after a while.
      steps.push({ kind: 'waitUntilUsable', service, keyId: NEW_KEY });
      rotation = undefined;
    } else {
      steps.push({
        kind: 'createKey',
        service,
        policy: desired.policy,
        description: desired.description,
        tags: desired.tags,
        multiRegion: desired.multiRegion,
      });
      rotation = { enabled: false };
    }
    keyId = NEW_KEY;
    enabled = true;
  } else {
    keyId = key.info.keyId;
    assertConvertible(desired, key);
    enabled = key.info.enabled;
    rotation = key.rotation;
    if (PENDING_STATES.has(key.info.state)) {
      // Only our own replica left pending deletion gets here (recovery): it comes back Disabled.
      steps.push({ kind: 'cancelKeyDeletion', service, keyId });
      enabled = false;
      recovering = true;
    } else if (key.info.state === 'Creating' || key.info.state === 'Updating') {
      steps.push({ kind: 'waitUntilUsable', service, keyId });
      enabled = true;
    }
  }

  const rotationChange = desired.rotation ? planRotation(desired.rotation, rotation, service, keyId) : undefined;
  const mustEnable = desired.enabled || rotationChange !== undefined;
  if (!enabled && mustEnable) steps.push({ kind: 'enableKey', service, keyId });
  if (rotationChange) steps.push(rotationChange);
  if (!desired.enabled && (enabled || mustEnable)) steps.push({ kind: 'disableKey', service, keyId });

  if (key) {
    if (key.policy === undefined || !options.policiesEquivalent(key.policy, desired.policy))
      steps.push({ kind: 'putKeyPolicy', service, keyId, policy: desired.policy });
    if (key.info.description !== desired.description)
      steps.push({ kind: 'updateKeyDescription', service, keyId, description: desired.description });
    const diff = diffTags(key.tags, desired.tags, { replaceCreatedBy: recovering });
    const tag: Step | undefined = Object.keys(diff.set).length > 0 ? { kind: 'tagResource', service, keyId, tags: diff.set } : undefined;
    const untag: Step | undefined = diff.remove.length > 0 ? { kind: 'untagResource', service, keyId, tagKeys: diff.remove } : undefined;
    // Tag first so no tag is ever missing, unless the added keys would take the key past KMS's
    // 50-tag limit before the removal (TagResource would fail): then remove first.
    const added = Object.keys(diff.set).filter((k) => !(k in key.tags)).length;
    const order = Object.keys(key.tags).length + added > MAX_TAGS_PER_KEY ? [untag, tag] : [tag, untag];
    for (const step of order) if (step) steps.push(step);
  }

  if (live.aliasTargetKeyId === undefined) steps.push({ kind: 'createAlias', service, aliasName: desired.aliasName, keyId });
  else if (!key || live.aliasTargetKeyId !== key.info.keyId)
    steps.push({ kind: 'updateAlias', service, aliasName: desired.aliasName, keyId });
  return steps;
}

function planRotation(
  desired: { enabled: boolean; periodInDays: number },
  live: { enabled: boolean; periodInDays?: number } | undefined,
  service: string,
  keyId: string,
): Step | undefined {
  if (desired.enabled) {
    if (live?.enabled && live.periodInDays === desired.periodInDays) return undefined;
    return { kind: 'enableKeyRotation', service, keyId, periodInDays: desired.periodInDays };
  }
  if (live && !live.enabled) return undefined;
  return { kind: 'disableKeyRotation', service, keyId };
}

/** KMS fixes MultiRegion (and key spec) at creation: an update cannot change them. */
function assertConvertible(desired: DesiredKey, key: LiveKey): void {
  if (key.info.multiRegion !== desired.multiRegion) {
    const from = key.info.multiRegion ? 'multi-Region' : 'single-Region';
    const to = desired.multiRegion ? 'multi-Region' : 'single-Region';
    throw new KeySetError(
      'InvalidRequest',
      `Services/${desired.service}/MultiRegion cannot change from ${key.info.multiRegion} to ${desired.multiRegion}: the existing ${desired.service} key ${key.info.keyId} is ${from} and KMS cannot convert a key to ${to}. Keep MultiRegion ${key.info.multiRegion}, or remove the service in one update and add it back (with a new key) in a later one.`,
    );
  }
  if (key.info.keySpec !== 'SYMMETRIC_DEFAULT' || key.info.origin !== 'AWS_KMS') {
    throw new KeySetError(
      'InvalidRequest',
      `The ${desired.service} key ${key.info.keyId} is ${key.info.keySpec}/${key.info.origin}, not a symmetric AWS_KMS key; it was not created by this key set. Remove its ownership tags or delete it.`,
    );
  }
}

/** A key of ours that is no longer wanted: schedule it first, then drop its alias (crash-safe order). */
export function planRemoval(key: LiveKey, aliasNames: readonly string[], pendingWindowInDays: number): Step[] {
  const steps: Step[] = [];
  if (!PENDING_STATES.has(key.info.state))
    steps.push({
      kind: 'scheduleKeyDeletion',
      service: key.service,
      keyId: key.info.keyId,
      pendingWindowInDays,
      // DescribeKey lists the related Regions for replicas too; only a primary waits for them.
      ...(key.info.multiRegionKeyType === 'PRIMARY' && key.info.replicaRegions.length > 0
        ? { replicaRegions: key.info.replicaRegions }
        : {}),
    });
  for (const aliasName of aliasNames) steps.push({ kind: 'deleteAlias', service: key.service, aliasName });
  return steps;
}

/** Keeps only sequences with work, in service order. */
export function nonEmpty(sequences: readonly KeySequence[]): KeySequence[] {
  return sequences.filter((s) => s.steps.length > 0);
}

/** Number of calls that change state in a plan (waits excluded). */
export function mutatingCallCount(sequences: readonly KeySequence[]): number {
  return sequences.reduce((n, s) => n + s.steps.filter((step) => step.kind !== 'waitUntilUsable').length, 0);
}
