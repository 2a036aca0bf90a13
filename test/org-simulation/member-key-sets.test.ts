/**
 * The optional member key-set StackSet (MemberKeySetOuIds): every account of the chosen OUs gets its own key sets
 * (primary and replica Regions, no organization trust), deployed only after the registration StackSet, and never the
 * Security account, which already holds the key sets of this ProjectCode from its own StackSet.
 */
import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { rootCaller } from './lib/callers';
import { ACCOUNT, PARTITION, PRIMARY_REGION, REGIONS, REPLICA_REGIONS, ROOT_ID } from './lib/organization';
import { KEY_SET_SERVICES, PROJECT, deployRollout } from './lib/rollout';
import { startSimulation } from './lib/simulation';
import { deleteStack } from './lib/stack';
import type { DeployedStack, World } from './lib/world';

const MEMBER_KEY_SETS = `ServiceKmsKeys-${PROJECT}-MemberKeySets`;
const MEMBERS = [ACCOUNT.memberA, ACCOUNT.memberB, ACCOUNT.outsider];

describe('org simulation with member accounts getting their own key sets', () => {
  let world: World;
  let stop: () => Promise<void>;
  let rollout: DeployedStack;

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    ({ world, stop } = await startSimulation());
    rollout = await deployRollout(
      world,
      // The whole organization: the Security account is inside the root too and must be left out.
      { MemberKeySetOuIds: ROOT_ID },
    );
  });
  afterAll(async () => {
    await stop?.();
    jest.restoreAllMocks();
  });

  test('reaches every account of the OUs in every key-set Region except the Security and management accounts', () => {
    const set = world.stackSets.get(MEMBER_KEY_SETS)!;
    expect(set.templateFile).toBe('stacksets/key-sets.yaml');
    expect([...set.instances.keys()].sort()).toEqual(MEMBERS.flatMap((a) => REGIONS.map((r) => `${a}/${r}`)).sort());
  });

  test('each member holds its own multi-Region key set, administered by its own KeyAdmin, trusting no other account', async () => {
    for (const account of MEMBERS) {
      const primaries = world.emulator.admin.describeAllKeys(account, PRIMARY_REGION);
      expect(primaries.map((k) => k.aliases[0]).sort()).toEqual(KEY_SET_SERVICES.map((s) => `alias/${PROJECT}/${s}`).sort());
      for (const region of REPLICA_REGIONS) {
        const replicas = world.emulator.admin.describeAllKeys(account, region);
        expect(replicas.map((k) => k.keyId).sort()).toEqual(primaries.map((k) => k.keyId).sort());
      }
      const root = rootCaller(world, account);
      const s3 = primaries.find((k) => k.aliases.includes(`alias/${PROJECT}/s3`))!;
      const { Policy } = await root.kms(PRIMARY_REGION).send(new GetKeyPolicyCommand({ KeyId: s3.keyId, PolicyName: 'default' }));
      expect(Policy).toContain(`arn:${PARTITION}:iam::${account}:role/KeyAdmin`);
      expect(Policy).not.toContain('aws:PrincipalOrgID');
      for (const other of Object.values(ACCOUNT).filter((a) => a !== account)) expect(Policy).not.toContain(`::${other}:`);
    }
  });

  test('the Security account keeps exactly its own key sets (no second key set of the same project)', () => {
    for (const region of REGIONS) {
      const keys = world.emulator.admin.describeAllKeys(ACCOUNT.security, region);
      expect(keys).toHaveLength(KEY_SET_SERVICES.length);
      expect(keys.every((k) => k.tags.KeySetRole === (region === PRIMARY_REGION ? 'primary' : 'replica'))).toBe(true);
    }
  });

  test('deleting the parent stack leaves no member key enabled and no alias', async () => {
    await deleteStack(world, rollout);
    expect(world.stackSets.size).toBe(0);
    for (const account of MEMBERS) {
      for (const region of REGIONS) {
        const keys = world.emulator.admin.describeAllKeys(account, region);
        expect(keys).toHaveLength(KEY_SET_SERVICES.length);
        for (const key of keys) {
          expect(key.aliases).toEqual([]);
          expect(['PendingDeletion', 'PendingReplicaDeletion']).toContain(key.state);
        }
      }
    }
  });
});
