/** The rollout the simulation deploys: stacksets/org-rollout.yaml parameters for the simulated organization. */
import { ACCOUNT, ORG_ID, OU, PARTITION, PRIMARY_REGION, REGIONS, REPLICA_REGIONS, ROOT_ID, TRUSTED_OU_PATH } from './organization';
import { TEMPLATE_BASE_URL } from './simulation';
import { createStack } from './stack';
import type { DeployedStack, World } from './world';

export const PROJECT = 'org';
export const REGISTRATION_STACK_SET = `ServiceKmsKeys-${PROJECT}-Registration`;
export const KEY_SETS_STACK_SET = `ServiceKmsKeys-${PROJECT}-SecurityKeySets`;
export const WIRING_STACK_SET = `ServiceKmsKeys-${PROJECT}-TrustedAccountWiring`;
/** The services of stacksets/key-sets.yaml. */
export const KEY_SET_SERVICES = ['s3', 'ebs', 'rds', 'dynamodb', 'logs', 'sqs', 'sns', 'secretsmanager', 'backup'];

/**
 * Management account, CallAs SELF; registration in every account of the root OU and every Region; the
 * Security account's key sets trust the organization narrowed to the workloads OU (and its child OUs), with
 * use through services; members of that OU get the wiring for s3 and sqs: App uses the keys directly, Web
 * only through services.
 */
export function rolloutParameters(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    CallAs: 'SELF',
    TemplateBaseUrl: TEMPLATE_BASE_URL,
    RegistrationOuIds: ROOT_ID,
    RegistrationRegions: REGIONS.join(','),
    ArtifactBucketPrefix: 'org-artifacts',
    SecurityAccountId: ACCOUNT.security,
    PackageKey: 'registry/org-security-servicekmskeys-1.0.0.zip',
    SecurityAccountOuId: OU.security,
    ProjectCode: PROJECT,
    PrimaryRegion: PRIMARY_REGION,
    ReplicaRegions: REPLICA_REGIONS.join(','),
    KeySetRegionConcurrency: 'SEQUENTIAL',
    KeyAdministratorRoleName: 'KeyAdmin',
    OrganizationId: ORG_ID,
    TrustedOrganizationalUnitPaths: TRUSTED_OU_PATH,
    CrossAccountAccessViaService: 'true',
    TrustedOuIds: OU.workloads,
    WiringRegion: PRIMARY_REGION,
    WiringServices: 's3,sqs',
    DirectUseRoleNames: 'App',
    ServiceUseRoleNames: 'Web',
    ...overrides,
  };
}

/** Creates the rollout parent stack (stacksets/org-rollout.yaml) in the management account's primary Region. */
export function deployRollout(world: World, overrides: Record<string, string> = {}): Promise<DeployedStack> {
  return createStack(world, {
    templateFile: 'stacksets/org-rollout.yaml',
    accountId: ACCOUNT.management,
    region: PRIMARY_REGION,
    partition: PARTITION,
    stackName: 'servicekmskeys-org-rollout',
    parameters: rolloutParameters(overrides),
  });
}
