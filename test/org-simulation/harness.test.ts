/**
 * The simulation harness itself: StackSet target expansion and operation ordering, and the refusals that make the
 * simulation able to fail (unregistered type, missing role, missing capability, duplicate export, rollback).
 */
import { ACCOUNT, ACCOUNT_PATHS, OU, PARTITION, PRIMARY_REGION, ROOT_ID, accountsIn } from './lib/organization';
import { startSimulation } from './lib/simulation';
import { createStack } from './lib/stack';
import { runOperation, stackSetProvisioner, targetAccounts, type StackSetOptions } from './lib/stack-sets';
import type { World } from './lib/world';

const OPTIONS: StackSetOptions = {
  templateBaseUrl: 'https://example.s3.amazonaws.com/templates',
  managementAccountId: ACCOUNT.management,
  accountPaths: ACCOUNT_PATHS,
};

describe('StackSet target expansion', () => {
  test('OUs reach their child OUs, the root reaches every account but the management account', () => {
    expect(accountsIn(OU.workloads).sort()).toEqual([ACCOUNT.memberA, ACCOUNT.memberB]);
    expect(targetAccounts({ OrganizationalUnitIds: [OU.workloads] }, OPTIONS)).toEqual([ACCOUNT.memberA, ACCOUNT.memberB]);
    expect(targetAccounts({ OrganizationalUnitIds: [ROOT_ID] }, OPTIONS)).toEqual(
      [ACCOUNT.security, ACCOUNT.memberA, ACCOUNT.memberB, ACCOUNT.outsider].sort(),
    );
  });

  test('AccountFilterType intersects, subtracts or adds the listed accounts; an unknown OU is an error', () => {
    const targets = { OrganizationalUnitIds: [ROOT_ID], Accounts: [ACCOUNT.security, ACCOUNT.stranger] };
    expect(targetAccounts({ ...targets, AccountFilterType: 'INTERSECTION' }, OPTIONS)).toEqual([ACCOUNT.security]);
    expect(targetAccounts({ ...targets, AccountFilterType: 'DIFFERENCE' }, OPTIONS)).toEqual(
      [ACCOUNT.memberA, ACCOUNT.memberB, ACCOUNT.outsider].sort(),
    );
    expect(targetAccounts({ ...targets, AccountFilterType: 'UNION' }, OPTIONS)).toContain(ACCOUNT.stranger);
    expect(() => targetAccounts({ OrganizationalUnitIds: ['ou-ab12-99999999'] }, OPTIONS)).toThrow(/does not exist/);
  });
});

describe('StackSet operations', () => {
  const targets = ['r1', 'r2', 'r3'].flatMap((region) => ['a', 'b'].map((accountId) => ({ accountId, region })));

  test('SEQUENTIAL visits RegionOrder first, one Region after the other', async () => {
    const seen: string[] = [];
    await runOperation(targets, { RegionOrder: ['r2'], MaxConcurrentCount: 2 }, async (t) => {
      seen.push(t.region);
    });
    expect(seen).toEqual(['r2', 'r2', 'r1', 'r1', 'r3', 'r3']);
  });

  test('failures beyond the tolerance stop the operation before later Regions; within it they do not', async () => {
    const seen: string[] = [];
    const failA = async (t: { accountId: string; region: string }): Promise<void> => {
      seen.push(`${t.accountId}/${t.region}`);
      if (t.accountId === 'a') throw new Error(`boom in ${t.region}`);
    };
    await expect(runOperation(targets, {}, failA)).rejects.toThrow(/Stack instances failed in r1: boom in r1/);
    expect(seen).toEqual(['a/r1', 'b/r1']);
    seen.length = 0;
    await expect(runOperation(targets, { FailureToleranceCount: 1 }, failA)).resolves.toBeUndefined();
    expect(seen).toHaveLength(6);
  });
});

describe('stack refusals', () => {
  let world: World;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    ({ world, stop } = await startSimulation());
  });
  afterAll(async () => {
    await stop?.();
    jest.restoreAllMocks();
  });

  const keySetStack = (stackName: string) =>
    createStack(world, {
      templateFile: 'templates/minimal.yaml',
      accountId: ACCOUNT.security,
      region: PRIMARY_REGION,
      partition: PARTITION,
      stackName,
      parameters: { ProjectCode: 'mini', KeyAdministratorArn: `arn:${PARTITION}:iam::${ACCOUNT.security}:role/KeyAdmin` },
    });

  test('our type is refused where it is not registered, and works once it is', async () => {
    await expect(keySetStack('too-early')).rejects.toThrow(/is not registered in 111111111111 us-east-1/);
    expect(world.stacks.size).toBe(0);
    await createStack(world, {
      templateFile: 'stacksets/register-type.yaml',
      accountId: ACCOUNT.security,
      region: PRIMARY_REGION,
      partition: PARTITION,
      stackName: 'registration',
      parameters: { ArtifactBucketPrefix: 'org-artifacts', ArtifactAccountId: ACCOUNT.security, PackageKey: 'registry/p.zip' },
    });
    const stack = await keySetStack('mini-keys');
    expect(world.emulator.admin.describeAllKeys(ACCOUNT.security, PRIMARY_REGION).map((k) => k.arn)).toContain(
      Object.values(stack.outputs).find((v) => String(v).includes(':key/')),
    );
  });

  test('a second stack with the same key set fails in the handler and rolls back without touching the first', async () => {
    const before = world.emulator.admin.describeAllKeys(ACCOUNT.security, PRIMARY_REGION).length;
    await expect(keySetStack('mini-keys-again')).rejects.toThrow(/AlreadyExists/);
    expect(world.emulator.admin.describeAllKeys(ACCOUNT.security, PRIMARY_REGION)).toHaveLength(before);
    expect([...world.stacks.values()].map((s) => s.location.stackName).sort()).toEqual(['mini-keys', 'registration']);
  });

  test('managed policies cannot attach to roles that do not exist', async () => {
    await expect(
      createStack(world, {
        templateFile: 'stacksets/trusted-account-wiring.yaml',
        accountId: ACCOUNT.memberA,
        region: PRIMARY_REGION,
        partition: PARTITION,
        stackName: 'wiring',
        parameters: { SecurityAccountId: ACCOUNT.security, ProjectCode: 'org', DirectUseRoleNames: 'NoSuchRole' },
      }),
    ).rejects.toThrow(/NoSuchEntity/);
  });

  test('a StackSet of a template with named IAM resources needs CAPABILITY_NAMED_IAM', async () => {
    const provisioner = stackSetProvisioner({ ...OPTIONS, templateBaseUrl: 'https://t.example/templates' });
    const properties = {
      StackSetName: 'wiring',
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'SELF',
      Capabilities: ['CAPABILITY_IAM'],
      TemplateURL: 'https://t.example/templates/trusted-account-wiring.yaml',
      StackInstancesGroup: [],
    };
    const stack = { accountId: ACCOUNT.management, region: PRIMARY_REGION, partition: PARTITION, stackName: 's', stackId: 'id' };
    const request = { world, stack, logicalId: 'Wiring', type: 'AWS::CloudFormation::StackSet', properties };
    await expect(provisioner.create(request)).rejects.toThrow(/CAPABILITY_NAMED_IAM/);
    await expect(provisioner.create({ ...request, stack: { ...stack, accountId: ACCOUNT.security } })).rejects.toThrow(/CallAs SELF/);
  });
});
