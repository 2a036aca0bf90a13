import type { Partition } from './types';

/**
 * The partition of a Region, from the Region name. The registry lib's `awsPartition` reports
 * `aws-gov` for GovCloud, so it is never used.
 */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` */
export function arn(partition: Partition, service: string, region: string, accountId: string, resource: string): string {
  return ['arn', partition, service, region, accountId, resource].join(':');
}

export function accountRootArn(partition: Partition, accountId: string): string {
  return arn(partition, 'iam', '', accountId, 'root');
}

export function kmsKeyArn(partition: Partition, region: string, accountId: string, keyId: string): string {
  return arn(partition, 'kms', region, accountId, `key/${keyId}`);
}

export function kmsAliasArn(partition: Partition, region: string, accountId: string, aliasName: string): string {
  return arn(partition, 'kms', region, accountId, aliasName);
}
