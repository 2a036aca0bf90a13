/** Shared fixtures of the policy tests: accounts and targets per partition (policy-evaluation.md §4). */
import type { DeploymentTarget, KeySetSpec, Partition, ResourceProperties } from '../../resource-type/core/types';
import { validateProperties } from '../../resource-type/validation';

export const OWNER = '111111111111';
export const TRUSTED = '222222222222';
export const UNTRUSTED = '333333333333';
export const ORG = 'o-a1b2c3d4e5';
export const OTHER_ORG = 'o-zzzzzzzzzz';

export const REGION_OF: Record<Partition, string> = { aws: 'eu-west-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };
export const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

export function targetFor(partition: Partition, region = REGION_OF[partition], accountId = OWNER): DeploymentTarget {
  return { accountId, region, partition };
}

export const role = (p: Partition, account: string, name: string): string => `arn:${p}:iam::${account}:role/${name}`;
export const root = (p: Partition, account: string): string => `arn:${p}:iam::${account}:root`;
export const session = (p: Partition, account: string, name: string): string => `arn:${p}:sts::${account}:assumed-role/${name}/s1`;
export const keyArn = (t: DeploymentTarget): string => `arn:${t.partition}:kms:${t.region}:${t.accountId}:key/mrk-1234abcd`;

export type Mode = 'single-account' | 'trusted-account' | 'via-service' | 'org';
export const MODES: readonly Mode[] = ['single-account', 'trusted-account', 'via-service', 'org'];

/** Resource properties for one service in one access mode. */
export function propsFor(service: string, mode: Mode, partition: Partition, extra: Record<string, unknown> = {}): ResourceProperties {
  const base: Record<string, unknown> = {
    ProjectCode: 'demo',
    KeyAdministratorArns: [role(partition, OWNER, 'KeyAdmin')],
    KeyUserArns: [role(partition, OWNER, 'AppRole')],
    Services: [{ Service: service, ...extra }],
  };
  if (mode === 'trusted-account') base.TrustedAccountIds = [TRUSTED];
  if (mode === 'via-service') Object.assign(base, { TrustedAccountIds: [TRUSTED], CrossAccountAccessViaService: true });
  if (mode === 'org') Object.assign(base, { TrustedOrganizationId: ORG, CrossAccountAccessViaService: true });
  return base;
}

export function specFor(
  service: string,
  mode: Mode,
  partition: Partition,
  extra: Record<string, unknown> = {},
  target = targetFor(partition),
): KeySetSpec {
  return validateProperties(propsFor(service, mode, partition, extra), target);
}
