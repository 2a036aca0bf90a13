/**
 * Rules of replica key sets that keep READ equal to the model: rotation belongs to the primary
 * (a replica key set never calls rotation APIs and refuses rotation settings that differ from
 * the primary's after a bounded wait), and every key of a replica key set is a replica.
 */
import type { ResourceProperties } from '../../resource-type/core/types';
import { configureEngine, resetEngine } from '../../resource-type/operations/tuning';
import type { ProgressNote } from '../../resource-type/operations/types';
import { ACCOUNT, FAST, failureOf, invoke, keySet, keysIn, mutatingCalls, runToEnd, startHarness, type Harness } from './harness';
import { assertNothingLeft } from './invariants';

const PRIMARY = 'eu-west-1';
const REPLICA = 'us-east-2';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ replicaCreatingMs: 20 });
});
afterAll(async () => h.stop());
beforeEach(() => {
  h.emulator.admin.reset();
  h.emulator.admin.setReplicaCreatingMs(20);
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

describe('rotation of the primary changed while a replica key set is being created', () => {
  it('the create waits, then fails with InvalidRequest and removes the replicas it made (rollback)', async () => {
    await runToEnd('create', primary, { region: PRIMARY });
    h.emulator.admin.setReplicaCreatingMs(400);
    configureEngine({ maxInvocationMs: 100, primaryWaitMs: 250 });
    const first = await invoke('create', replica, { region: REPLICA, token: 'rot' });
    expect(first.status).toBe('IN_PROGRESS');
    expect(mutatingCalls(h.emulator, PRIMARY).ReplicateKey).toBeGreaterThan(0);
    // Someone changes the primary's rotation (shared with the replicas) in the meantime.
    const sqs = keysIn(h.emulator, PRIMARY).find((k) => k.tags['servicekmskeys:service'] === 'sqs')!;
    h.emulator.admin.mutateKey(ACCOUNT, PRIMARY, sqs.keyId, { rotation: { enabled: true, periodInDays: 90 } });
    const notes: ProgressNote[] = [];
    const failure = await failureOf(
      runToEnd('create', first.status === 'IN_PROGRESS' ? first.properties : replica, {
        region: REPLICA,
        token: 'rot',
        callbackContext: first.status === 'IN_PROGRESS' ? first.callbackContext : undefined,
        onProgress: (n) => void notes.push(n),
      }),
    );
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(/Services\/1\/RotationPeriodInDays = 180.*every 90 days.*Nothing is left behind/);
    expect(notes.some((n) => /waiting for the rotation of the primary keys in eu-west-1/.test(n.message))).toBe(true);
    assertNothingLeft(h.emulator, 'rr', REPLICA);
  });
});

describe('waiting for primary keys is reported', () => {
  it('a progress note per missing primary key', async () => {
    configureEngine({ maxInvocationMs: 100, primaryWaitMs: 150 });
    const notes: ProgressNote[] = [];
    await failureOf(runToEnd('create', replica, { region: REPLICA, onProgress: (n) => void notes.push(n) }));
    expect(notes.find((n) => n.service === 'sqs')?.message).toBe(
      'waiting for the sqs primary key in eu-west-1 (deploy the primary key set there)',
    );
    expect(notes.every((n) => n.region === REPLICA)).toBe(true);
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
