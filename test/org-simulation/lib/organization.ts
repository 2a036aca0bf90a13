/**
 * The simulated AWS Organization: accounts, OUs (with their paths) and Regions, plus the emulator registration
 * that makes `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths` appear in the request context of its principals.
 */
import type { EmulatorAdmin } from '../../../emulator';

export const PARTITION = 'aws';
export const ORG_ID = 'o-a1b2c3d4e5';
export const ROOT_ID = 'r-ab12';

/** OU ids (pattern ou-<root>-<8+>) */
export const OU = {
  security: 'ou-ab12-33333333',
  workloads: 'ou-ab12-11111111',
  /** Child OU of workloads: StackSets and the `/*` OU-path glob both reach it. */
  workloadsProd: 'ou-ab12-44444444',
  sandbox: 'ou-ab12-22222222',
} as const;

export const ACCOUNT = {
  management: '900000000009',
  security: '111111111111',
  /** In the trusted OU. */
  memberA: '222222222222',
  /** In a child OU of the trusted OU. */
  memberB: '333333333333',
  /** In the organization, outside the trusted OU. */
  outsider: '444444444444',
  /** Not in the organization at all. */
  stranger: '555555555555',
} as const;

export const PRIMARY_REGION = 'us-east-1';
export const REPLICA_REGIONS = ['eu-west-1', 'ap-southeast-2'] as const;
export const REGIONS = [PRIMARY_REGION, ...REPLICA_REGIONS] as const;

const path = (...ous: string[]): string => `${ORG_ID}/${ROOT_ID}/${ous.map((ou) => `${ou}/`).join('')}`;

/** accountId -> OU path as AWS reports it in aws:PrincipalOrgPaths (`o-x/r-y/ou-z/`). */
export const ACCOUNT_PATHS: Readonly<Record<string, string>> = {
  [ACCOUNT.management]: path(),
  [ACCOUNT.security]: path(OU.security),
  [ACCOUNT.memberA]: path(OU.workloads),
  [ACCOUNT.memberB]: path(OU.workloads, OU.workloadsProd),
  [ACCOUNT.outsider]: path(OU.sandbox),
};

/** The OU path (with `*`) the Security account's keys trust. */
export const TRUSTED_OU_PATH = `${path(OU.workloads)}*`;

/** Accounts of the organization inside a root or OU id (child OUs included, as StackSets deploy them). */
export function accountsIn(targetId: string): string[] {
  return Object.entries(ACCOUNT_PATHS)
    .filter(([, p]) => p.split('/').includes(targetId))
    .map(([account]) => account);
}

export const iamRoleArn = (account: string, name: string): string => `arn:${PARTITION}:iam::${account}:role/${name}`;
export const sessionArn = (account: string, role: string, session: string): string =>
  `arn:${PARTITION}:sts::${account}:assumed-role/${role}/${session}`;

/** Registers the organization (and so the org context keys of its accounts' principals) in the emulator. */
export function registerOrganization(admin: EmulatorAdmin): void {
  admin.registerOrganization({ id: ORG_ID, rootId: ROOT_ID, accounts: { ...ACCOUNT_PATHS } });
}
