import { KeySetError } from './errors';
import type { Partition } from './types';

/** Isolated (aws-iso*) and sovereign (aws-eusc) Regions: other ARN prefixes and service principals. */
const UNSUPPORTED_PARTITION_REGION = /^([a-z]{2}-iso[a-z]?-|eusc-)/;

/**
 * The partition of a Region, from the Region name. The registry lib's `awsPartition` reports
 * `aws-gov` for GovCloud, so it is never used. Regions of partitions we do not render policies
 * for are refused rather than silently treated as `aws`.
 */
export function partitionOf(region: string): Partition {
  if (UNSUPPORTED_PARTITION_REGION.test(region)) {
    throw new KeySetError(
      'InvalidRequest',
      `Region ${region} belongs to an isolated or sovereign partition that Org::Security::ServiceKmsKeys does not support; deploy key sets in aws, aws-cn or aws-us-gov Regions.`,
    );
  }
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
