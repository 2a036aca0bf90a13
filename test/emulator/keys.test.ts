import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  PutKeyPolicyCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { ACCOUNT_A, ACCOUNT_B, accessKeyFor, kmsClient, rejection, useEmulator, P } from './support';

describe('CreateKey / DescribeKey / ListKeys', () => {
  const emu = useEmulator();

  it('creates a symmetric key in the caller account and Region, with epoch-second dates', async () => {
    const kms = kmsClient(emu(), 'eu-west-1');
    const before = Date.now();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'orders' }));
    expect(KeyMetadata?.AWSAccountId).toBe(ACCOUNT_A);
    expect(KeyMetadata?.Arn).toBe(`arn:${P}:kms:eu-west-1:${ACCOUNT_A}:key/${KeyMetadata?.KeyId}`);
    expect(KeyMetadata?.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(KeyMetadata).toMatchObject({
      KeyState: 'Enabled',
      Enabled: true,
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      MultiRegion: false,
      Description: 'orders',
    });
    expect(KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect(KeyMetadata!.CreationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('uses the partition of the Region in ARNs', async () => {
    const cn = await kmsClient(emu(), 'cn-north-1').send(new CreateKeyCommand({}));
    expect(cn.KeyMetadata?.Arn?.startsWith('arn:aws-cn:kms:cn-north-1:')).toBe(true);
    const gov = await kmsClient(emu(), 'us-gov-west-1').send(new CreateKeyCommand({}));
    expect(gov.KeyMetadata?.Arn?.startsWith('arn:aws-us-gov:kms:us-gov-west-1:')).toBe(true);
  });

  it('keeps accounts and Regions apart', async () => {
    const { KeyMetadata } = await kmsClient(emu(), 'eu-west-1').send(new CreateKeyCommand({}));
    const otherRegion = await rejection(kmsClient(emu(), 'us-east-1').send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId })));
    expect(otherRegion.name).toBe('NotFoundException');
    const otherAccount = await rejection(
      kmsClient(emu(), 'eu-west-1', accessKeyFor(ACCOUNT_B)).send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId })),
    );
    expect(otherAccount.name).toBe('NotFoundException');
    expect(emu().admin.describeAllKeys(ACCOUNT_A, 'eu-west-1')).toHaveLength(1);
    expect(emu().admin.describeAllKeys(ACCOUNT_B, 'eu-west-1')).toHaveLength(0);
  });

  it('maps unknown access keys to the default account', async () => {
    const { KeyMetadata } = await kmsClient(emu(), 'eu-west-1', 'SOMEKEY').send(new CreateKeyCommand({}));
    expect(KeyMetadata?.AWSAccountId).toBe('123456789012');
  });

  it('rejects incompatible KeySpec and KeyUsage with ValidationException', async () => {
    const error = await rejection(kmsClient(emu()).send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'ENCRYPT_DECRYPT' })));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('describes an HMAC key with its MacAlgorithms (MacAlgorithmSpec names) and no EncryptionAlgorithms', async () => {
    const { KeyMetadata } = await kmsClient(emu()).send(new CreateKeyCommand({ KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC' }));
    expect(KeyMetadata?.MacAlgorithms).toEqual(['HMAC_SHA_384']);
    expect(KeyMetadata?.EncryptionAlgorithms).toBeUndefined();
  });

  it('rejects a Description longer than 8192 characters', async () => {
    const error = await rejection(kmsClient(emu()).send(new CreateKeyCommand({ Description: 'x'.repeat(8193) })));
    expect(error.name).toBe('ValidationException');
  });

  it('describes a key by key ID, key ARN; unknown keys are NotFoundException', async () => {
    const kms = kmsClient(emu());
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.Arn }))).KeyMetadata?.KeyId).toBe(KeyMetadata!.KeyId);
    const error = await rejection(kms.send(new DescribeKeyCommand({ KeyId: '00000000-0000-0000-0000-000000000000' })));
    expect(error.name).toBe('NotFoundException');
  });

  it('pages ListKeys with Limit/Marker and rejects bad markers and limits', async () => {
    const kms = kmsClient(emu());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!);
    const first = await kms.send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Truncated).toBe(true);
    expect(first.Keys).toHaveLength(2);
    const seen = [...first.Keys!];
    let marker = first.NextMarker;
    while (marker) {
      const page = await kms.send(new ListKeysCommand({ Limit: 2, Marker: marker }));
      seen.push(...page.Keys!);
      marker = page.Truncated ? page.NextMarker : undefined;
    }
    expect(seen.map((k) => k.KeyId).sort()).toEqual([...ids].sort());
    expect((await rejection(kms.send(new ListKeysCommand({ Marker: 'not-a-marker' })))).name).toBe('InvalidMarkerException');
    expect((await rejection(kms.send(new ListKeysCommand({ Limit: 0 })))).name).toBe('ValidationException');
    expect((await rejection(kms.send(new ListKeysCommand({ Limit: 1001 })))).name).toBe('ValidationException');
  });
});

describe('EnableKey / DisableKey / UpdateKeyDescription / ScheduleKeyDeletion / CancelKeyDeletion', () => {
  const emu = useEmulator();

  it('disables and enables a key', async () => {
    const kms = kmsClient(emu());
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new DisableKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }))).KeyMetadata).toMatchObject({
      KeyState: 'Disabled',
      Enabled: false,
    });
    await kms.send(new EnableKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }))).KeyMetadata?.KeyState).toBe('Enabled');
  });

  it('schedules deletion (7-30 days), rejects work on a pending key, and cancel leaves it Disabled', async () => {
    const kms = kmsClient(emu());
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const KeyId = KeyMetadata!.KeyId!;
    expect((await rejection(kms.send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 6 })))).name).toBe('ValidationException');
    expect((await rejection(kms.send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 31 })))).name).toBe(
      'ValidationException',
    );
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyId: KeyMetadata!.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(scheduled.DeletionDate!.getTime()).toBeGreaterThan(Date.now() + 6 * 86400_000);
    // PutKeyPolicy still works on a key pending deletion (key-state table); updates and tags do not.
    await kms.send(new PutKeyPolicyCommand({ KeyId, Policy: (await kms.send(new GetKeyPolicyCommand({ KeyId }))).Policy }));
    const described = (await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;
    expect(described).toMatchObject({ KeyState: 'PendingDeletion', PendingDeletionWindowInDays: 7 });
    expect(described.DeletionDate).toBeInstanceOf(Date);
    for (const command of [
      new EnableKeyCommand({ KeyId }),
      new DisableKeyCommand({ KeyId }),
      new UpdateKeyDescriptionCommand({ KeyId, Description: 'x' }),
      new ScheduleKeyDeletionCommand({ KeyId }),
    ]) {
      expect((await rejection(kms.send(command as never))).name).toBe('KMSInvalidStateException');
    }
    const cancelled = await kms.send(new CancelKeyDeletionCommand({ KeyId }));
    expect(cancelled.KeyId).toBe(KeyMetadata!.Arn);
    expect((await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    const notPending = await rejection(kms.send(new CancelKeyDeletionCommand({ KeyId })));
    expect(notPending.name).toBe('KMSInvalidStateException');
    expect(notPending.message).toBe(`${KeyMetadata!.Arn} is not pending deletion.`);
  });

  it('updates the description (max 8192)', async () => {
    const kms = kmsClient(emu());
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'a' }));
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: KeyMetadata!.KeyId, Description: 'b' }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }))).KeyMetadata?.Description).toBe('b');
    expect(
      (await rejection(kms.send(new UpdateKeyDescriptionCommand({ KeyId: KeyMetadata!.KeyId, Description: 'x'.repeat(8193) })))).name,
    ).toBe('ValidationException');
  });

  it('removes keys whose waiting period ends (admin helper)', async () => {
    const kms = kmsClient(emu());
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: KeyMetadata!.KeyId }));
    expect(emu().admin.expirePendingDeletions()).toBe(1);
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId })))).name).toBe('NotFoundException');
  });
});
