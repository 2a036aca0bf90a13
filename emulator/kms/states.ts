import { disabled, invalidState } from '../errors';
import type { KeyRecord, KeyState } from '../state';

/**
 * Which key states each operation accepts (the KMS key-state table, erring on the strict side where the
 * table allows more). Disabled keys fail cryptographic and rotation operations with DisabledException;
 * every other refusal is KMSInvalidStateException.
 */
const MANAGE: KeyState[] = ['Enabled', 'Disabled'];
const ANY: KeyState[] = [
  'Creating',
  'Enabled',
  'Disabled',
  'PendingDeletion',
  'PendingReplicaDeletion',
  'PendingImport',
  'Unavailable',
  'Updating',
];

const ALLOWED: Record<string, KeyState[]> = {
  DescribeKey: ANY,
  GetKeyPolicy: ANY,
  ListKeyPolicies: ANY,
  ListResourceTags: ANY,
  ListGrants: ANY,
  GetKeyRotationStatus: ANY,
  ListAliases: ANY,
  RetireGrant: ANY,
  RevokeGrant: ANY,
  PutKeyPolicy: [...MANAGE, 'PendingImport', 'PendingDeletion', 'PendingReplicaDeletion', 'Unavailable'],
  EnableKey: MANAGE,
  DisableKey: MANAGE,
  UpdateKeyDescription: [...MANAGE, 'PendingImport'],
  TagResource: [...MANAGE, 'PendingImport'],
  UntagResource: [...MANAGE, 'PendingImport'],
  CreateAlias: [...MANAGE, 'PendingImport'],
  UpdateAlias: [...MANAGE, 'PendingImport'],
  ScheduleKeyDeletion: [...MANAGE, 'PendingImport'],
  CancelKeyDeletion: ['PendingDeletion', 'PendingReplicaDeletion'],
  ReplicateKey: [...MANAGE, 'PendingImport'],
  UpdatePrimaryRegion: MANAGE,
  EnableKeyRotation: ['Enabled'],
  DisableKeyRotation: ['Enabled'],
  Encrypt: ['Enabled'],
  Decrypt: ['Enabled'],
  GenerateDataKey: ['Enabled'],
  GenerateDataKeyWithoutPlaintext: ['Enabled'],
  ReEncrypt: ['Enabled'],
  CreateGrant: ['Enabled'],
};

const DISABLED_EXCEPTION_OPS = new Set([
  'Encrypt',
  'Decrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncrypt',
  'CreateGrant',
  'EnableKeyRotation',
  'DisableKeyRotation',
]);

export function requireState(key: KeyRecord, operation: string): void {
  const allowed = ALLOWED[operation] ?? ['Enabled'];
  if (allowed.includes(key.state)) return;
  if (key.state === 'Disabled' && DISABLED_EXCEPTION_OPS.has(operation)) throw disabled(`${key.arn} is disabled.`);
  throw invalidState(describeRefusal(key, operation));
}

function describeRefusal(key: KeyRecord, operation: string): string {
  if (operation === 'CancelKeyDeletion') return `${key.arn} is not pending deletion.`;
  switch (key.state) {
    case 'PendingDeletion':
    case 'PendingReplicaDeletion':
      return `${key.arn} is pending deletion.`;
    case 'PendingImport':
      return `${key.arn} is pending import.`;
    case 'Creating':
      return `${key.arn} is pending creation (state Creating); retry ${operation} once it is Enabled.`;
    default:
      return `${key.arn} is ${key.state.toLowerCase()} and cannot be used for ${operation}.`;
  }
}
