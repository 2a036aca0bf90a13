/**
 * The IAM actions each handler's code can call (through the gateway, which refuses anything
 * else). The schema's `handlers.<op>.permissions` must equal these sets exactly; a test checks
 * both that, and that the engine's calls stay within them.
 *
 * create and update share the reconcile engine (adopted orphans and existing keys are
 * converged, replicas recovered, failed creates rolled back), so they can call every mutating
 * action. `iam:CreateServiceLinkedRole` is needed by KMS for the first multi-Region primary.
 */
export type HandlerName = 'create' | 'read' | 'update' | 'delete' | 'list';

const RECONCILE = [
  'iam:CreateServiceLinkedRole',
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:CreateKey',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListKeys',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ReplicateKey',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

const READ = ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListAliases', 'kms:ListResourceTags'] as const;

export const HANDLER_PERMISSIONS: Readonly<Record<HandlerName, readonly string[]>> = {
  create: RECONCILE,
  update: RECONCILE,
  read: READ,
  delete: ['kms:DeleteAlias', 'kms:DescribeKey', 'kms:ListAliases', 'kms:ListKeys', 'kms:ListResourceTags', 'kms:ScheduleKeyDeletion'],
  list: READ,
};
