import { keyArn } from '../partition';
import { epochSeconds, type KeyRecord } from '../state';
import type { Json } from './context';
import type { Engine } from './engine';

const ENCRYPTION_ALGORITHMS: Record<string, string[]> = {
  SYMMETRIC_DEFAULT: ['SYMMETRIC_DEFAULT'],
};

/** KeyMetadata exactly as DescribeKey/CreateKey/ReplicateKey return it. */
export function keyMetadata(engine: Engine, key: KeyRecord): Json {
  const family = key.family;
  const metadata: Json = {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.creationDate,
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: family.keyUsage,
    KeyState: key.state,
    Origin: family.origin,
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: family.keySpec,
    KeySpec: family.keySpec,
    MultiRegion: family.multiRegion,
  };
  if (ENCRYPTION_ALGORITHMS[family.keySpec]) metadata.EncryptionAlgorithms = ENCRYPTION_ALGORITHMS[family.keySpec];
  if (family.keySpec.startsWith('HMAC_')) metadata.MacAlgorithms = [`HMAC_SHA_${family.keySpec.slice(5)}`]; // MacAlgorithmSpec: HMAC_SHA_224 ... HMAC_SHA_512
  if (key.state === 'PendingDeletion' && key.deletionDate !== undefined) metadata.DeletionDate = epochSeconds(key.deletionDate);
  if ((key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion') && key.pendingWindowInDays !== undefined)
    metadata.PendingDeletionWindowInDays = key.pendingWindowInDays;
  if (family.multiRegion) {
    const primaryRegion = family.primaryRegion;
    metadata.MultiRegionConfiguration = {
      MultiRegionKeyType: key.region === primaryRegion ? 'PRIMARY' : 'REPLICA',
      PrimaryKey: { Arn: keyArn(primaryRegion, key.accountId, key.keyId), Region: primaryRegion },
      ReplicaKeys: family.regions
        .filter((r) => r !== primaryRegion && engine.store.member(family, r))
        .map((r) => ({ Arn: keyArn(r, key.accountId, key.keyId), Region: r })),
    };
  }
  return metadata;
}

export function isReplica(key: KeyRecord): boolean {
  return key.family.multiRegion && key.family.primaryRegion !== key.region;
}
