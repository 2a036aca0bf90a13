/** ARN helpers for the emulator (its own copy: the emulator imports nothing from product code). */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function buildArn(partition: string, service: string, region: string, accountId: string, resource: string): string {
  return ['arn', partition, service, region, accountId, resource].join(':');
}

export function rootArn(partition: string, accountId: string): string {
  return buildArn(partition, 'iam', '', accountId, 'root');
}

export function keyArn(region: string, accountId: string, keyId: string): string {
  return buildArn(partitionOf(region), 'kms', region, accountId, `key/${keyId}`);
}

export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return buildArn(partitionOf(region), 'kms', region, accountId, aliasName);
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(value: string): ParsedArn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, accountId, ...rest] = parts;
  return { partition, service, region, accountId, resource: rest.join(':') };
}

/** The IAM role ARN behind an assumed-role session ARN; other ARNs unchanged. */
export function principalArnOf(callerArn: string): string {
  const parsed = parseArn(callerArn);
  if (!parsed || parsed.service !== 'sts' || !parsed.resource.startsWith('assumed-role/')) return callerArn;
  const role = parsed.resource.split('/')[1];
  return buildArn(parsed.partition, 'iam', '', parsed.accountId, `role/${role}`);
}
