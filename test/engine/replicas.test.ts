/**
 * Replica key sets: PrimaryRegion differs from the resource's Region. The primary keys are found
 * by alias in the primary Region (bounded polling), replicated from there with this Region's
 * policy, tags and description, waited for (IN_PROGRESS across invocations), aliased here;
 * delete schedules only the replicas; a replica of ours pending deletion is recovered.
 */
import { configureEngine, resetEngine } from '../../resource-type/operations/tuning';
import type { ResourceProperties } from '../../resource-type/core/types';
import { FAST, failureOf, invoke, keySet, keysIn, mutatingCalls, runToEnd, startHarness, type Harness } from './harness';
import { assertNoDuplicatesOrLeaks } from './invariants';

const PRIMARY = 'eu-west-1';
const REPLICA = 'us-east-2';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ replicaCreatingMs: 50 });
});
afterAll(async () => h.stop());
beforeEach(() => {
  h.emulator.admin.reset();
  h.emulator.admin.setReplicaCreatingMs(50);
  resetEngine();
  configureEngine({ ...FAST, endpoint: h.emulator.endpoint });
});

const primary = keySet(
  'rep',
  [
    { Service: 's3', MultiRegion: true },
    { Service: 'sqs', MultiRegion: true, RotationPeriodInDays: 180 },
  ],
  { Tags: [{ Key: 'env', Value: 'prod' }] },
);
const replica: ResourceProperties = {
  ...primary,
  PrimaryRegion: PRIMARY,
  Services: [
    { Service: 's3', MultiRegion: true },
    { Service: 'sqs', MultiRegion: true, RotationPeriodInDays: 180, Enabled: false },
  ],
};
const model = (o: unknown): ResourceProperties => (o as { properties: ResourceProperties }).properties;

describe('replica key sets', () => {
  it("replicates each primary with this Region's policy, tags and description: ReplicateKey + CreateAlias per key (+ DisableKey)", async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    h.emulator.admin.clearCallLog();
    const { outcome } = await runToEnd('create', replica, { region: REPLICA });
    expect(outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator, PRIMARY)).toEqual({ ReplicateKey: 2 });
    expect(mutatingCalls(h.emulator, REPLICA)).toEqual({ CreateAlias: 2, DisableKey: 1 });
    const primaryKeys = keysIn(h.emulator, PRIMARY);
    const replicas = keysIn(h.emulator, REPLICA);
    expect(replicas.map((k) => k.keyId).sort()).toEqual(primaryKeys.map((k) => k.keyId).sort());
    const s3 = replicas.find((k) => k.aliases.includes('alias/rep/s3'))!;
    expect(s3.tags).toMatchObject({ 'servicekmskeys:project': 'rep', 'servicekmskeys:service': 's3', env: 'prod' });
    expect(s3.policy).toContain(`s3.${REPLICA}.amazonaws.com`);
    expect(s3.policy).not.toContain(`s3.${PRIMARY}.amazonaws.com`);
    expect(s3.description).toBe(primaryKeys.find((k) => k.keyId === s3.keyId)!.description);
    // Rotation is the primary's (synced), so the model's rotation settings read back unchanged.
    const { Keys: _k, ...readBack } = model(await invoke('read', replica, { region: REPLICA }));
    expect(readBack).toEqual(replica);
    assertNoDuplicatesOrLeaks(h.emulator, 'rep', REPLICA);
  });

  it('an update of an existing replica key set does not call the primary Region at all', async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    await runToEnd('create', replica, { region: REPLICA });
    h.emulator.admin.clearCallLog();
    const changed = { ...replica, Tags: [{ Key: 'env', Value: 'dev' }] };
    expect((await runToEnd('update', changed, { region: REPLICA, previous: replica })).outcome.status).toBe('SUCCESS');
    expect(h.emulator.admin.callLog().filter((c) => c.region === PRIMARY)).toEqual([]);
    expect(mutatingCalls(h.emulator, REPLICA)).toEqual({ TagResource: 2 });
  });

  it('a replica still Creating: IN_PROGRESS (waiting, with the full model) across invocations, then SUCCESS', async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    h.emulator.admin.setReplicaCreatingMs(1000);
    configureEngine({ maxInvocationMs: 300, waitCallbackDelaySeconds: 3 });
    const delays: number[] = [];
    let props = replica;
    let callbackContext: Record<string, unknown> | undefined;
    for (let i = 0; i < 40; i++) {
      const outcome = await invoke('create', props, { region: REPLICA, token: `bearer-${i}`, callbackContext });
      if (outcome.status !== 'IN_PROGRESS') {
        expect(outcome.status).toBe('SUCCESS');
        break;
      }
      expect(outcome.properties).toEqual(replica);
      delays.push(outcome.callbackDelaySeconds);
      props = outcome.properties;
      callbackContext = outcome.callbackContext;
    }
    // At least one invocation stopped because the replicas were still Creating (longer delay).
    expect(delays).toContain(3);
    expect(mutatingCalls(h.emulator, PRIMARY).ReplicateKey).toBe(2);
    assertNoDuplicatesOrLeaks(h.emulator, 'rep', REPLICA);
  });

  it('waits (bounded polling) for primary keys deployed in parallel', async () => {
    configureEngine({ maxInvocationMs: 200, primaryWaitMs: 60_000 });
    const pending = runToEnd('create', replica, { region: REPLICA });
    await new Promise((resolve) => setTimeout(resolve, 120));
    await runToEnd('create', primary, { region: PRIMARY });
    const { outcome, invocations } = await pending;
    expect(outcome.status).toBe('SUCCESS');
    expect(invocations).toBeGreaterThanOrEqual(1);
  });

  it('fails with a clear message when the primary keys never appear; nothing is created', async () => {
    configureEngine({ maxInvocationMs: 100, primaryWaitMs: 300 });
    const failure = await failureOf(runToEnd('create', replica, { region: REPLICA }));
    expect(failure?.code).toBe('NotStabilized');
    expect(failure?.message).toMatch(/primary keys of key set rep for s3, sqs were not found in eu-west-1.*Deploy the primary key set/);
    expect(keysIn(h.emulator, REPLICA)).toEqual([]);
  });

  it('only multi-Region primaries can be replicated', async () => {
    await runToEnd('create', keySet('rep', [{ Service: 's3' }]), { region: PRIMARY });
    const failure = await failureOf(
      runToEnd('create', { ...replica, Services: [{ Service: 's3', MultiRegion: true }] }, { region: REPLICA }),
    );
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(/single-Region key; only multi-Region primary keys can be replicated/);
  });

  it('delete schedules only the replicas; re-creating recovers our replicas pending deletion (CancelKeyDeletion + EnableKey)', async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    await runToEnd('create', replica, { region: REPLICA });
    const ids = keysIn(h.emulator, REPLICA)
      .map((k) => k.keyId)
      .sort();
    expect((await runToEnd('delete', { ...replica, PendingWindowInDays: 7 }, { region: REPLICA })).outcome).toEqual({ status: 'SUCCESS' });
    expect(keysIn(h.emulator, REPLICA).every((k) => k.state === 'PendingDeletion' && k.aliases.length === 0)).toBe(true);
    expect(keysIn(h.emulator, PRIMARY).every((k) => k.state === 'Enabled')).toBe(true);
    expect((await failureOf(invoke('read', replica, { region: REPLICA })))?.code).toBe('NotFound');

    h.emulator.admin.clearCallLog();
    const again = await runToEnd('create', replica, { region: REPLICA });
    expect(again.outcome.status).toBe('SUCCESS');
    expect(
      keysIn(h.emulator, REPLICA)
        .map((k) => k.keyId)
        .sort(),
    ).toEqual(ids);
    const calls = mutatingCalls(h.emulator, REPLICA);
    expect(calls.CancelKeyDeletion).toBe(2);
    expect(calls.EnableKey).toBe(1); // sqs stays disabled as asked
    expect(mutatingCalls(h.emulator, PRIMARY)).toEqual({});
    const { Keys: _k, ...readBack } = model(await invoke('read', replica, { region: REPLICA }));
    expect(readBack).toEqual(replica);
  });

  it('a replica key set must use multi-Region keys (validated before any call)', async () => {
    const failure = await failureOf(invoke('create', { ...replica, Services: [{ Service: 's3' }] }, { region: REPLICA }));
    expect(failure?.code).toBe('InvalidRequest');
    expect(h.emulator.admin.callLog()).toEqual([]);
  });

  it.each([0, 1, 2, 3, 4])(
    'crash after %i mutating calls of a replica create, then re-invocation: no second ReplicateKey, converged',
    async (n) => {
      await runToEnd('create', primary, { region: PRIMARY });
      h.emulator.admin.clearCallLog();
      let mutations = 0;
      let crashed = false;
      configureEngine({
        beforeCall: ({ mutating }) => {
          if (crashed || (mutating && ++mutations > n)) {
            crashed = true;
            throw new Error('simulated crash');
          }
        },
      });
      await invoke('create', replica, { region: REPLICA, token: 'rc' }).catch(() => undefined);
      configureEngine({ beforeCall: undefined });
      expect(crashed).toBe(true);
      expect((await runToEnd('create', replica, { region: REPLICA, token: 'rc' })).outcome.status).toBe('SUCCESS');
      expect(mutatingCalls(h.emulator, PRIMARY).ReplicateKey).toBe(2);
      const { Keys: _k, ...readBack } = model(await invoke('read', replica, { region: REPLICA }));
      expect(readBack).toEqual(replica);
      assertNoDuplicatesOrLeaks(h.emulator, 'rep', REPLICA);
    },
  );
});
