import { unsupported } from '../errors';
import { epochSeconds, type KeyRecord } from '../state';
import { int, str, KEY_ID_RULE } from './input';
import { isReplica } from './metadata';
import { findKey, type Operation } from './ops-common';
import { resolveKey } from './resolve';
import { requireState } from './states';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Imported key material is refused before the key state is looked at (the key-state table's footnote 6). */
function requireKmsOrigin(key: KeyRecord): void {
  if (key.family.origin !== 'AWS_KMS')
    throw unsupported(`${key.arn} origin is ${key.family.origin} which is not valid for this operation.`);
}

function requireRotatable(key: KeyRecord, operation: string): void {
  if (key.family.keySpec !== 'SYMMETRIC_DEFAULT' || key.family.origin !== 'AWS_KMS')
    throw unsupported(
      `${key.arn} cannot use ${operation}: automatic rotation is supported only for symmetric encryption keys (SYMMETRIC_DEFAULT) with AWS_KMS key material.`,
    );
}

function requirePrimary(key: KeyRecord, operation: string): void {
  if (isReplica(key))
    throw unsupported(
      `${key.arn} is a multi-Region replica key: call ${operation} on its primary key in ${key.family.primaryRegion}; rotation is shared by all related keys.`,
    );
}

export const EnableKeyRotation: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  const period = int(input, 'RotationPeriodInDays', { min: 90, max: 2560 }) ?? 365;
  engine.authorize(ctx, 'kms:EnableKeyRotation', key, { 'kms:RotationPeriodInDays': String(period) });
  requireKmsOrigin(key);
  requireState(key, 'EnableKeyRotation');
  requireRotatable(key, 'EnableKeyRotation');
  requirePrimary(key, 'EnableKeyRotation');
  const rotation = key.family.rotation;
  rotation.enabled = true;
  rotation.periodInDays = period;
  rotation.nextRotationDate = ctx.now + period * DAY_MS;
  return {};
};

export const DisableKeyRotation: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  engine.authorize(ctx, 'kms:DisableKeyRotation', key);
  requireKmsOrigin(key);
  requireState(key, 'DisableKeyRotation');
  requireRotatable(key, 'DisableKeyRotation');
  requirePrimary(key, 'DisableKeyRotation');
  key.family.rotation.enabled = false;
  key.family.rotation.nextRotationDate = undefined;
  return {};
};

export const GetKeyRotationStatus: Operation = (engine, ctx, input) => {
  const key = resolveKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE), { crossAccount: true });
  engine.authorize(ctx, 'kms:GetKeyRotationStatus', key);
  requireKmsOrigin(key);
  requireState(key, 'GetKeyRotationStatus');
  requireRotatable(key, 'GetKeyRotationStatus');
  const rotation = key.family.rotation;
  const output: Record<string, unknown> = { KeyId: key.arn, KeyRotationEnabled: rotation.enabled };
  if (rotation.enabled) {
    output.RotationPeriodInDays = rotation.periodInDays;
    if (rotation.nextRotationDate !== undefined) output.NextRotationDate = epochSeconds(rotation.nextRotationDate);
  }
  return output;
};
