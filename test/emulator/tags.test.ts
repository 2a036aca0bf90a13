import {
  CreateKeyCommand,
  ListResourceTagsCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-kms';
import { kmsClient, rejection, useEmulator } from './support';

describe('TagResource / UntagResource / ListResourceTags', () => {
  const emu = useEmulator();

  async function key(Tags?: Array<{ TagKey: string; TagValue: string }>) {
    const kms = kmsClient(emu());
    return { kms, keyId: (await kms.send(new CreateKeyCommand({ Tags }))).KeyMetadata!.KeyId! };
  }

  it('tags, overwrites values, untags and lists (empty values allowed)', async () => {
    const { kms, keyId } = await key([{ TagKey: 'a', TagValue: '1' }]);
    await kms.send(
      new TagResourceCommand({
        KeyId: keyId,
        Tags: [
          { TagKey: 'a', TagValue: '2' },
          { TagKey: 'b', TagValue: '' },
        ],
      }),
    );
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([
      { TagKey: 'a', TagValue: '2' },
      { TagKey: 'b', TagValue: '' },
    ]);
    await kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['a', 'missing'] }));
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: 'b', TagValue: '' }]);
  });

  it.each([
    ['an aws: prefix', [{ TagKey: 'aws:x', TagValue: 'v' }]],
    ['an AWS: prefix', [{ TagKey: 'AWS:x', TagValue: 'v' }]],
    ['an empty key', [{ TagKey: '', TagValue: 'v' }]],
    ['a 129-character key', [{ TagKey: 'k'.repeat(129), TagValue: 'v' }]],
    ['a 257-character value', [{ TagKey: 'k', TagValue: 'v'.repeat(257) }]],
    [
      'a duplicate key',
      [
        { TagKey: 'k', TagValue: '1' },
        { TagKey: 'k', TagValue: '2' },
      ],
    ],
  ])('rejects %s with TagException (TagResource and CreateKey)', async (_label, Tags) => {
    const { kms, keyId } = await key();
    expect((await rejection(kms.send(new TagResourceCommand({ KeyId: keyId, Tags })))).name).toBe('TagException');
    expect((await rejection(kms.send(new CreateKeyCommand({ Tags })))).name).toBe('TagException');
  });

  it('allows 50 tags per key and no more', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
    const { kms, keyId } = await key(fifty);
    expect((await rejection(kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'one-more', TagValue: 'v' }] })))).name).toBe(
      'TagException',
    );
    expect((await rejection(kms.send(new CreateKeyCommand({ Tags: [...fifty, { TagKey: 'x', TagValue: 'v' }] })))).name).toBe(
      'TagException',
    );
    const page = await kms.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 20 }));
    expect(page.Tags).toHaveLength(20);
    expect(page.Truncated).toBe(true);
    expect((await rejection(kms.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 51 })))).name).toBe('ValidationException');
  });

  it('cannot tag or untag a key pending deletion', async () => {
    const { kms, keyId } = await key([{ TagKey: 'a', TagValue: '1' }]);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }));
    expect((await rejection(kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'b', TagValue: '1' }] })))).name).toBe(
      'KMSInvalidStateException',
    );
    expect((await rejection(kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['a'] })))).name).toBe('KMSInvalidStateException');
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: 'a', TagValue: '1' }]);
  });

  it('cannot tag or untag a primary in PendingReplicaDeletion either', async () => {
    const eu = kmsClient(emu(), 'eu-west-1');
    const keyId = (await eu.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!.KeyId!;
    await eu.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-east-1' }));
    expect((await eu.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))).KeyState).toBe(
      'PendingReplicaDeletion',
    );
    expect((await rejection(eu.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'b', TagValue: '1' }] })))).name).toBe(
      'KMSInvalidStateException',
    );
    expect((await rejection(eu.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['b'] })))).name).toBe('KMSInvalidStateException');
  });

  it('cannot tag an alias', async () => {
    const { kms } = await key();
    expect((await rejection(kms.send(new TagResourceCommand({ KeyId: 'alias/x', Tags: [{ TagKey: 'a', TagValue: '1' }] })))).name).toBe(
      'NotFoundException',
    );
  });
});
