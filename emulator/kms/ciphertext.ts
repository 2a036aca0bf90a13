import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EmulatorError } from '../errors';

/**
 * Ciphertext blob: magic "KEMU" | version 1 | key-id length | key id | account id (12) | IV (12) | tag (16) | data.
 * AES-256-GCM with AAD = account + key id + canonical encryption context, so a blob decrypts only with the
 * same key material (a multi-Region key and its replicas share it) and the same context.
 */
const MAGIC = Buffer.from('KEMU');

export interface BlobHeader {
  keyId: string;
  accountId: string;
}

export function canonicalContext(context: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(context)
      .sort()
      .map((k) => [k, context[k]]),
  );
}

function aad(header: BlobHeader, context: Record<string, string>): Buffer {
  return Buffer.from(`${header.accountId}/${header.keyId}/${canonicalContext(context)}`);
}

export function seal(material: Buffer, header: BlobHeader, plaintext: Buffer, context: Record<string, string>): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(aad(header, context));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const keyId = Buffer.from(header.keyId);
  return Buffer.concat([MAGIC, Buffer.from([1, keyId.length]), keyId, Buffer.from(header.accountId), iv, cipher.getAuthTag(), data]);
}

const INVALID = () =>
  new EmulatorError(
    'InvalidCiphertextException',
    'The ciphertext is not valid: it was not produced by KMS, was changed, or the encryption context does not match.',
  );

export function readHeader(blob: Buffer): BlobHeader & { offset: number } {
  if (blob.length < MAGIC.length + 2 || !blob.subarray(0, 4).equals(MAGIC) || blob[4] !== 1) throw INVALID();
  const length = blob[5];
  const keyIdEnd = 6 + length;
  if (blob.length < keyIdEnd + 12 + 12 + 16) throw INVALID();
  return {
    keyId: blob.subarray(6, keyIdEnd).toString(),
    accountId: blob.subarray(keyIdEnd, keyIdEnd + 12).toString(),
    offset: keyIdEnd + 12,
  };
}

export function open(material: Buffer, blob: Buffer, context: Record<string, string>): Buffer {
  const header = readHeader(blob);
  const iv = blob.subarray(header.offset, header.offset + 12);
  const tag = blob.subarray(header.offset + 12, header.offset + 28);
  const data = blob.subarray(header.offset + 28);
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, iv);
    decipher.setAAD(aad(header, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw INVALID();
  }
}
