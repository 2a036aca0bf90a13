import type { Partition } from '../core/types';
import { partitionOf } from '../core/partition';
import type { Issues } from './issues';

export const PRINCIPAL_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):(root|(role|user)\/[\w+=,.@/-]{1,512})$/;
export const ACCOUNT_ID = /^[0-9]{12}$/;
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
export const OU_PATH = /^o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}\/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}\/)*\*?$/;
/** Regions of the supported partitions (aws, aws-cn, aws-us-gov); ISO and sovereign-cloud Regions do not match. */
export const REGION = /^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/;
export const SOURCE_ARN = /^arn:([a-z-]+):[a-z0-9-]+:[a-z0-9-*]*:([0-9]{12}|\*)?:.+$/;
export const PROJECT_CODE = /^[A-Za-z0-9_-]{1,64}$/;
export const SID = /^[A-Za-z0-9 ._-]+$/;
/** KMS tag characters: Unicode letters, digits, whitespace and _ . : / = + - @ */
export const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Checks an IAM principal ARN: format, partition of the target. Returns the account id when valid. */
export function checkPrincipalArn(value: string, path: string, partition: Partition, issues: Issues): string | undefined {
  if (value.length > 2048) {
    issues.add(path, value, 'is longer than 2048 characters.');
    return undefined;
  }
  const m = PRINCIPAL_ARN.exec(value);
  if (!m) {
    issues.add(
      path,
      value,
      `is not an IAM principal ARN; use arn:${partition}:iam::<12-digit account>:role/<name>, :user/<name> or :root.`,
    );
    return undefined;
  }
  if (m[1] !== partition) {
    issues.add(
      path,
      value,
      `is in partition ${m[1]} but the key set is in ${partition}; principals must be in the same partition (arn:${partition}:iam::...).`,
    );
    return undefined;
  }
  return m[2];
}

export function sameRegionPartition(region: string, partition: Partition): boolean {
  return partitionOf(region) === partition;
}
