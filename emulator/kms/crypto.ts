import { randomBytes } from 'node:crypto';
import { EmulatorError, constraint, validation } from '../errors';
import type { KeyRecord } from '../state';
import type { CallContext, Json } from './context';
import type { Engine } from './engine';
import { checkGrantTokens } from './grants';
import { bool, int, oneOf, str, KEY_ID_RULE } from './input';
import { open, readHeader, seal } from './ciphertext';
import type { Operation } from './ops-common';
import { requestAliasOf, resolveKey } from './resolve';
import { requireState } from './states';

const ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;

function readContext(input: Json, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw constraint(name, value, 'Member must be a map of strings');
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') throw validation(`${name} value for "${k}" must be a string.`);
  return value as Record<string, string>;
}

function readBlob(input: Json, name: string, max: number): Buffer {
  const value = input[name];
  if (typeof value !== 'string') throw constraint(name.charAt(0).toLowerCase() + name.slice(1), null, 'Member must not be null');
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 1 || bytes.length > max)
    throw constraint(name.charAt(0).toLowerCase() + name.slice(1), `${bytes.length} bytes`, `Member must have length between 1 and ${max}`);
  return bytes;
}

function requireSymmetric(key: KeyRecord, algorithm: string | undefined): void {
  if (key.family.keyUsage !== 'ENCRYPT_DECRYPT')
    throw new EmulatorError(
      'InvalidKeyUsageException',
      `${key.arn} has KeyUsage ${key.family.keyUsage}; this operation needs an ENCRYPT_DECRYPT key.`,
    );
  if (key.family.keySpec !== 'SYMMETRIC_DEFAULT')
    throw new EmulatorError(
      'UnsupportedOperationException',
      `${key.arn} is ${key.family.keySpec}: the emulator performs symmetric (SYMMETRIC_DEFAULT) cryptography only.`,
    );
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT')
    throw new EmulatorError(
      'InvalidKeyUsageException',
      `Encryption algorithm ${algorithm} cannot be used with the symmetric key ${key.arn}.`,
    );
}

/**
 * Common path for a cryptographic call on a key: resolve (alias, cross-account), authorize, state, grants, dry run.
 * `requested` is the KeyId the request named the key by (kms:RequestAlias), when it differs from `keyIdInput`.
 */
function useKey(
  engine: Engine,
  ctx: CallContext,
  input: Json,
  keyIdInput: string,
  action: string,
  context: Record<string, string>,
  requested: string | undefined = keyIdInput,
): KeyRecord {
  const key = resolveKey(engine, ctx, keyIdInput, { allowAlias: true, crossAccount: true });
  checkGrantTokens(engine, input);
  const alias = requestAliasOf(requested);
  engine.authorize(ctx, action, key, { encryptionContext: context, ...(alias === undefined ? {} : { 'kms:RequestAlias': alias }) });
  requireState(key, action.slice(4).replace(/^ReEncrypt(From|To)$/, 'ReEncrypt'));
  return key;
}

function dryRun(input: Json, operation: string): void {
  if (bool(input, 'DryRun')) throw new EmulatorError('DryRunOperationException', `The ${operation} request would have succeeded (DryRun).`);
}

function encryptWith(key: KeyRecord, plaintext: Buffer, context: Record<string, string>): string {
  return seal(key.family.material, { keyId: key.keyId, accountId: key.accountId }, plaintext, context).toString('base64');
}

export const Encrypt: Operation = (engine, ctx, input) => {
  const keyIdInput = str(input, 'KeyId', KEY_ID_RULE);
  const plaintext = readBlob(input, 'Plaintext', 4096);
  const context = readContext(input, 'EncryptionContext');
  const algorithm = oneOf(input, 'EncryptionAlgorithm', ALGORITHMS);
  const key = useKey(engine, ctx, input, keyIdInput, 'kms:Encrypt', context);
  requireSymmetric(key, algorithm);
  dryRun(input, 'Encrypt');
  return { CiphertextBlob: encryptWith(key, plaintext, context), KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
};

/** Finds the key a ciphertext names, in the caller's Region (a related multi-Region key counts). */
function keyForCiphertext(
  engine: Engine,
  ctx: CallContext,
  input: Json,
  blob: Buffer,
  keyIdParam: string | undefined,
  action: string,
  context: Record<string, string>,
): KeyRecord {
  const header = readHeader(blob);
  const owner = engine.store.region(header.accountId, ctx.region).keys.get(header.keyId);
  if (!owner)
    throw new EmulatorError(
      'InvalidCiphertextException',
      'The ciphertext was not made by a KMS key that exists in this account and Region (or a related multi-Region key).',
    );
  if (keyIdParam !== undefined) {
    const named = resolveKey(engine, ctx, keyIdParam, { allowAlias: true, crossAccount: true });
    if (named !== owner)
      throw new EmulatorError(
        'IncorrectKeyException',
        `The key ID in the request (${keyIdParam}) does not identify the KMS key that encrypted the ciphertext.`,
      );
  }
  return useKey(engine, ctx, input, owner.arn, action, context, keyIdParam);
}

export const Decrypt: Operation = (engine, ctx, input) => {
  const blob = readBlob(input, 'CiphertextBlob', 6144);
  const context = readContext(input, 'EncryptionContext');
  const keyIdParam = str(input, 'KeyId', { min: 1, max: 2048 });
  const algorithm = oneOf(input, 'EncryptionAlgorithm', ALGORITHMS);
  const key = keyForCiphertext(engine, ctx, input, blob, keyIdParam, 'kms:Decrypt', context);
  requireSymmetric(key, algorithm);
  const plaintext = open(key.family.material, blob, context);
  dryRun(input, 'Decrypt');
  return { Plaintext: plaintext.toString('base64'), KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
};

function dataKeyLength(input: Json): number {
  const spec = oneOf(input, 'KeySpec', ['AES_256', 'AES_128'] as const);
  const bytes = int(input, 'NumberOfBytes', { min: 1, max: 1024 });
  if (spec && bytes !== undefined) throw validation('Specify either KeySpec or NumberOfBytes, not both.');
  if (!spec && bytes === undefined) throw validation('Please specify either number of bytes or key spec.');
  return bytes ?? (spec === 'AES_128' ? 16 : 32);
}

function generate(engine: Engine, ctx: CallContext, input: Json, withPlaintext: boolean): Json {
  const keyIdInput = str(input, 'KeyId', KEY_ID_RULE);
  const length = dataKeyLength(input);
  const context = readContext(input, 'EncryptionContext');
  const action = withPlaintext ? 'kms:GenerateDataKey' : 'kms:GenerateDataKeyWithoutPlaintext';
  const key = useKey(engine, ctx, input, keyIdInput, action, context);
  requireSymmetric(key, undefined);
  dryRun(input, ctx.operation);
  const plaintext = randomBytes(length);
  const output: Json = { CiphertextBlob: encryptWith(key, plaintext, context), KeyId: key.arn };
  if (withPlaintext) output.Plaintext = plaintext.toString('base64');
  return output;
}

export const GenerateDataKey: Operation = (engine, ctx, input) => generate(engine, ctx, input, true);
export const GenerateDataKeyWithoutPlaintext: Operation = (engine, ctx, input) => generate(engine, ctx, input, false);

export const ReEncrypt: Operation = (engine, ctx, input) => {
  const blob = readBlob(input, 'CiphertextBlob', 6144);
  const sourceContext = readContext(input, 'SourceEncryptionContext');
  const destinationContext = readContext(input, 'DestinationEncryptionContext');
  const sourceKeyId = str(input, 'SourceKeyId', { min: 1, max: 2048 });
  const destinationKeyId = str(input, 'DestinationKeyId', KEY_ID_RULE);
  oneOf(input, 'SourceEncryptionAlgorithm', ALGORITHMS);
  const destinationAlgorithm = oneOf(input, 'DestinationEncryptionAlgorithm', ALGORITHMS);
  const source = keyForCiphertext(engine, ctx, input, blob, sourceKeyId, 'kms:ReEncryptFrom', sourceContext);
  requireSymmetric(source, undefined);
  const plaintext = open(source.family.material, blob, sourceContext);
  const destination = useKey(engine, ctx, input, destinationKeyId, 'kms:ReEncryptTo', destinationContext);
  requireSymmetric(destination, destinationAlgorithm);
  dryRun(input, 'ReEncrypt');
  return {
    CiphertextBlob: encryptWith(destination, plaintext, destinationContext),
    SourceKeyId: source.arn,
    KeyId: destination.arn,
    SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
};
