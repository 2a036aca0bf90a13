import { alreadyExists, notFound, unsupported, validation } from '../errors';
import { keyArn, partitionOf } from '../partition';
import { enterTransient } from '../state';
import { bool, str, KEY_ID_RULE } from './input';
import { readDescription } from './keys';
import { checkLockout } from './lockout';
import { isReplica, keyMetadata } from './metadata';
import { findKey, type Operation } from './ops-common';
import { defaultKeyPolicy, parsePolicy } from './policy-document';
import { requireState } from './states';
import { parseTags } from './tags';

const REGION_RULE = { required: true, min: 1, max: 32, pattern: /^([a-z]+-){2,3}\d+$/ } as const;

export const ReplicateKey: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  const replicaRegion = str(input, 'ReplicaRegion', REGION_RULE);
  const policyText = str(input, 'Policy');
  const bypass = bool(input, 'BypassPolicyLockoutSafetyCheck') ?? false;
  const description = readDescription(input);
  const tags = parseTags(input);
  engine.authorize(ctx, 'kms:ReplicateKey', key, { 'kms:ReplicaRegion': replicaRegion });
  // The replica Region needs kms:CreateKey (and kms:TagResource with tags) from IAM.
  engine.authorize({ ...ctx, region: replicaRegion }, 'kms:CreateKey', undefined);
  if (tags.length > 0) engine.authorize({ ...ctx, region: replicaRegion }, 'kms:TagResource', undefined);
  const family = key.family;
  if (!family.multiRegion) throw unsupported(`${key.arn} is a single-Region key; only multi-Region primary keys can be replicated.`);
  if (isReplica(key))
    throw unsupported(`${key.arn} is a multi-Region replica key; call ReplicateKey on the primary key in ${family.primaryRegion}.`);
  requireState(key, 'ReplicateKey');
  if (replicaRegion === ctx.region)
    throw validation(`ReplicaRegion ${replicaRegion} is the Region of the primary key; choose another Region.`);
  if (partitionOf(replicaRegion) !== ctx.partition)
    throw unsupported(
      `ReplicaRegion ${replicaRegion} is in another partition than ${ctx.region}; multi-Region keys are replicated within one partition.`,
    );
  if (engine.store.member(family, replicaRegion))
    throw alreadyExists(
      `A key with the key ID ${family.keyId} already exists in ${replicaRegion} (possibly pending deletion): a multi-Region key has at most one replica per Region.`,
    );
  // The replica Region's own charge: 2 CreateKey requests (one dry run).
  engine.charge?.(ctx.accountId, replicaRegion, 'CreateKey', 2);

  const arn = keyArn(replicaRegion, ctx.accountId, family.keyId);
  const replicaCtx = { ...ctx, region: replicaRegion };
  let policy: string;
  if (policyText === undefined) policy = defaultKeyPolicy(ctx.partition, ctx.accountId);
  else {
    const doc = parsePolicy(policyText, ctx.partition);
    if (!bypass) checkLockout(replicaCtx, doc, arn);
    policy = policyText;
  }
  const replica = engine.store.newKey(family, replicaRegion, { description, policy, tags: new Map(tags), state: 'Enabled' });
  family.regions.push(replicaRegion);
  enterTransient(
    replica,
    'Creating',
    engine.settings.replicaCreatingMs,
    family.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    ctx.now,
  );
  if (engine.settings.consistencyWindowMs > 0) replica.visibleAfter = ctx.now + engine.settings.consistencyWindowMs;
  return {
    ReplicaKeyMetadata: keyMetadata(engine, replica),
    ReplicaPolicy: policy,
    ReplicaTags: [...replica.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
  };
};

export const UpdatePrimaryRegion: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  const target = str(input, 'PrimaryRegion', REGION_RULE);
  engine.authorize(ctx, 'kms:UpdatePrimaryRegion', key, { 'kms:PrimaryRegion': target });
  const family = key.family;
  if (!family.multiRegion) throw unsupported(`${key.arn} is a single-Region key; UpdatePrimaryRegion applies to multi-Region keys.`);
  if (isReplica(key)) throw unsupported(`${key.arn} is a replica; call UpdatePrimaryRegion on the primary key in ${family.primaryRegion}.`);
  requireState(key, 'UpdatePrimaryRegion');
  const replica = engine.store.member(family, target);
  if (!replica || target === ctx.region)
    throw notFound(`There is no replica of ${family.keyId} in ${target}; replicate the key there first.`);
  engine.authorize({ ...ctx, region: target }, 'kms:UpdatePrimaryRegion', replica);
  requireState(replica, 'UpdatePrimaryRegion');
  engine.charge?.(ctx.accountId, target, 'UpdatePrimaryRegion', 1);
  family.primaryRegion = target;
  for (const member of [key, replica]) enterTransient(member, 'Updating', engine.settings.replicaCreatingMs, member.state, ctx.now);
  return {};
};
