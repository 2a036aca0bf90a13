import { ADMIN, mutatingCalls, keySet, keysIn, runToEnd, startHarness, total, failureOf, invoke, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(() => h.emulator.admin.reset());

const props = keySet('app1', [{ Service: 's3' }, { Service: 'sqs', Enabled: false }, { Service: 'logs', EnableKeyRotation: false }], {
  Tags: [{ Key: 'env', Value: 'prod' }],
});

describe('create / read / update / delete / list against the emulator', () => {
  it('creates with 3 mutating calls per enabled key with rotation, reads back input == output', async () => {
    const { outcome } = await runToEnd('create', props);
    expect(outcome.status).toBe('SUCCESS');
    const calls = mutatingCalls(h.emulator);
    // s3: CreateKey, EnableKeyRotation, CreateAlias; sqs: + DisableKey; logs: CreateKey, CreateAlias.
    expect(calls).toEqual({ CreateKey: 3, EnableKeyRotation: 2, CreateAlias: 3, DisableKey: 1 });
    expect(total(calls)).toBe(3 + 4 + 2);
    const keys = keysIn(h.emulator);
    expect(keys).toHaveLength(3);
    const s3 = keys.find((k) => k.aliases.includes('alias/app1/s3'))!;
    expect(s3.tags).toMatchObject({ 'servicekmskeys:project': 'app1', 'servicekmskeys:service': 's3', env: 'prod' });
    expect(s3.rotation).toEqual({ enabled: true, periodInDays: 365 });
    expect(outcome.status === 'SUCCESS' && outcome.properties?.Keys).toMatchObject({ KeyIds: { S3: s3.keyId } });

    const read = await invoke('read', outcome.status === 'SUCCESS' ? outcome.properties! : {});
    expect(read.status).toBe('SUCCESS');
    const { Keys: _k, ...readBack } = (read as { properties: Record<string, unknown> }).properties;
    expect(readBack).toEqual(props);
  });

  it('READ by identifier only (import) and LIST give schema-valid models: administrators come from the live policies', async () => {
    await runToEnd('create', props);
    const byId = await invoke('read', { ProjectCode: 'app1' });
    expect(byId.status === 'SUCCESS' && byId.properties).toMatchObject({
      ProjectCode: 'app1',
      KeyAdministratorArns: [ADMIN],
      Services: [{ Service: 'logs', EnableKeyRotation: false }, { Service: 's3' }, { Service: 'sqs', Enabled: false }],
      Tags: [{ Key: 'env', Value: 'prod' }],
    });
    const list = await invoke('list', {});
    expect(list.status === 'SUCCESS' && list.list).toEqual([
      expect.objectContaining({ ProjectCode: 'app1', KeyAdministratorArns: [ADMIN] }),
    ]);
  });

  it('a no-op update makes zero mutating calls', async () => {
    await runToEnd('create', props);
    h.emulator.admin.clearCallLog();
    const { outcome } = await runToEnd('update', props, { previous: props });
    expect(outcome.status).toBe('SUCCESS');
    expect(total(mutatingCalls(h.emulator))).toBe(0);
  });

  it('update adds and removes services and changes tags with the fewest calls', async () => {
    await runToEnd('create', props);
    h.emulator.admin.clearCallLog();
    const next = keySet('app1', [{ Service: 's3' }, { Service: 'sns' }, { Service: 'logs', EnableKeyRotation: false }], {
      Tags: [{ Key: 'team', Value: 'a' }],
      PendingWindowInDays: 7,
    });
    const { outcome } = await runToEnd('update', next, { previous: props });
    expect(outcome.status).toBe('SUCCESS');
    const calls = mutatingCalls(h.emulator);
    // sns created (3), sqs removed (schedule + delete alias), s3 + logs + sns... tags: TagResource+UntagResource on s3 and logs.
    expect(calls).toEqual({
      CreateKey: 1,
      EnableKeyRotation: 1,
      CreateAlias: 1,
      ScheduleKeyDeletion: 1,
      DeleteAlias: 1,
      TagResource: 2,
      UntagResource: 2,
    });
    const sqs = keysIn(h.emulator).find((k) => k.tags['servicekmskeys:service'] === 'sqs')!;
    expect(sqs.state).toBe('PendingDeletion');
    expect(sqs.aliases).toEqual([]);
  });

  it('refuses to change MultiRegion of an existing key with InvalidRequest and makes no change', async () => {
    await runToEnd('create', props);
    h.emulator.admin.clearCallLog();
    const next = keySet(
      'app1',
      [
        { Service: 's3', MultiRegion: true },
        { Service: 'sqs', Enabled: false },
        { Service: 'logs', EnableKeyRotation: false },
      ],
      { Tags: [{ Key: 'env', Value: 'prod' }] },
    );
    const failure = await failureOf(invoke('update', next, { previous: props }));
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(/cannot convert/);
    expect(total(mutatingCalls(h.emulator))).toBe(0);
  });

  it('delete schedules keys and removes aliases; then read/update/delete are NotFound; list omits it', async () => {
    await runToEnd('create', props);
    await runToEnd('create', keySet('other', [{ Service: 'ebs' }]));
    const del = await runToEnd('delete', { ...props, PendingWindowInDays: 10 });
    expect(del.outcome).toEqual({ status: 'SUCCESS' });
    const mine = keysIn(h.emulator).filter((k) => k.tags['servicekmskeys:project'] === 'app1');
    expect(mine.every((k) => k.state === 'PendingDeletion' && k.aliases.length === 0)).toBe(true);
    expect((await failureOf(invoke('read', props)))?.code).toBe('NotFound');
    expect((await failureOf(invoke('update', props, { previous: props })))?.code).toBe('NotFound');
    expect((await failureOf(invoke('delete', props)))?.code).toBe('NotFound');
    const list = await invoke('list', {});
    expect(list.status === 'SUCCESS' && list.list?.map((m) => m.ProjectCode)).toEqual(['other']);
  });

  it('create of an existing key set is AlreadyExists and leaves it untouched; delete then create works', async () => {
    await runToEnd('create', props);
    h.emulator.admin.clearCallLog();
    const failure = await failureOf(invoke('create', props));
    expect(failure?.code).toBe('AlreadyExists');
    expect(total(mutatingCalls(h.emulator))).toBe(0);
    await runToEnd('delete', props);
    const again = await runToEnd('create', props);
    expect(again.outcome.status).toBe('SUCCESS');
    expect(keysIn(h.emulator).filter((k) => k.state !== 'PendingDeletion')).toHaveLength(3);
  });

  it('validation fails before any AWS call', async () => {
    const failure = await failureOf(invoke('create', keySet('bad', [{ Service: 's3', RotationPeriodInDays: 5 }])));
    expect(failure?.code).toBe('InvalidRequest');
    expect(h.emulator.admin.callLog()).toHaveLength(0);
  });
});
