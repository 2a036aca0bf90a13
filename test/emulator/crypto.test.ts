import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { ACCOUNT_A, ACCOUNT_B, accessKeyFor, kmsClient, rejection, rootPolicy, useEmulator, P } from './support';

const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('Encrypt / Decrypt / GenerateDataKey / ReEncrypt', () => {
  const emu = useEmulator();

  it('round-trips with the encryption context as AAD', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId }));
    const EncryptionContext = { bucket: 'b1', purpose: 'test' };
    const enc = await kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: text('secret'), EncryptionContext }));
    expect(enc.KeyId).toBe(key.Arn);
    const dec = await kms.send(
      new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { purpose: 'test', bucket: 'b1' } }),
    );
    expect(decode(dec.Plaintext)).toBe('secret');
    expect(dec.KeyId).toBe(key.Arn);
    expect(
      (
        await rejection(
          kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { bucket: 'b2', purpose: 'test' } })),
        )
      ).name,
    ).toBe('InvalidCiphertextException');
    expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })))).name).toBe('InvalidCiphertextException');
    const tampered = Uint8Array.from(enc.CiphertextBlob!);
    tampered[tampered.length - 1] ^= 1;
    expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: tampered, EncryptionContext })))).name).toBe(
      'InvalidCiphertextException',
    );
  });

  it('rejects a KeyId that is not the encrypting key with IncorrectKeyException', async () => {
    const kms = kmsClient(emu());
    const a = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const b = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const enc = await kms.send(new EncryptCommand({ KeyId: a.KeyId, Plaintext: text('x') }));
    expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: b.KeyId })))).name).toBe(
      'IncorrectKeyException',
    );
    expect(decode((await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: a.Arn }))).Plaintext)).toBe('x');
  });

  it('decrypts multi-Region ciphertext with the replica in another Region and nowhere else', async () => {
    const eu = kmsClient(emu(), 'eu-west-1');
    const key = (await eu.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    await eu.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    const enc = await eu.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text('mr'), EncryptionContext: { a: '1' } }));
    const us = kmsClient(emu(), 'us-east-1');
    const dec = await us.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { a: '1' } }));
    expect(decode(dec.Plaintext)).toBe('mr');
    expect(dec.KeyId).toBe(`arn:${P}:kms:us-east-1:${ACCOUNT_A}:key/${key.KeyId}`);
    const ap = kmsClient(emu(), 'ap-south-1');
    expect((await rejection(ap.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { a: '1' } })))).name).toBe(
      'InvalidCiphertextException',
    );
    const single = (await eu.send(new CreateKeyCommand({}))).KeyMetadata!;
    const singleEnc = await eu.send(new EncryptCommand({ KeyId: single.KeyId, Plaintext: text('s') }));
    expect((await rejection(us.send(new DecryptCommand({ CiphertextBlob: singleEnc.CiphertextBlob })))).name).toBe(
      'InvalidCiphertextException',
    );
  });

  it('generates data keys (KeySpec or NumberOfBytes, not both) that decrypt to the plaintext key', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }));
    expect(dk.Plaintext).toHaveLength(32);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
    expect((await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 64 }))).Plaintext).toHaveLength(64);
    const withoutPlaintext = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, KeySpec: 'AES_128' }));
    expect('Plaintext' in withoutPlaintext).toBe(false);
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: withoutPlaintext.CiphertextBlob }))).Plaintext).toHaveLength(16);
    expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId })))).name).toBe('ValidationException');
    expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 })))).name).toBe(
      'ValidationException',
    );
    expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 1025 })))).name).toBe(
      'ValidationException',
    );
  });

  it('re-encrypts under another key and context', async () => {
    const kms = kmsClient(emu());
    const a = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const b = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const enc = await kms.send(new EncryptCommand({ KeyId: a.KeyId, Plaintext: text('move'), EncryptionContext: { x: '1' } }));
    const re = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: enc.CiphertextBlob,
        SourceEncryptionContext: { x: '1' },
        DestinationKeyId: b.KeyId,
        DestinationEncryptionContext: { y: '2' },
      }),
    );
    expect(re).toMatchObject({ SourceKeyId: a.Arn, KeyId: b.Arn });
    expect(
      decode((await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { y: '2' } }))).Plaintext),
    ).toBe('move');
  });

  it('fails on disabled keys with DisabledException and pending keys with KMSInvalidStateException', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const enc = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text('x') }));
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    expect((await rejection(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text('x') })))).name).toBe('DisabledException');
    expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })))).name).toBe('DisabledException');
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })))).name).toBe('KMSInvalidStateException');
  });

  it('refuses non-encryption keys and plaintext over 4096 bytes', async () => {
    const kms = kmsClient(emu());
    const hmac = (await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!;
    expect((await rejection(kms.send(new EncryptCommand({ KeyId: hmac.KeyId, Plaintext: text('x') })))).name).toBe(
      'InvalidKeyUsageException',
    );
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect((await rejection(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array(4097) })))).name).toBe(
      'ValidationException',
    );
  });

  it('allows cross-account use by key ARN only when the key policy allows the caller account', async () => {
    const owner = kmsClient(emu());
    const key = (await owner.send(new CreateKeyCommand({}))).KeyMetadata!;
    const other = kmsClient(emu(), 'eu-west-1', accessKeyFor(ACCOUNT_B));
    expect((await rejection(other.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: text('x') })))).name).toBe('AccessDeniedException');
    expect((await rejection(other.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text('x') })))).name).toBe('NotFoundException');
    await owner.send(
      new PutKeyPolicyCommand({
        KeyId: key.KeyId,
        Policy: rootPolicy('aws', ACCOUNT_A, [
          {
            Sid: 'B',
            Effect: 'Allow',
            Principal: { AWS: `arn:${P}:iam::${ACCOUNT_B}:root` },
            Action: ['kms:Encrypt', 'kms:Decrypt'],
            Resource: '*',
          },
        ]),
      }),
    );
    const enc = await other.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: text('x') }));
    expect(decode((await other.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))).Plaintext)).toBe('x');
    expect((await rejection(other.send(new GenerateDataKeyCommand({ KeyId: key.Arn, KeySpec: 'AES_256' })))).name).toBe(
      'AccessDeniedException',
    );
  });
});
