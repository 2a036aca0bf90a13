/**
 * Rules of replica key sets that keep READ equal to the model: rotation belongs to the primary
 * (a replica key set never calls rotation APIs and refuses rotation settings that differ from
 * the primary's after a bounded wait), and every key of a replica key set is a replica.
 */
import type { ResourceProperties } from '../../resource-type/core/types';
import { configureEngine, resetEngine } from '../../resource-type/operations/tuning';
import { FAST, failureOf, invoke, keySet, mutatingCalls, runToEnd, startHarness, type Harness } from './harness';

const PRIMARY = 'eu-west-1';
const REPLICA = 'us-east-2';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ replicaCreatingMs: 20 });
});
afterAll(async () => h.stop());
beforeEach(() => {
  h.emulator.admin.reset();
  resetEngine();
  configureEngine({ ...FAST, endpoint: h.emulator.endpoint });
});

const model = (o: unknown): ResourceProperties => (o as { properties: ResourceProperties }).properties;
const withoutKeys = ({ Keys: _k, ...rest }: ResourceProperties): ResourceProperties => rest;

const primary = keySet('rr', [
  { Service: 's3', MultiRegion: true },
  { Service: 'sqs', MultiRegion: true, RotationPeriodInDays: 180 },
]);
const replica: ResourceProperties = { ...primary, PrimaryRegion: PRIMARY };
const withSqs = (props: ResourceProperties, sqs: ResourceProperties): ResourceProperties => ({
  ...props,
  Services: [
    { Service: 's3', MultiRegion: true },
    { Service: 'sqs', MultiRegion: true, ...sqs },
  ],
});
const rotationCalls = (region: string): number => {
  const calls = mutatingCalls(h.emulator, region);
  return (calls.EnableKeyRotation ?? 0) + (calls.DisableKeyRotation ?? 0);
};

describe('rotation of a replica key set belongs to the primary', () => {
  it('an update changing RotationPeriodInDays only in the replica key set: InvalidRequest after the bounded wait, no call', async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    await runToEnd('create', replica, { region: REPLICA });
    h.emulator.admin.clearCallLog();
    configureEngine({ maxInvocationMs: 100, primaryWaitMs: 300 });
    const changed = withSqs(replica, { RotationPeriodInDays: 90 });
    const failure = await failureOf(runToEnd('update', changed, { region: REPLICA, previous: replica }));
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(
      /Services\/1\/RotationPeriodInDays.*sqs key in us-east-2 is a replica of .* eu-west-1.*rotation on, every 180 days.*Change rotation in the primary key set in eu-west-1/,
    );
    expect(mutatingCalls(h.emulator, REPLICA)).toEqual({});
    expect(mutatingCalls(h.emulator, PRIMARY)).toEqual({});
  });

  it('primary changed first: the replica key set update makes no rotation call and reads back equal', async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    await runToEnd('create', replica, { region: REPLICA });
    const primary90 = withSqs(primary, { RotationPeriodInDays: 90 });
    await runToEnd('update', primary90, { region: PRIMARY, previous: primary });
    h.emulator.admin.clearCallLog();
    const replica90 = { ...primary90, PrimaryRegion: PRIMARY };
    expect((await runToEnd('update', replica90, { region: REPLICA, previous: replica })).outcome.status).toBe('SUCCESS');
    expect(rotationCalls(REPLICA) + rotationCalls(PRIMARY)).toBe(0);
    expect(withoutKeys(model(await invoke('read', replica90, { region: REPLICA })))).toEqual(replica90);
  });

  it('primary and replica updated in parallel: the replica key set waits for the synced rotation, then succeeds', async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    await runToEnd('create', replica, { region: REPLICA });
    configureEngine({ maxInvocationMs: 100, primaryWaitMs: 60_000 });
    const primaryOff = withSqs(primary, { EnableKeyRotation: false, RotationPeriodInDays: 180 });
    const replicaOff = { ...primaryOff, PrimaryRegion: PRIMARY };
    const pending = runToEnd('update', replicaOff, { region: REPLICA, previous: replica });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await runToEnd('update', primaryOff, { region: PRIMARY, previous: primary });
    expect((await pending).outcome.status).toBe('SUCCESS');
    expect(rotationCalls(REPLICA)).toBe(0);
    expect(withoutKeys(model(await invoke('read', replicaOff, { region: REPLICA })))).toEqual(replicaOff);
  });

  it('a replica key set created with rotation settings the primary does not have: InvalidRequest before ReplicateKey', async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    h.emulator.admin.clearCallLog();
    configureEngine({ maxInvocationMs: 100, primaryWaitMs: 200 });
    const failure = await failureOf(runToEnd('create', withSqs(replica, { RotationPeriodInDays: 400 }), { region: REPLICA }));
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(/Services\/1\/RotationPeriodInDays = 400/);
    expect(mutatingCalls(h.emulator, PRIMARY)).toEqual({});
    expect(mutatingCalls(h.emulator, REPLICA)).toEqual({});
  });
});

describe('every key of a replica key set is a replica', () => {
  it('a disabled service without MultiRegion: true in a replica key set: InvalidRequest before any AWS call (READ would report MultiRegion true)', async () => {
    const props = {
      ...keySet('rr', [
        { Service: 's3', MultiRegion: true },
        { Service: 'sqs', Enabled: false },
      ]),
      PrimaryRegion: PRIMARY,
    };
    const failure = await failureOf(invoke('create', props, { region: REPLICA }));
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(/Services\/1\/MultiRegion = false: must be true.*replica key set.*disabled ones too/);
    expect(h.emulator.admin.callLog()).toEqual([]);
  });
});
