import type { Operation } from './engine';
import { CreateAlias, DeleteAlias, ListAliases, UpdateAlias } from './aliases';
import {
  CancelKeyDeletion,
  CreateKey,
  DescribeKey,
  DisableKey,
  EnableKey,
  ListKeys,
  ScheduleKeyDeletion,
  UpdateKeyDescription,
} from './keys';
import { GetKeyPolicy, ListKeyPolicies, PutKeyPolicy } from './policies';
import { ReplicateKey, UpdatePrimaryRegion } from './replication';
import { DisableKeyRotation, EnableKeyRotation, GetKeyRotationStatus } from './rotation';
import { ListResourceTags, TagResource, UntagResource } from './tags';
import { Decrypt, Encrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, ReEncrypt } from './crypto';
import { CreateGrant, ListGrants, RetireGrant, RevokeGrant } from './grants';

/** Every KMS operation the emulator serves, by `X-Amz-Target` suffix. */
export const KMS_OPERATIONS: Record<string, Operation> = {
  CreateKey,
  DescribeKey,
  ListKeys,
  EnableKey,
  DisableKey,
  UpdateKeyDescription,
  ScheduleKeyDeletion,
  CancelKeyDeletion,
  CreateAlias,
  UpdateAlias,
  DeleteAlias,
  ListAliases,
  GetKeyPolicy,
  PutKeyPolicy,
  ListKeyPolicies,
  EnableKeyRotation,
  DisableKeyRotation,
  GetKeyRotationStatus,
  TagResource,
  UntagResource,
  ListResourceTags,
  ReplicateKey,
  UpdatePrimaryRegion,
  Encrypt,
  Decrypt,
  GenerateDataKey,
  GenerateDataKeyWithoutPlaintext,
  ReEncrypt,
  CreateGrant,
  ListGrants,
  RevokeGrant,
  RetireGrant,
};
