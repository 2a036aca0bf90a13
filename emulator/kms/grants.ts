import { randomBytes } from 'node:crypto';
import { EmulatorError, accessDenied, constraint, limitExceeded, notFound, validation } from '../errors';
import { principalArnOf, rootArn } from '../partition';
import { epochSeconds, type Grant, type KeyRecord } from '../state';
import type { CallContext, Json } from './context';
import type { Engine } from './engine';
import { list, str, KEY_ID_RULE } from './input';
import type { Operation } from './ops-common';
import { paginate } from './pagination';
import { resolveKey } from './resolve';
import { requireState } from './states';

export const MAX_GRANTS_PER_KEY = 50000;
export const GRANT_OPERATIONS = [
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
  'Sign',
  'Verify',
  'GetPublicKey',
  'CreateGrant',
  'RetireGrant',
  'DescribeKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateMac',
  'VerifyMac',
  'DeriveSharedSecret',
];

/** Grant tokens issued by this emulator (token -> key ARN + grant id). */
const TOKENS = new WeakMap<Engine, Map<string, { keyArn: string; grantId: string }>>();

function tokens(engine: Engine): Map<string, { keyArn: string; grantId: string }> {
  let map = TOKENS.get(engine);
  if (!map) {
    map = new Map();
    TOKENS.set(engine, map);
  }
  return map;
}

export function clearGrantTokens(engine: Engine): void {
  tokens(engine).clear();
}

/** GrantTokens parameter: 0-10 tokens this emulator issued (else InvalidGrantTokenException). */
export function checkGrantTokens(engine: Engine, input: Json): void {
  const values = list(input, 'GrantTokens', { max: 10 }) ?? [];
  for (const token of values) {
    if (typeof token !== 'string' || token.length < 1 || token.length > 8192 || !tokens(engine).has(token))
      throw new EmulatorError('InvalidGrantTokenException', 'The grant token is not valid.');
  }
}

const PRINCIPAL = /^(arn:[a-z-]+:(iam|sts)::\d{12}:[\w+=,.@/-]+|[a-z0-9.-]+\.amazonaws\.com(\.cn)?)$/;

function readPrincipal(input: Json, name: string, required: boolean): string | undefined {
  const value = str(input, name, { required, min: 1, max: 256 });
  if (value !== undefined && !PRINCIPAL.test(value))
    throw validation(
      `${name} ${value} is not a valid principal: use an IAM ARN (role, user, root, assumed-role session) or a service principal.`,
    );
  return value;
}

function readConstraints(input: Json): Grant['constraints'] {
  const value = input.Constraints;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw constraint('constraints', value, 'Member must be a structure');
  const result: Record<string, Record<string, string>> = {};
  for (const [name, map] of Object.entries(value as Record<string, unknown>)) {
    if (name !== 'EncryptionContextSubset' && name !== 'EncryptionContextEquals') throw validation(`Unknown grant constraint ${name}.`);
    result[name] = map as Record<string, string>;
  }
  return result;
}

function sameGrant(a: Grant, b: Omit<Grant, 'grantId' | 'grantToken' | 'creationDate'>): boolean {
  return (
    a.granteePrincipal === b.granteePrincipal &&
    a.retiringPrincipal === b.retiringPrincipal &&
    JSON.stringify([...a.operations].sort()) === JSON.stringify([...b.operations].sort()) &&
    JSON.stringify(a.constraints ?? null) === JSON.stringify(b.constraints ?? null)
  );
}

export const CreateGrant: Operation = (engine, ctx, input) => {
  const key = resolveKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE), { crossAccount: true });
  const grantee = readPrincipal(input, 'GranteePrincipal', true) as string;
  const retiring = readPrincipal(input, 'RetiringPrincipal', false);
  const operations = (list(input, 'Operations', { min: 1 }) ?? (str(input, 'Operations', { required: true }) as never)) as unknown[];
  for (const op of operations) {
    if (typeof op !== 'string' || !GRANT_OPERATIONS.includes(op))
      throw constraint('operations', op, `Member must satisfy enum value set: [${GRANT_OPERATIONS.join(', ')}]`);
  }
  const name = str(input, 'Name', { min: 1, max: 256, pattern: /^[a-zA-Z0-9:/_-]+$/ });
  const constraints = readConstraints(input);
  checkGrantTokens(engine, input);
  engine.authorize(ctx, 'kms:CreateGrant', key, { 'kms:GranteePrincipal': grantee, 'kms:GrantOperations': operations as string[] });
  requireState(key, 'CreateGrant');
  const wanted = {
    name,
    granteePrincipal: grantee,
    retiringPrincipal: retiring,
    issuingAccount: rootArn(ctx.partition, ctx.accountId),
    operations: operations as string[],
    constraints,
  };
  if (name !== undefined) {
    const existing = key.grants.find((g) => g.name === name && sameGrant(g, wanted));
    if (existing) return { GrantToken: existing.grantToken, GrantId: existing.grantId };
  }
  if (key.grants.length >= MAX_GRANTS_PER_KEY) throw limitExceeded(`${key.arn} already has ${MAX_GRANTS_PER_KEY} grants.`);
  const grant: Grant = {
    ...wanted,
    grantId: randomBytes(32).toString('hex'),
    grantToken: randomBytes(48).toString('base64'),
    creationDate: epochSeconds(ctx.now),
  };
  key.grants.push(grant);
  tokens(engine).set(grant.grantToken, { keyArn: key.arn, grantId: grant.grantId });
  return { GrantToken: grant.grantToken, GrantId: grant.grantId };
};

function toOutput(key: KeyRecord, g: Grant): Json {
  const out: Json = {
    KeyId: key.arn,
    GrantId: g.grantId,
    CreationDate: g.creationDate,
    GranteePrincipal: g.granteePrincipal,
    IssuingAccount: g.issuingAccount,
    Operations: g.operations,
  };
  if (g.name !== undefined) out.Name = g.name;
  if (g.retiringPrincipal !== undefined) out.RetiringPrincipal = g.retiringPrincipal;
  if (g.constraints !== undefined) out.Constraints = g.constraints;
  return out;
}

export const ListGrants: Operation = (engine, ctx, input) => {
  const key = resolveKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE), { crossAccount: true });
  const grantId = str(input, 'GrantId', { min: 1, max: 128 });
  const grantee = str(input, 'GranteePrincipal', { min: 1, max: 256 });
  engine.authorize(ctx, 'kms:ListGrants', key);
  const grants = key.grants
    .filter((g) => (grantId === undefined || g.grantId === grantId) && (grantee === undefined || g.granteePrincipal === grantee))
    .map((g) => toOutput(key, g));
  const { page, ...rest } = paginate(input, grants, `ListGrants/${key.arn}/${grantId ?? ''}/${grantee ?? ''}`, { max: 100, default: 50 });
  return { Grants: page, ...rest };
};

function removeGrant(engine: Engine, key: KeyRecord, grantId: string): void {
  const grant = key.grants.find((g) => g.grantId === grantId);
  if (!grant) throw notFound(`Grant ${grantId} does not exist on ${key.arn}.`);
  key.grants = key.grants.filter((g) => g !== grant);
  tokens(engine).delete(grant.grantToken);
}

export const RevokeGrant: Operation = (engine, ctx, input) => {
  const key = resolveKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE), { crossAccount: true });
  const grantId = str(input, 'GrantId', { required: true, min: 1, max: 128 });
  engine.authorize(ctx, 'kms:RevokeGrant', key);
  requireState(key, 'RevokeGrant');
  removeGrant(engine, key, grantId);
  return {};
};

/** RetireGrant: by token, or by KeyId (key ARN) + GrantId. Only the retiring principal, the grantee (with RetireGrant) or the issuing account may retire. */
export const RetireGrant: Operation = (engine, ctx, input) => {
  const token = str(input, 'GrantToken', { min: 1, max: 8192 });
  let key: KeyRecord;
  let grantId: string;
  if (token !== undefined) {
    const entry = tokens(engine).get(token);
    if (!entry) throw new EmulatorError('InvalidGrantTokenException', 'The grant token is not valid.');
    key = resolveKey(engine, { ...ctx, operation: 'RetireGrant' }, entry.keyArn, { crossAccount: true });
    grantId = entry.grantId;
  } else {
    const keyId = str(input, 'KeyId', { min: 1, max: 2048 });
    grantId = str(input, 'GrantId', { min: 1, max: 128 }) as string;
    if (keyId === undefined || grantId === undefined) throw validation('RetireGrant needs a GrantToken, or both KeyId and GrantId.');
    key = resolveKey(engine, ctx, keyId, { crossAccount: true });
  }
  const grant = key.grants.find((g) => g.grantId === grantId);
  if (!grant) throw notFound(`Grant ${grantId} does not exist on ${key.arn}.`);
  if (!mayRetire(ctx, grant))
    throw accessDenied(
      `User: ${ctx.callerArn} is not authorized to retire grant ${grantId}: only its retiring principal, its grantee (with the RetireGrant operation) or the issuing account can.`,
    );
  removeGrant(engine, key, grantId);
  return {};
};

function mayRetire(ctx: CallContext, grant: Grant): boolean {
  const caller = [ctx.callerArn, principalArnOf(ctx.callerArn)];
  if (grant.retiringPrincipal && caller.includes(grant.retiringPrincipal)) return true;
  if (caller.includes(grant.granteePrincipal) && grant.operations.includes('RetireGrant')) return true;
  return grant.issuingAccount === rootArn(ctx.partition, ctx.accountId) && ctx.callerArn === grant.issuingAccount;
}

/** Whether a grant on `key` lets the caller run `operation` with this encryption context (authorization mode). */
export function grantAllows(key: KeyRecord, ctx: CallContext, operation: string, context: Record<string, string> | undefined): boolean {
  const caller = [ctx.callerArn, principalArnOf(ctx.callerArn)];
  return key.grants.some((g) => {
    if (!caller.includes(g.granteePrincipal) || !g.operations.includes(operation)) return false;
    const ec = context ?? {};
    const equals = g.constraints?.EncryptionContextEquals;
    if (equals && JSON.stringify(Object.entries(equals).sort()) !== JSON.stringify(Object.entries(ec).sort())) return false;
    const subset = g.constraints?.EncryptionContextSubset;
    if (subset && !Object.entries(subset).every(([k, v]) => ec[k] === v)) return false;
    return true;
  });
}
