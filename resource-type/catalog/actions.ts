/**
 * KMS actions as named constants, so statements read like intent and reviews can diff them.
 * Source of truth: https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html
 */
export const KMS = {
  Encrypt: 'kms:Encrypt',
  Decrypt: 'kms:Decrypt',
  ReEncryptAll: 'kms:ReEncrypt*',
  ReEncryptFrom: 'kms:ReEncryptFrom',
  GenerateDataKeyAll: 'kms:GenerateDataKey*',
  GenerateDataKey: 'kms:GenerateDataKey',
  GenerateDataKeyWithoutPlaintext: 'kms:GenerateDataKeyWithoutPlaintext',
  DescribeKey: 'kms:DescribeKey',
  CreateGrant: 'kms:CreateGrant',
  ListGrants: 'kms:ListGrants',
  RevokeGrant: 'kms:RevokeGrant',
  RetireGrant: 'kms:RetireGrant',
  PutKeyPolicy: 'kms:PutKeyPolicy',
  All: 'kms:*',
} as const;

/**
 * What key administrators may do: manage, never use. Listed one by one (no `kms:Create*`,
 * which would include CreateGrant and let an administrator grant itself Decrypt).
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/**
 * Extra administrator actions on multi-Region keys.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-auth.html
 */
export const MULTI_REGION_ADMIN_ACTIONS: readonly string[] = ['kms:ReplicateKey', 'kms:UpdatePrimaryRegion'];

/**
 * Cryptographic use of a symmetric key, as the default key policy gives key users.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-users-crypto
 */
export const KEY_USAGE_ACTIONS: readonly string[] = [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll];

/**
 * Grant actions for integrated AWS services acting for a principal; always gated by
 * `kms:GrantIsForAWSResource` for people.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-service-integration
 */
export const GRANT_ACTIONS: readonly string[] = [KMS.CreateGrant, KMS.ListGrants, KMS.RevokeGrant];

/** Condition key names used by the renderer. */
export const COND = {
  viaService: 'kms:ViaService',
  callerAccount: 'kms:CallerAccount',
  grantIsForAwsResource: 'kms:GrantIsForAWSResource',
  granteePrincipal: 'kms:GranteePrincipal',
  principalOrgId: 'aws:PrincipalOrgID',
  principalOrgPaths: 'aws:PrincipalOrgPaths',
  sourceAccount: 'aws:SourceAccount',
  sourceArn: 'aws:SourceArn',
} as const;
