import { accessDenied, notFound } from '../errors';
import { aliasArn, parseArn } from '../partition';
import { currentState, type KeyRecord } from '../state';
import type { CallContext } from './context';
import type { Engine } from './engine';

export interface ResolveOptions {
  /** Accept `alias/...` names and alias ARNs (DescribeKey, cryptographic operations). */
  allowAlias?: boolean;
  /** Accept a key ARN of another account (operations KMS allows cross-account). */
  crossAccount?: boolean;
}

function keyNotFound(id: string): Error {
  return notFound(`Key '${id}' does not exist`);
}

/**
 * Resolves a KeyId parameter as KMS does: key ID and alias name in the caller's account + Region; key ARN and
 * alias ARN name their own account + Region (another Region is never resolved; another account only where
 * KMS allows cross-account use). Keys inside the eventual-consistency window are NotFound.
 */
export function resolveKey(engine: Engine, ctx: CallContext, keyIdInput: string, options: ResolveOptions = {}): KeyRecord {
  let accountId = ctx.accountId;
  let region = ctx.region;
  let keyId: string | undefined;
  let aliasName: string | undefined;
  if (keyIdInput.startsWith('arn:')) {
    const arn = parseArn(keyIdInput);
    if (!arn || arn.service !== 'kms' || !/^\d{12}$/.test(arn.accountId) || arn.partition !== ctx.partition) {
      throw notFound(`Invalid arn ${keyIdInput}`);
    }
    if (arn.region !== ctx.region)
      throw notFound(`Invalid arn ${keyIdInput}: Region ${arn.region} is not the Region of the request (${ctx.region}).`);
    accountId = arn.accountId;
    region = arn.region;
    if (arn.resource.startsWith('key/')) keyId = arn.resource.slice(4);
    else if (arn.resource.startsWith('alias/')) aliasName = arn.resource;
    else throw notFound(`Invalid arn ${keyIdInput}`);
  } else if (keyIdInput.startsWith('alias/')) {
    aliasName = keyIdInput;
  } else {
    keyId = keyIdInput;
  }
  if (aliasName !== undefined && !options.allowAlias) {
    throw notFound(`Invalid keyId ${keyIdInput}: ${ctx.operation} does not accept an alias; pass the key ID or key ARN.`);
  }
  if (accountId !== ctx.accountId && !options.crossAccount) {
    throw accessDenied(
      `User: ${ctx.callerArn} is not authorized to perform: kms:${ctx.operation} on resource: ${keyIdInput} because ${ctx.operation} cannot be used on a KMS key in another account.`,
    );
  }
  const regionState = engine.store.region(accountId, region);
  if (aliasName !== undefined) {
    const alias = regionState.aliases.get(aliasName);
    const target = alias?.stale && ctx.now < alias.stale.until ? alias.stale.targetKeyId : alias?.targetKeyId;
    if (!target) throw notFound(`Alias ${aliasArn(region, accountId, aliasName)} is not found.`);
    keyId = target;
  }
  const key = regionState.keys.get(keyId as string);
  if (!key || (key.visibleAfter !== undefined && ctx.now < key.visibleAfter)) throw keyNotFound(keyIdInput);
  currentState(key, ctx.now);
  return key;
}

/**
 * The alias name a KeyId parameter names the key by (alias name, or the alias part of an alias ARN): the value of
 * `kms:RequestAlias`. Undefined for key ids, key ARNs and an absent parameter.
 */
export function requestAliasOf(keyIdInput: string | undefined): string | undefined {
  if (keyIdInput === undefined) return undefined;
  if (keyIdInput.startsWith('alias/')) return keyIdInput;
  const arn = keyIdInput.startsWith('arn:') ? parseArn(keyIdInput) : undefined;
  return arn?.resource.startsWith('alias/') ? arn.resource : undefined;
}

/** Live (not removed) key in the caller's account + Region by key id; undefined if absent. */
export function findOwnKey(engine: Engine, ctx: CallContext, keyId: string): KeyRecord | undefined {
  const key = engine.store.region(ctx.accountId, ctx.region).keys.get(keyId);
  if (key) currentState(key, ctx.now);
  return key;
}
