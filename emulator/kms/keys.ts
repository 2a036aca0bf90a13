import { limitExceeded, unsupported, validation } from '../errors';
import { keyArn } from '../partition';
import { currentState, epochSeconds, type Store } from '../state';
import { bool, int, oneOf, str, KEY_ID_RULE } from './input';
import { checkLockout } from './lockout';
import { isReplica, keyMetadata } from './metadata';
import { findKey, type Operation } from './ops-common';
import { paginate } from './pagination';
import { defaultKeyPolicy, parsePolicy } from './policy-document';
import { requestAliasOf, resolveKey } from './resolve';
import { requireState } from './states';
import { parseTags } from './tags';

const KEY_SPECS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'SYMMETRIC_DEFAULT',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
  'SM2',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
  'ECC_NIST_EDWARDS25519',
] as const;
const KEY_USAGES = ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] as const;
const ORIGINS = ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const;
export const MAX_KEYS_PER_REGION = 100000;

function usagesFor(spec: string): string[] {
  if (spec === 'SYMMETRIC_DEFAULT') return ['ENCRYPT_DECRYPT'];
  if (spec.startsWith('HMAC_')) return ['GENERATE_VERIFY_MAC'];
  if (spec.startsWith('RSA_')) return ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'];
  if (spec === 'SM2') return ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'];
  if (spec.startsWith('ECC_NIST_P') || spec === 'ECC_SECG_P256K1') return ['SIGN_VERIFY', 'KEY_AGREEMENT'];
  return ['SIGN_VERIFY'];
}

export const CreateKey: Operation = (engine, ctx, input) => {
  const policyText = str(input, 'Policy');
  const description = readDescription(input);
  const specA = oneOf(input, 'KeySpec', KEY_SPECS);
  const specB = oneOf(input, 'CustomerMasterKeySpec', KEY_SPECS);
  if (specA && specB) throw validation('You cannot specify both KeySpec and CustomerMasterKeySpec; use KeySpec.');
  const keySpec = specA ?? specB ?? 'SYMMETRIC_DEFAULT';
  const keyUsage =
    oneOf(input, 'KeyUsage', KEY_USAGES) ??
    (keySpec.startsWith('HMAC_') ? 'GENERATE_VERIFY_MAC' : keySpec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : undefined);
  if (!keyUsage) throw validation(`KeyUsage is required for KeySpec ${keySpec}.`);
  if (!usagesFor(keySpec).includes(keyUsage)) throw validation(`KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}.`);
  const origin = oneOf(input, 'Origin', ORIGINS) ?? 'AWS_KMS';
  if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE' || input.CustomKeyStoreId !== undefined)
    throw unsupported('Custom key stores are not modelled by the emulator; create keys with Origin AWS_KMS or EXTERNAL.');
  if (origin === 'EXTERNAL' && keySpec !== 'SYMMETRIC_DEFAULT')
    throw unsupported('The emulator models imported key material for SYMMETRIC_DEFAULT keys only.');
  const multiRegion = bool(input, 'MultiRegion') ?? false;
  const bypass = bool(input, 'BypassPolicyLockoutSafetyCheck') ?? false;
  const tags = parseTags(input);
  engine.authorize(ctx, 'kms:CreateKey', undefined);
  // Tags on CreateKey also need kms:TagResource (IAM).
  if (tags.length > 0) engine.authorize(ctx, 'kms:TagResource', undefined);
  const region = engine.store.region(ctx.accountId, ctx.region);
  if (region.keys.size >= MAX_KEYS_PER_REGION)
    throw limitExceeded(`Account ${ctx.accountId} has reached the quota of ${MAX_KEYS_PER_REGION} KMS keys in ${ctx.region}.`);

  const family = engine.store.newFamily(ctx.accountId, ctx.region, { keySpec, keyUsage, origin, multiRegion });
  const arn = keyArn(ctx.region, ctx.accountId, family.keyId);
  let policy: string;
  try {
    if (policyText === undefined) policy = defaultKeyPolicy(ctx.partition, ctx.accountId);
    else {
      const doc = parsePolicy(policyText, ctx.partition);
      if (!bypass) checkLockout(ctx, doc, arn);
      policy = policyText;
    }
  } catch (error) {
    engine.store.families.delete(`${ctx.accountId}/${family.keyId}`);
    throw error;
  }
  const key = engine.store.newKey(family, ctx.region, {
    description,
    policy,
    tags: new Map(tags),
    state: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
  });
  if (engine.settings.consistencyWindowMs > 0) key.visibleAfter = ctx.now + engine.settings.consistencyWindowMs;
  return { KeyMetadata: keyMetadata(engine, key) };
};

export const DescribeKey: Operation = (engine, ctx, input) => {
  const keyIdInput = str(input, 'KeyId', KEY_ID_RULE);
  const key = resolveKey(engine, ctx, keyIdInput, { allowAlias: true, crossAccount: true });
  const alias = requestAliasOf(keyIdInput);
  engine.authorize(ctx, 'kms:DescribeKey', key, alias === undefined ? {} : { 'kms:RequestAlias': alias });
  return { KeyMetadata: keyMetadata(engine, key) };
};

export const ListKeys: Operation = (engine, ctx, input) => {
  engine.authorize(ctx, 'kms:ListKeys', undefined);
  const keys = [...engine.store.region(ctx.accountId, ctx.region).keys.values()]
    .filter((k) => k.visibleAfter === undefined || ctx.now >= k.visibleAfter)
    .map((k) => ({ KeyId: k.keyId, KeyArn: k.arn }));
  const { page, ...rest } = paginate(input, keys, `ListKeys/${ctx.accountId}/${ctx.region}`, { max: 1000, default: 100 });
  return { Keys: page, ...rest };
};

export const EnableKey: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  engine.authorize(ctx, 'kms:EnableKey', key);
  requireState(key, 'EnableKey');
  key.state = 'Enabled';
  return {};
};

export const DisableKey: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  engine.authorize(ctx, 'kms:DisableKey', key);
  requireState(key, 'DisableKey');
  key.state = 'Disabled';
  return {};
};

export const UpdateKeyDescription: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  const description = str(input, 'Description', { required: true, max: 8192 });
  engine.authorize(ctx, 'kms:UpdateKeyDescription', key);
  requireState(key, 'UpdateKeyDescription');
  key.description = description;
  return {};
};

const DAY_MS = 24 * 60 * 60 * 1000;

export const ScheduleKeyDeletion: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  const window = int(input, 'PendingWindowInDays', { min: 7, max: 30 }) ?? 30;
  engine.authorize(ctx, 'kms:ScheduleKeyDeletion', key, { 'kms:ScheduleKeyDeletionPendingWindowInDays': String(window) });
  requireState(key, 'ScheduleKeyDeletion');
  const family = key.family;
  const hasReplicas =
    family.multiRegion && !isReplica(key) && family.regions.some((r) => r !== key.region && engine.store.member(family, r));
  key.pendingWindowInDays = window;
  if (hasReplicas) {
    key.state = 'PendingReplicaDeletion';
    key.deletionDate = undefined;
  } else {
    key.state = 'PendingDeletion';
    key.deletionDate = ctx.now + window * DAY_MS;
  }
  const output: Record<string, unknown> = { KeyId: key.arn, KeyState: key.state, PendingWindowInDays: window };
  if (key.deletionDate !== undefined) output.DeletionDate = epochSeconds(key.deletionDate);
  return output;
};

export const CancelKeyDeletion: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  engine.authorize(ctx, 'kms:CancelKeyDeletion', key);
  requireState(key, 'CancelKeyDeletion');
  key.state = 'Disabled';
  key.deletionDate = undefined;
  key.pendingWindowInDays = undefined;
  return { KeyId: key.arn };
};

/** Ends every waiting period now (test helper): replicas first, then primaries whose replicas are gone. */
export function expirePendingDeletions(engine: { store: Store }, now: number = Date.now()): number {
  let removed = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (const { state } of engine.store.allRegions()) {
      for (const key of [...state.keys.values()]) {
        currentState(key, now);
        if (key.state === 'PendingDeletion') {
          engine.store.deleteKey(key);
          removed++;
        }
      }
    }
    // A primary waiting for its replicas starts its own window once they are gone; the helper ends it too.
    for (const { state } of engine.store.allRegions()) {
      for (const key of state.keys.values()) {
        const others = key.family.regions.filter((r) => r !== key.region);
        if (key.state === 'PendingReplicaDeletion' && others.length === 0) {
          key.state = 'PendingDeletion';
          key.deletionDate = now + (key.pendingWindowInDays ?? 30) * DAY_MS;
        }
      }
    }
  }
  return removed;
}

/** Description member of CreateKey and ReplicateKey: 0-8192 characters, default empty. */
export function readDescription(input: Record<string, unknown>): string {
  return str(input, 'Description', { max: 8192 }) ?? '';
}
