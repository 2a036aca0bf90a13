/**
 * The rollout with RegistrationMode=public: the registration StackSet deploys stacksets/activate-public-type.yaml
 * (AWS::CloudFormation::TypeActivation of the published type) instead of registering a package. The handlers then
 * run as a session of that template's execution role, so every KMS call of the rollout is authorized against the
 * activation template's handler policy, and a trusted member uses the keys as in the private rollout.
 */
import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { callerFor } from './lib/callers';
import { ACCOUNT, PARTITION, PRIMARY_REGION, REGIONS, REPLICA_REGIONS } from './lib/organization';
import { KEY_SET_SERVICES, PROJECT, REGISTRATION_STACK_SET, deployRollout } from './lib/rollout';
import { startSimulation } from './lib/simulation';
import { deleteStack } from './lib/stack';
import type { DeployedStack, World } from './lib/world';

const PUBLISHER = '0123456789abcdef0123456789abcdef01234567';

describe('org simulation with the type activated from the public registry', () => {
  let world: World;
  let stop: () => Promise<void>;
  let rollout: DeployedStack;

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    ({ world, stop } = await startSimulation());
    rollout = await deployRollout(world, {
      RegistrationMode: 'public',
      PublisherId: PUBLISHER,
      PublicMajorVersion: '1',
      ArtifactBucketPrefix: '',
      PackageKey: '',
    });
  });
  afterAll(async () => {
    await stop?.();
    jest.restoreAllMocks();
  });

  test('every account but the management account activates the type in every Region, with the activation template', () => {
    const set = world.stackSets.get(REGISTRATION_STACK_SET)!;
    expect(set.templateFile).toBe('stacksets/activate-public-type.yaml');
    const accounts = [ACCOUNT.security, ACCOUNT.memberA, ACCOUNT.memberB, ACCOUNT.outsider];
    expect([...set.instances.keys()].sort()).toEqual(accounts.flatMap((a) => REGIONS.map((r) => `${a}/${r}`)).sort());
    for (const instance of set.instances.values()) {
      const activation = instance.stack.resources.find((r) => r.resource.type === 'AWS::CloudFormation::TypeActivation')!;
      expect(activation.properties).toMatchObject({ Type: 'RESOURCE', PublisherId: PUBLISHER, MajorVersion: '1', AutoUpdate: false });
      expect(instance.stack.resources.some((r) => r.resource.type === 'AWS::CloudFormation::ResourceVersion')).toBe(false);
      const role = instance.stack.resources.find((r) => r.resource.logicalId === 'ExecutionRole')!.resource.getAtt('Arn');
      expect(world.registrationIn(instance.accountId, instance.region)!.executionRoleArn).toBe(role);
    }
  });

  test("the Security key sets are created by the activation's execution role, primary and replicas", () => {
    const creates = world.invocations.filter((i) => i.action === 'CREATE' && i.accountId === ACCOUNT.security && i.status === 'SUCCESS');
    expect(creates.map((i) => i.region).sort()).toEqual([...REGIONS].sort());
    for (const invocation of creates) expect(invocation.callerArn).toMatch(/:assumed-role\/[^/]+\/CloudFormationHandlers$/);
    for (const region of REGIONS)
      expect(world.emulator.admin.describeAllKeys(ACCOUNT.security, region)).toHaveLength(KEY_SET_SERVICES.length);
  });

  test('a trusted member role encrypts in the primary Region and decrypts in a replica Region', async () => {
    const app = callerFor(world, ACCOUNT.memberA, 'App');
    const alias = (region: string) => `arn:${PARTITION}:kms:${region}:${ACCOUNT.security}:alias/${PROJECT}/s3`;
    const { CiphertextBlob } = await app
      .kms(PRIMARY_REGION)
      .send(new EncryptCommand({ KeyId: alias(PRIMARY_REGION), Plaintext: Buffer.from('public') }));
    const replica = REPLICA_REGIONS[0];
    const { Plaintext } = await app.kms(replica).send(new DecryptCommand({ KeyId: alias(replica), CiphertextBlob }));
    expect(Buffer.from(Plaintext!).toString()).toBe('public');
  });

  test('deleting the parent removes every activation and leaves no key enabled', async () => {
    await deleteStack(world, rollout);
    expect(world.typeRegistrations.size).toBe(0);
    for (const region of REGIONS) {
      for (const key of world.emulator.admin.describeAllKeys(ACCOUNT.security, region)) {
        expect(key.aliases).toEqual([]);
        expect(['PendingDeletion', 'PendingReplicaDeletion']).toContain(key.state);
      }
    }
  });
});
