import { alreadyExists, invalidAlias, limitExceeded, notFound, validation } from '../errors';
import { aliasArn } from '../partition';
import { epochSeconds, type KeyRecord } from '../state';
import type { CallContext } from './context';
import type { AliasTarget, Engine } from './engine';
import { str, KEY_ID_RULE } from './input';
import { findKey, type Operation } from './ops-common';
import { paginate } from './pagination';
import { requireState } from './states';

export const MAX_ALIASES_PER_KEY = 50;

/** AWS managed aliases every account lists (without a target until an AWS service first uses them). */
const AWS_MANAGED_ALIASES = [
  'alias/aws/dynamodb',
  'alias/aws/ebs',
  'alias/aws/elasticfilesystem',
  'alias/aws/es',
  'alias/aws/glue',
  'alias/aws/kinesisvideo',
  'alias/aws/rds',
  'alias/aws/redshift',
  'alias/aws/s3',
  'alias/aws/secretsmanager',
  'alias/aws/ssm',
  'alias/aws/xray',
];

/** Shape rule, then KMS's naming rules. `:` is refused although the API pattern admits it (stricter). */
function readAliasName(input: Record<string, unknown>, forDelete = false): string {
  const name = str(input, 'AliasName', { required: true, min: 1, max: 256, pattern: /^[a-zA-Z0-9:/_-]+$/ });
  if (!name.startsWith('alias/')) throw validation(`Alias must start with the prefix "alias/": ${name}`);
  if (name.length === 'alias/'.length) throw invalidAlias(`Alias name ${name} is not valid: "alias/" must be followed by a name.`);
  if (name.startsWith('alias/aws/'))
    throw invalidAlias(
      `Alias name ${name} is not valid: the prefix "alias/aws/" is reserved for AWS managed keys${forDelete ? ' and cannot be deleted' : ''}.`,
    );
  if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name))
    throw invalidAlias(`Alias name ${name} is not valid: use only letters, digits, "/", "_" and "-" after "alias/".`);
  return name;
}

function aliasTarget(ctx: CallContext, name: string): AliasTarget {
  return { aliasArn: aliasArn(ctx.region, ctx.accountId, name), accountId: ctx.accountId };
}

function readTarget(engine: Engine, ctx: CallContext, input: Record<string, unknown>): KeyRecord {
  const target = str(input, 'TargetKeyId', KEY_ID_RULE);
  if (target.startsWith('alias/') || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(target))
    throw validation(`TargetKeyId ${target} is an alias; an alias must point to a key ID or key ARN.`);
  return findKey(engine, ctx, target);
}

export const CreateAlias: Operation = (engine, ctx, input) => {
  const name = readAliasName(input);
  const key = readTarget(engine, ctx, input);
  engine.authorize(ctx, 'kms:CreateAlias', aliasTarget(ctx, name));
  engine.authorize(ctx, 'kms:CreateAlias', key);
  const region = engine.store.region(ctx.accountId, ctx.region);
  if (region.aliases.has(name)) throw alreadyExists(`An alias with the name ${aliasArn(ctx.region, ctx.accountId, name)} already exists`);
  requireState(key, 'CreateAlias');
  const count = [...region.aliases.values()].filter((a) => a.targetKeyId === key.keyId).length;
  if (count >= MAX_ALIASES_PER_KEY)
    throw limitExceeded(`${key.arn} already has ${MAX_ALIASES_PER_KEY} aliases, the most a KMS key can have.`);
  const now = epochSeconds(ctx.now);
  const stale = engine.settings.staleReadMs > 0 ? { targetKeyId: undefined, until: ctx.now + engine.settings.staleReadMs } : undefined;
  region.aliases.set(name, { aliasName: name, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now, stale });
  return {};
};

export const UpdateAlias: Operation = (engine, ctx, input) => {
  const name = readAliasName(input);
  const key = readTarget(engine, ctx, input);
  const region = engine.store.region(ctx.accountId, ctx.region);
  const alias = region.aliases.get(name);
  if (!alias) throw notFound(`Alias ${aliasArn(ctx.region, ctx.accountId, name)} is not found.`);
  const current = region.keys.get(alias.targetKeyId);
  engine.authorize(ctx, 'kms:UpdateAlias', aliasTarget(ctx, name));
  engine.authorize(ctx, 'kms:UpdateAlias', key);
  if (current) engine.authorize(ctx, 'kms:UpdateAlias', current);
  requireState(key, 'UpdateAlias');
  if (current && (current.family.keySpec !== key.family.keySpec || current.family.keyUsage !== key.family.keyUsage)) {
    throw validation(
      `Alias ${name} points to a ${current.family.keySpec}/${current.family.keyUsage} key; it can only be moved to a key of the same key spec and key usage, not ${key.family.keySpec}/${key.family.keyUsage}.`,
    );
  }
  if (engine.settings.staleReadMs > 0) alias.stale = { targetKeyId: alias.targetKeyId, until: ctx.now + engine.settings.staleReadMs };
  alias.targetKeyId = key.keyId;
  alias.lastUpdatedDate = epochSeconds(ctx.now);
  return {};
};

export const DeleteAlias: Operation = (engine, ctx, input) => {
  const name = readAliasName(input, true);
  const region = engine.store.region(ctx.accountId, ctx.region);
  const alias = region.aliases.get(name);
  if (!alias) throw notFound(`Alias ${aliasArn(ctx.region, ctx.accountId, name)} is not found.`);
  const key = region.keys.get(alias.targetKeyId);
  engine.authorize(ctx, 'kms:DeleteAlias', aliasTarget(ctx, name));
  if (key) engine.authorize(ctx, 'kms:DeleteAlias', key);
  region.aliases.delete(name);
  return {};
};

export const ListAliases: Operation = (engine, ctx, input) => {
  const keyIdInput = str(input, 'KeyId', { min: 1, max: 2048 });
  const region = engine.store.region(ctx.accountId, ctx.region);
  let entries: Array<Record<string, unknown>>;
  let scope = `ListAliases/${ctx.accountId}/${ctx.region}`;
  const toEntry = (a: { aliasName: string; targetKeyId: string; creationDate: number; lastUpdatedDate: number }) => ({
    AliasName: a.aliasName,
    AliasArn: aliasArn(ctx.region, ctx.accountId, a.aliasName),
    TargetKeyId: a.targetKeyId,
    CreationDate: a.creationDate,
    LastUpdatedDate: a.lastUpdatedDate,
  });
  if (keyIdInput !== undefined) {
    const key = findKey(engine, ctx, keyIdInput);
    engine.authorize(ctx, 'kms:ListAliases', undefined);
    entries = [...region.aliases.values()].filter((a) => a.targetKeyId === key.keyId).map(toEntry);
    scope += `/${key.keyId}`;
  } else {
    engine.authorize(ctx, 'kms:ListAliases', undefined);
    entries = [...region.aliases.values()].map(toEntry);
    for (const name of AWS_MANAGED_ALIASES) entries.push({ AliasName: name, AliasArn: aliasArn(ctx.region, ctx.accountId, name) });
  }
  const { page, ...rest } = paginate(input, entries, scope, { max: 100, default: 50 });
  return { Aliases: page, ...rest };
};
