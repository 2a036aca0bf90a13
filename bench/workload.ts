/**
 * The benchmark workloads: one key set with every usable seed service in one Region, and a
 * multi-Region key set (primary + replica key sets in two other Regions). Pure data.
 */
import type { KeySetPlacement } from './call-graphs';

/** The 18 usable seed services (acm is unsupported). */
export const SEED_SERVICES: readonly string[] = [
  's3',
  'ebs',
  'efs',
  'rds',
  'dynamodb',
  'lambda',
  'logs',
  'sns',
  'sqs',
  'backup',
  'ssm',
  'secretsmanager',
  'session',
  'kinesis',
  'glue',
  'mwaa',
  'ecr',
  'eks',
];

/** Services that cannot have multi-Region keys (left out of the multi-Region workload). */
export const NOT_MULTI_REGION: ReadonlySet<string> = new Set(['mwaa']);

/** Services of a `--quick` run. */
export const QUICK_SERVICES: readonly string[] = ['s3', 'ebs', 'rds', 'lambda', 'logs', 'sqs'];

export const ACCOUNT_ID = '111111111111';
/** The emulator maps AKIA<12 digits>… access keys to that account. */
export const CALLER = { accountId: ACCOUNT_ID, accessKeyId: `AKIA${ACCOUNT_ID}BENCH`, secretAccessKey: 'bench-secret' } as const;
export const PRIMARY_REGION = 'eu-west-1';
export const REPLICA_REGIONS: readonly string[] = ['eu-central-1', 'us-east-1'];
export const PROJECT_CODE = 'bench';
export const KEY_ADMIN = `arn:aws:iam::${ACCOUNT_ID}:role/KeyAdmin`;
/** Added by the policy-change update: a new key user changes every key's policy. */
export const NEW_KEY_USER = `arn:aws:iam::${ACCOUNT_ID}:role/BenchApp`;
export const STACK_TAGS: Readonly<Record<string, string>> = { env: 'bench', owner: 'platform' };

export type WorkloadName = 'single-region' | 'multi-region';

export interface Resource {
  /** Logical id of the resource in its stack. */
  readonly logicalId: string;
  readonly placement: KeySetPlacement;
  /** Properties before and after the policy change (PascalCase, as in templates). */
  readonly properties: Record<string, unknown>;
  readonly changedProperties: Record<string, unknown>;
}

export interface Workload {
  readonly name: WorkloadName;
  readonly resources: readonly Resource[];
}

function keySetProperties(services: readonly string[], multiRegion: boolean, keyUsers: readonly string[]): Record<string, unknown> {
  return {
    ProjectCode: PROJECT_CODE,
    KeyAdministratorArns: [KEY_ADMIN],
    ...(keyUsers.length > 0 ? { KeyUserArns: [...keyUsers] } : {}),
    PendingWindowInDays: 7,
    ...(multiRegion ? { PrimaryRegion: PRIMARY_REGION } : {}),
    Tags: [{ Key: 'cost-center', Value: 'security' }],
    Services: services.map((service) => ({
      Service: service,
      EnableKeyRotation: true,
      RotationPeriodInDays: 365,
      ...(multiRegion ? { MultiRegion: true } : {}),
    })),
  };
}

function resource(logicalId: string, region: string, services: readonly string[], multiRegion: boolean): Resource {
  return {
    logicalId,
    placement: { region, services, ...(multiRegion ? { primaryRegion: PRIMARY_REGION } : {}) },
    properties: keySetProperties(services, multiRegion, []),
    changedProperties: keySetProperties(services, multiRegion, [NEW_KEY_USER]),
  };
}

export function buildWorkload(name: WorkloadName, services: readonly string[]): Workload {
  if (name === 'single-region') return { name, resources: [resource('ServiceKeys', PRIMARY_REGION, services, false)] };
  const mr = services.filter((s) => !NOT_MULTI_REGION.has(s));
  return {
    name,
    resources: [
      resource('ServiceKeys', PRIMARY_REGION, mr, true),
      ...REPLICA_REGIONS.map((region) => resource('ServiceKeysReplica', region, mr, true)),
    ],
  };
}

export function isReplicaResource(r: Resource): boolean {
  return r.placement.primaryRegion !== undefined && r.placement.primaryRegion !== r.placement.region;
}
