/**
 * The same rollout with KeySetRegionConcurrency PARALLEL: the primary and replica stack instances of the Security
 * account start at once, so the replica handlers must wait for the primary keys (polling within an invocation, or
 * IN_PROGRESS with callbackContext) before they replicate. Then the parent stack is deleted as a whole (every StackSet deletes its own instances with
 * its own operation preferences, all Regions at once here) and nothing may be left enabled.
 */
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { rootCaller } from './lib/callers';
import { ACCOUNT, PARTITION, PRIMARY_REGION, REGIONS, REPLICA_REGIONS } from './lib/organization';
import { KEY_SETS_STACK_SET, KEY_SET_SERVICES, PROJECT, deployRollout } from './lib/rollout';
import { startSimulation } from './lib/simulation';
import { deleteStack } from './lib/stack';
import type { DeployedStack, World } from './lib/world';

describe('org simulation with the Security key sets deployed to all Regions in parallel', () => {
  let world: World;
  let stop: () => Promise<void>;
  let rollout: DeployedStack;
  const keySetInvocations = (action: string) =>
    world.invocations.filter((i) => i.action === action && i.stackName.startsWith(`StackSet-${KEY_SETS_STACK_SET}-`));

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    // Each invocation may work for at most 600 ms while a new replica stays Creating for 1 s: a replica key set
    // cannot finish in the invocation that replicates, so CloudFormation's IN_PROGRESS loop must resume it.
    ({ world, stop } = await startSimulation({ replicaCreatingMs: 1000, engine: { maxInvocationMs: 600 } }));
  });
  afterAll(async () => {
    await stop?.();
    jest.restoreAllMocks();
  });

  test('replica instances start alongside the primary, wait for its keys, and end as replicas of them', async () => {
    rollout = await deployRollout(world, { KeySetRegionConcurrency: 'PARALLEL' });
    const creates = keySetInvocations('CREATE');
    const primaryDone = creates.find((i) => i.region === PRIMARY_REGION && i.status === 'SUCCESS')!.at;
    for (const region of REPLICA_REGIONS) {
      const inRegion = creates.filter((i) => i.region === region);
      expect(inRegion[0].startedAt).toBeLessThan(primaryDone); // started while the primary was still being created
      const last = inRegion[inRegion.length - 1];
      expect(last.status).toBe('SUCCESS'); // waited (within the invocation or across IN_PROGRESS) and then succeeded
      expect(last.at).toBeGreaterThan(primaryDone);
    }
    for (const region of REPLICA_REGIONS) {
      // Resumed from IN_PROGRESS, without creating anything twice (the key and alias counts below).
      expect(creates.filter((i) => i.region === region && i.status === 'IN_PROGRESS').length).toBeGreaterThan(0);
    }
    const primaries = world.emulator.admin.describeAllKeys(ACCOUNT.security, PRIMARY_REGION);
    expect(primaries).toHaveLength(KEY_SET_SERVICES.length);
    for (const region of REPLICA_REGIONS) {
      const replicas = world.emulator.admin.describeAllKeys(ACCOUNT.security, region);
      expect(replicas.map((k) => k.keyId).sort()).toEqual(primaries.map((k) => k.keyId).sort());
      expect(replicas.flatMap((k) => k.aliases).sort()).toEqual(KEY_SET_SERVICES.map((s) => `alias/${PROJECT}/${s}`).sort());
      expect(replicas.every((k) => k.state === 'Enabled' && k.aliases.length === 1 && k.tags.KeySetRole === 'replica')).toBe(true);
    }
  });

  test("each replica has its own Region's key policy (ViaService host of its Region)", async () => {
    const root = rootCaller(world, ACCOUNT.security);
    for (const region of REGIONS) {
      const keyArn = `arn:${PARTITION}:kms:${region}:${ACCOUNT.security}:alias/${PROJECT}/s3`;
      const { KeyMetadata } = await root.kms(region).send(new DescribeKeyCommand({ KeyId: keyArn }));
      const { Policy } = await root.kms(region).send(new GetKeyPolicyCommand({ KeyId: KeyMetadata!.Arn, PolicyName: 'default' }));
      expect(Policy).toContain(`"s3.${region}.amazonaws.com"`);
      for (const other of REGIONS.filter((r) => r !== region)) expect(Policy).not.toContain(`s3.${other}.amazonaws.com`);
    }
  });

  test('deleting the parent stack deletes every instance; every key is pending deletion and no alias is left', async () => {
    await deleteStack(world, rollout);
    expect(world.stackSets.size).toBe(0);
    expect(world.stacks.size).toBe(0);
    expect(
      keySetInvocations('DELETE')
        .filter((i) => i.status === 'SUCCESS')
        .map((i) => i.region)
        .sort(),
    ).toEqual([...REGIONS].sort());
    for (const account of Object.values(ACCOUNT)) {
      for (const region of REGIONS) {
        for (const key of world.emulator.admin.describeAllKeys(account, region)) {
          expect(key.aliases).toEqual([]);
          expect(['PendingDeletion', 'PendingReplicaDeletion']).toContain(key.state);
        }
      }
    }
    expect(REGIONS.map((r) => world.emulator.admin.describeAllKeys(ACCOUNT.security, r).length)).toEqual(
      REGIONS.map(() => KEY_SET_SERVICES.length),
    );
  });
});
