import type { Partition } from '../core/types';

/**
 * Service principals that use the `.amazonaws.com.cn` suffix in aws-cn. Everything else uses
 * `.amazonaws.com` in every partition (service-policies.md §4). `ec2`/`s3` are reported to have
 * moved in aws-cn too, unconfirmed, so they stay on the general rule.
 */
const CN_SUFFIX_PRINCIPALS: ReadonlySet<string> = new Set(['codedeploy', 'elasticmapreduce', 'logs']);

/** `<stem>[.<region>].amazonaws.com[.cn]` for the partition. */
export function servicePrincipal(stem: string, partition: Partition, region: string, regional = false): string {
  const host = regional ? `${stem}.${region}` : stem;
  const suffix = partition === 'aws-cn' && CN_SUFFIX_PRINCIPALS.has(stem) ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${host}.${suffix}`;
}

/** The `kms:ViaService` value: always `.amazonaws.com`, in every partition (KMS Developer Guide). */
export function viaServiceHost(stem: string, region: string): string {
  return `${stem}.${region}.amazonaws.com`;
}

/** IAM role ARN of a service-linked role. */
export function serviceLinkedRoleArn(partition: Partition, accountId: string, servicePrincipalName: string, roleName: string): string {
  return ['arn', partition, 'iam', '', accountId, `role/aws-service-role/${servicePrincipalName}/${roleName}`].join(':');
}
