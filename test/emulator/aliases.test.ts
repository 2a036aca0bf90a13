import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { ACCOUNT_A, ACCOUNT_B, accessKeyFor, kmsClient, rejection, useEmulator, P } from './support';

describe('CreateAlias / UpdateAlias / DeleteAlias / ListAliases', () => {
  const emu = useEmulator();

  async function setup(region = 'eu-west-1') {
    const kms = kmsClient(emu(), region);
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    return { kms, key };
  }

  it('creates an alias, resolves it in DescribeKey and lists it', async () => {
    const { kms, key } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/proj/s3', TargetKeyId: key.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/proj/s3' }))).KeyMetadata?.KeyId).toBe(key.KeyId);
    expect(
      (await kms.send(new DescribeKeyCommand({ KeyId: `arn:${P}:kms:eu-west-1:${ACCOUNT_A}:alias/proj/s3` }))).KeyMetadata?.KeyId,
    ).toBe(key.KeyId);
    const listed = await kms.send(new ListAliasesCommand({ KeyId: key.KeyId }));
    expect(listed.Aliases).toEqual([
      expect.objectContaining({
        AliasName: 'alias/proj/s3',
        AliasArn: `arn:${P}:kms:eu-west-1:${ACCOUNT_A}:alias/proj/s3`,
        TargetKeyId: key.KeyId,
      }),
    ]);
    expect(listed.Aliases?.[0].CreationDate).toBeInstanceOf(Date);
  });

  it.each([
    ['no alias/ prefix', 'proj/s3', 'ValidationException'],
    ['reserved alias/aws/ prefix', 'alias/aws/s3', 'InvalidAliasNameException'],
    ['a colon', 'alias/proj:s3', 'InvalidAliasNameException'],
    ['only the prefix', 'alias/', 'InvalidAliasNameException'],
    ['a space', 'alias/proj s3', 'ValidationException'],
    ['more than 256 characters', `alias/${'a'.repeat(251)}`, 'ValidationException'],
  ])('rejects a name with %s', async (_label, AliasName, code) => {
    const { kms, key } = await setup();
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName, TargetKeyId: key.KeyId })))).name).toBe(code);
  });

  it('accepts exactly 256 characters', async () => {
    const { kms, key } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: `alias/${'a'.repeat(250)}`, TargetKeyId: key.KeyId }));
  });

  it('is unique per account + Region, and the same name works in another Region or account', async () => {
    const { kms, key } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: key.KeyId }));
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: other.KeyId })))).name).toBe(
      'AlreadyExistsException',
    );
    const us = await setup('us-east-1');
    await us.kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: us.key.KeyId }));
    const b = kmsClient(emu(), 'eu-west-1', accessKeyFor(ACCOUNT_B));
    const bKey = (await b.send(new CreateKeyCommand({}))).KeyMetadata!;
    await b.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: bKey.KeyId }));
  });

  it('targets keys only in the same account + Region and never another alias', async () => {
    const { kms, key } = await setup();
    const us = await setup('us-east-1');
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: us.key.Arn })))).name).toBe(
      'NotFoundException',
    );
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: us.key.KeyId })))).name).toBe(
      'NotFoundException',
    );
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/a', TargetKeyId: key.KeyId }));
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/b', TargetKeyId: 'alias/a' })))).name).toBe(
      'ValidationException',
    );
    const b = kmsClient(emu(), 'eu-west-1', accessKeyFor(ACCOUNT_B));
    expect((await rejection(b.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: key.Arn })))).name).toBe(
      'AccessDeniedException',
    );
  });

  it('refuses a target pending deletion with KMSInvalidStateException', async () => {
    const { kms, key } = await setup();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: key.KeyId })))).name).toBe(
      'KMSInvalidStateException',
    );
  });

  it('UpdateAlias moves an alias away from a key pending deletion, but never onto one (key-state table footnote)', async () => {
    const { kms, key } = await setup();
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: key.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: other.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/moving' }))).KeyMetadata?.KeyId).toBe(other.KeyId);
    const refused = await rejection(kms.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: key.KeyId })));
    expect([refused.name, refused.message]).toEqual(['KMSInvalidStateException', `${key.Arn} is pending deletion.`]);
  });

  it('UpdateAlias is stricter than KMS on key types: the same KeySpec is required, not only the same type', async () => {
    const { kms } = await setup();
    const rsa2048 = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    const rsa4096 = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_4096', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/signing', TargetKeyId: rsa2048.KeyId }));
    // Both asymmetric SIGN_VERIFY: KMS allows the move; the emulator refuses (documented as stricter).
    expect((await rejection(kms.send(new UpdateAliasCommand({ AliasName: 'alias/signing', TargetKeyId: rsa4096.KeyId })))).name).toBe(
      'ValidationException',
    );
  });

  it('updates only between keys of the same spec and usage', async () => {
    const { kms, key } = await setup();
    const second = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const hmac = (await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: key.KeyId }));
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/x', TargetKeyId: second.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/x' }))).KeyMetadata?.KeyId).toBe(second.KeyId);
    expect((await rejection(kms.send(new UpdateAliasCommand({ AliasName: 'alias/x', TargetKeyId: hmac.KeyId })))).name).toBe(
      'ValidationException',
    );
    expect((await rejection(kms.send(new UpdateAliasCommand({ AliasName: 'alias/missing', TargetKeyId: key.KeyId })))).name).toBe(
      'NotFoundException',
    );
  });

  it('deletes aliases; unknown aliases are NotFoundException; alias/aws/ cannot be deleted', async () => {
    const { kms, key } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: key.KeyId }));
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/x' }));
    expect((await rejection(kms.send(new DeleteAliasCommand({ AliasName: 'alias/x' })))).name).toBe('NotFoundException');
    expect((await rejection(kms.send(new DeleteAliasCommand({ AliasName: 'alias/aws/s3' })))).name).toBe('InvalidAliasNameException');
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'alias/x' })))).name).toBe('NotFoundException');
  });

  it('lists AWS managed aliases without targets, and pages with Limit (1-100) / Marker', async () => {
    const { kms, key } = await setup();
    for (let i = 0; i < 3; i++) await kms.send(new CreateAliasCommand({ AliasName: `alias/k${i}`, TargetKeyId: key.KeyId }));
    const all = [];
    let marker: string | undefined;
    do {
      const page = await kms.send(new ListAliasesCommand({ Limit: 4, Marker: marker }));
      expect(page.Aliases!.length).toBeLessThanOrEqual(4);
      all.push(...page.Aliases!);
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    expect(all.filter((a) => a.TargetKeyId === key.KeyId).map((a) => a.AliasName)).toEqual(['alias/k0', 'alias/k1', 'alias/k2']);
    expect(all.some((a) => a.AliasName === 'alias/aws/s3' && a.TargetKeyId === undefined)).toBe(true);
    expect((await rejection(kms.send(new ListAliasesCommand({ Limit: 101 })))).name).toBe('ValidationException');
    expect((await rejection(kms.send(new ListAliasesCommand({ KeyId: key.KeyId, Marker: 'bogus' })))).name).toBe('InvalidMarkerException');
  });

  it('enforces 50 aliases per key with LimitExceededException', async () => {
    const { kms, key } = await setup();
    for (let i = 0; i < 50; i++) await kms.send(new CreateAliasCommand({ AliasName: `alias/n${i}`, TargetKeyId: key.KeyId }));
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/n50', TargetKeyId: key.KeyId })))).name).toBe(
      'LimitExceededException',
    );
  });
});
