import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  GetKeyPolicyCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
} from '@aws-sdk/client-kms';
import { ACCOUNT_A, kmsClient, rejection, rootPolicy, useEmulator, P } from './support';

describe('ReplicateKey / multi-Region keys', () => {
  const emu = useEmulator();

  async function primary() {
    const kms = kmsClient(emu(), 'eu-west-1');
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ MultiRegion: true, Description: 'primary', Tags: [{ TagKey: 'team', TagValue: 'sec' }] }),
    );
    return { kms, key: KeyMetadata! };
  }

  it('creates mrk- key IDs and shares the key ID across Regions', async () => {
    const { kms, key } = await primary();
    expect(key.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(key.MultiRegionConfiguration).toMatchObject({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: key.Arn, Region: 'eu-west-1' },
      ReplicaKeys: [],
    });
    const out = await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    expect(out.ReplicaKeyMetadata?.KeyId).toBe(key.KeyId);
    expect(out.ReplicaKeyMetadata?.Arn).toBe(`arn:${P}:kms:us-east-1:${ACCOUNT_A}:key/${key.KeyId}`);
    const described = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    expect(described.MultiRegionConfiguration?.ReplicaKeys).toEqual([{ Arn: out.ReplicaKeyMetadata?.Arn, Region: 'us-east-1' }]);
  });

  it('gives a replica without Policy/Tags/Description the default policy, no tags and an empty description', async () => {
    const { kms, key } = await primary();
    const out = await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    expect(out.ReplicaTags).toEqual([]);
    expect(out.ReplicaKeyMetadata?.Description).toBe('');
    const us = kmsClient(emu(), 'us-east-1');
    const policy = JSON.parse((await us.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy!);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, Action: 'kms:*', Resource: '*' }),
    ]);
    expect((await us.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([]);
    const replica = (await us.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    expect(replica.MultiRegionConfiguration?.MultiRegionKeyType).toBe('REPLICA');
  });

  it('keeps a new replica Creating for replicaCreatingMs and rejects changes meanwhile', async () => {
    emu().admin.setReplicaCreatingMs(800);
    const { kms, key } = await primary();
    const out = await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    expect(out.ReplicaKeyMetadata?.KeyState).toBe('Creating');
    const us = kmsClient(emu(), 'us-east-1');
    expect((await rejection(us.send(new DisableKeyCommand({ KeyId: key.KeyId })))).name).toBe('KMSInvalidStateException');
    expect((await rejection(us.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: rootPolicy('aws', ACCOUNT_A) })))).name).toBe(
      'KMSInvalidStateException',
    );
    await new Promise((r) => setTimeout(r, 850));
    expect((await us.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState).toBe('Enabled');
    await us.send(new DisableKeyCommand({ KeyId: key.KeyId }));
  });

  it('replicates only from the primary, in the primary Region, and only multi-Region keys', async () => {
    const { kms, key } = await primary();
    await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    const us = kmsClient(emu(), 'us-east-1');
    expect((await rejection(us.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-central-1' })))).name).toBe(
      'UnsupportedOperationException',
    );
    const single = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect((await rejection(kms.send(new ReplicateKeyCommand({ KeyId: single.KeyId, ReplicaRegion: 'us-east-1' })))).name).toBe(
      'UnsupportedOperationException',
    );
    expect((await rejection(kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-west-1' })))).name).toBe(
      'ValidationException',
    );
    expect((await rejection(kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'cn-north-1' })))).name).toBe(
      'UnsupportedOperationException',
    );
    const wrongRegion = await rejection(
      kmsClient(emu(), 'ap-south-1').send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-central-1' })),
    );
    expect(wrongRegion.name).toBe('NotFoundException');
  });

  it('refuses a second replica in a Region with AlreadyExistsException, even when it is pending deletion', async () => {
    const { kms, key } = await primary();
    await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    expect((await rejection(kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' })))).name).toBe(
      'AlreadyExistsException',
    );
    await kmsClient(emu(), 'us-east-1').send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect((await rejection(kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' })))).name).toBe(
      'AlreadyExistsException',
    );
  });

  it('puts a primary with replicas in PendingReplicaDeletion; CancelKeyDeletion leaves it Disabled', async () => {
    const { kms, key } = await primary();
    await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    const out = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(out.KeyState).toBe('PendingReplicaDeletion');
    expect(out.DeletionDate).toBeUndefined();
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState).toBe('PendingReplicaDeletion');
    expect((await rejection(kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-central-1' })))).name).toBe(
      'KMSInvalidStateException',
    );
    await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState).toBe('Disabled');
  });

  it('a primary waiting for replicas starts its window when the last replica is deleted', async () => {
    const { kms, key } = await primary();
    await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await kmsClient(emu(), 'us-east-1').send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(emu().admin.expirePendingDeletions()).toBe(2);
    expect(emu().admin.describeAllKeys(ACCOUNT_A, 'eu-west-1')).toHaveLength(0);
  });

  it('validates the replica policy with the lockout check and accepts tags', async () => {
    const { kms, key } = await primary();
    const lockout = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${P}:iam::999999999999:root` }, Action: 'kms:*', Resource: '*' }],
    });
    const error = await rejection(kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1', Policy: lockout })));
    expect(error.name).toBe('MalformedPolicyDocumentException');
    expect(error.message).toBe('The new key policy will not allow you to update the key policy in the future.');
    const out = await kms.send(
      new ReplicateKeyCommand({
        KeyId: key.KeyId,
        ReplicaRegion: 'us-east-1',
        Policy: rootPolicy('aws', ACCOUNT_A),
        Tags: [{ TagKey: 'a', TagValue: 'b' }],
        Description: 'replica',
      }),
    );
    expect(out.ReplicaTags).toEqual([{ TagKey: 'a', TagValue: 'b' }]);
    expect(out.ReplicaKeyMetadata?.Description).toBe('replica');
  });

  it('moves the primary with UpdatePrimaryRegion', async () => {
    const { kms, key } = await primary();
    await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    expect((await rejection(kms.send(new UpdatePrimaryRegionCommand({ KeyId: key.KeyId, PrimaryRegion: 'ap-south-1' })))).name).toBe(
      'NotFoundException',
    );
    await kms.send(new UpdatePrimaryRegionCommand({ KeyId: key.KeyId, PrimaryRegion: 'us-east-1' }));
    const us = await kmsClient(emu(), 'us-east-1').send(new DescribeKeyCommand({ KeyId: key.KeyId }));
    expect(us.KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType).toBe('PRIMARY');
    const eu = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
    expect(eu.KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType).toBe('REPLICA');
  });

  it('keeps both keys Updating for a moment after UpdatePrimaryRegion, then restores their states', async () => {
    const { kms, key } = await primary();
    await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    emu().admin.setReplicaCreatingMs(600);
    await kms.send(new UpdatePrimaryRegionCommand({ KeyId: key.KeyId, PrimaryRegion: 'us-east-1' }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState).toBe('Updating');
    expect((await rejection(kms.send(new DisableKeyCommand({ KeyId: key.KeyId })))).name).toBe('KMSInvalidStateException');
    await new Promise((r) => setTimeout(r, 650));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState).toBe('Disabled');
    expect((await kmsClient(emu(), 'us-east-1').send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState).toBe('Enabled');
  });
});
