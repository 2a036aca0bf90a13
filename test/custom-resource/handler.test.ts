import { createHash } from 'node:crypto';
import type { RunningEmulator } from '../../emulator';
import { createHandler } from '../../handlers/custom-resource';
import { keySetProperties } from '../../handlers/custom-resource/properties';
import { configureEngine, createKeySet, resetEngine } from '../../resource-type/operations';
import { supportedServices } from '../../resource-type/catalog';
import { ValidationError } from '../../resource-type/core/errors';
import { validateProperties } from '../../resource-type/validation';
import { startResponseServer, type ResponseServer } from './response-server';
import {
  ACCOUNT,
  cfnEvent,
  expectedData,
  FUNCTION_ARN,
  keySetProps,
  keysOf,
  lambdaContext,
  liveKeys,
  mutatingCalls,
  REGION,
  STACK_ID,
  startKms,
} from './harness';

type Kms = Awaited<ReturnType<typeof startKms>>;
let kms: Kms;
let emulator: RunningEmulator;
let server: ResponseServer;
const logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
const handler = createHandler({
  send: { baseDelayMs: 5, maxDelayMs: 20 },
  log: (level, message, fields) => logs.push({ level, message, fields }),
});

const idFor = (projectCode: string) => `servicekmskeys/${ACCOUNT}/${REGION}/${projectCode}`;
const common = (requestId: string) => ({ StackId: STACK_ID, RequestId: requestId, LogicalResourceId: 'AppKeys' });

beforeAll(async () => {
  kms = await startKms();
  emulator = kms.emulator;
});
afterAll(async () => kms.restore());
beforeEach(async () => {
  emulator.admin.reset();
  logs.length = 0;
  server = await startResponseServer();
});
afterEach(async () => server.close());

/** The message the validator gives the registry type for the same (typed) properties. */
function validatorMessage(properties: Record<string, unknown>): string {
  try {
    validateProperties(properties, { accountId: ACCOUNT, region: REGION, partition: 'aws' });
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('Custom::ServiceKmsKeys handler against the KMS emulator', () => {
  it('Create: creates the key set and answers SUCCESS with the stable id and per-service Data', async () => {
    const event = cfnEvent(
      'Create',
      server.url,
      keySetProps('payments', [{ Service: 's3', RotationPeriodInDays: 180 }, { Service: 'logs' }]),
    );
    await handler(event, lambdaContext());

    expect(server.onlyBody()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: idFor('payments'),
      ...common(event.RequestId),
      Data: expectedData(emulator, 'payments'),
    });
    expect(Object.keys(server.onlyBody().Data as object).sort()).toEqual([
      'Logs.AliasName',
      'Logs.KeyArn',
      'Logs.KeyId',
      'S3.AliasName',
      'S3.KeyArn',
      'S3.KeyId',
    ]);
    expect(server.received[0].headers['content-type']).toBe('');
    // "180" arrived as a string and reached KMS as the integer the schema declares.
    const keys = keysOf(emulator, 'payments');
    expect(keys.s3.rotation).toEqual({ enabled: true, periodInDays: 180 });
    expect(keys.logs.rotation).toEqual({ enabled: true, periodInDays: 365 });
    // Every key names the owning resource (digest of StackId and LogicalResourceId).
    const owner = createHash('sha256').update(`${STACK_ID}\nAppKeys`).digest('hex').slice(0, 40);
    expect([keys.s3.tags['servicekmskeys-custom-resource'], keys.logs.tags['servicekmskeys-custom-resource']]).toEqual([owner, owner]);
  });

  it("validation failure: FAILED with the validator's message, the failed-create marker id, and no KMS change", async () => {
    const props = keySetProps('payments', [{ Service: 's3', RotationPeriodInDays: 30 }]);
    const event = cfnEvent('Create', server.url, props);
    await handler(event, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'FAILED',
      Reason: validatorMessage(props),
      PhysicalResourceId: `servicekmskeys-create-failed/${event.RequestId}`,
      ...common(event.RequestId),
    });
    expect(validatorMessage(props)).toMatch(/Services\/0\/RotationPeriodInDays = 30/);
    expect(mutatingCalls(emulator)).toEqual({});
  });

  it('rejects a string that is no integer with the same message as the registry type', async () => {
    const raw = { ...keySetProps('payments'), PendingWindowInDays: 'a week' };
    const event = cfnEvent('Create', server.url, raw);
    await handler(event, lambdaContext());
    const body = server.onlyBody();
    expect(body.Status).toBe('FAILED');
    expect(body.Reason).toBe(validatorMessage(keySetProperties(raw)));
    expect(body.Reason).toMatch(/PendingWindowInDays = "a week"/);
  });

  it("KMS failure: FAILED with the operation's message (after its rollback) and the failed-create marker id", async () => {
    emulator.admin.injectFault({ operation: 'CreateKey', rate: 1, error: 'LimitExceededException' });
    const event = cfnEvent('Create', server.url, keySetProps('payments', [{ Service: 's3' }]));
    await handler(event, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'FAILED',
      Reason:
        'KMS CreateKey for the s3 key in eu-west-1 failed: Injected LimitExceededException for CreateKey (emulator fault injection). Request a KMS quota increase in Service Quotas or delete unused keys, then retry. Nothing is left behind: the keys and aliases this create made were removed (keys scheduled for deletion in 7 days).',
      PhysicalResourceId: `servicekmskeys-create-failed/${event.RequestId}`,
      ...common(event.RequestId),
    });
    expect(liveKeys(emulator)).toEqual([]);
  });

  it('timeout guard: answers FAILED before the function times out when an operation overruns its deadline, exactly once', async () => {
    // The core operations honour their deadline (next test); the guard is the backstop for anything that
    // does not. Simulated with the real create told a deadline far beyond the function's, against a slow KMS.
    const overrunning = createHandler({
      log: (level, message, fields) => logs.push({ level, message, fields }),
      operations: { create: (input) => createKeySet({ ...input, deadline: input.deadline + 60_000 }) },
    });
    emulator.admin.setLatency(7000);
    const event = cfnEvent('Create', server.url, keySetProps('slow'));
    const started = Date.now();
    await overrunning(event, lambdaContext(8000));
    const elapsed = Date.now() - started;
    expect(server.onlyBody()).toEqual({
      Status: 'FAILED',
      Reason:
        'The ServiceKmsKeys provider ran out of time: the Create did not finish within the function timeout (8 s). Retry the stack operation (the work resumes from what exists), or raise the function Timeout and ServiceTimeout.',
      PhysicalResourceId: `servicekmskeys-create-failed/${event.RequestId}`,
      ...common(event.RequestId),
    });
    // Guard = 8 s minus the 2 s reserve (5 %, at least 2 s).
    expect(elapsed).toBeGreaterThanOrEqual(5900);
    expect(elapsed).toBeLessThan(8000);
    // The abandoned work ends later; it is logged and never answers a second time.
    emulator.admin.setLatency(0);
    const late = () => logs.some((l) => l.message.startsWith('work finished after the deadline guard'));
    for (let i = 0; i < 150 && !late(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(late()).toBe(true);
    expect(server.received).toHaveLength(1);
  });

  it('an operation that reaches its deadline answers FAILED (NotStabilized) before the guard', async () => {
    emulator.admin.setLatency(1500);
    const event = cfnEvent('Create', server.url, keySetProps('slow'));
    await handler(event, lambdaContext(4000));
    const body = server.onlyBody();
    expect(body).toEqual({
      Status: 'FAILED',
      Reason: body.Reason,
      PhysicalResourceId: `servicekmskeys-create-failed/${event.RequestId}`,
      ...common(event.RequestId),
    });
    expect(body.Reason).toMatch(
      /^Creating key set slow did not finish within the provider function's time budget \(1 round\(s\)\)\. Last progress: .+ Retry the stack operation: the operation resumes from what exists, or raise the function Timeout and ServiceTimeout\.$/,
    );
  });

  it('a replica key set waits for its replicas inside the one invocation (IN_PROGRESS rounds) and answers SUCCESS', async () => {
    const primaryProps = keySetProps('global', [{ Service: 's3', MultiRegion: true }]);
    const inPrimaryRegion = createHandler({ env: { ...process.env, AWS_REGION: 'us-east-1' }, log: () => undefined });
    const primaryEvent = { ...cfnEvent('Create', server.url, primaryProps), StackId: STACK_ID.replace(REGION, 'us-east-1') };
    await inPrimaryRegion(primaryEvent, { ...lambdaContext(), invokedFunctionArn: FUNCTION_ARN.replace(REGION, 'us-east-1') });
    expect(server.onlyBody().Status).toBe('SUCCESS');
    server.received.length = 0;
    // Replicas stay Creating longer than one round of work may take: the operation hands back IN_PROGRESS.
    emulator.admin.setReplicaCreatingMs(3000);
    configureEngine({ maxInvocationMs: 1500, deadlineReserveMs: 200, waitCallbackDelaySeconds: 1 });

    const calls: string[] = [];
    const counting = createHandler({
      log: (level, message, fields) => logs.push({ level, message, fields }),
      operations: {
        create: async (input) => {
          calls.push(input.callbackContext ? 'resumed' : 'first');
          return createKeySet(input);
        },
      },
    });
    const replica = cfnEvent('Create', server.url, { ...primaryProps, PrimaryRegion: 'us-east-1' });
    try {
      await counting(replica, lambdaContext(30_000));
    } finally {
      resetEngine();
    }
    expect(server.onlyBody()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: idFor('global'),
      ...common(replica.RequestId),
      Data: expectedData(emulator, 'global'),
    });
    expect(calls[0]).toBe('first');
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.slice(1).every((c) => c === 'resumed')).toBe(true);
    const replicaKey = keysOf(emulator, 'global').s3;
    expect(replicaKey.keyId).toMatch(/^mrk-/);
    expect(replicaKey.state).toBe('Enabled');
  });

  it('Delete after a failed Create (which removed what it made itself) succeeds with reads only', async () => {
    emulator.admin.injectFault({ operation: 'CreateKey', nth: 2, error: 'LimitExceededException' });
    const create = cfnEvent('Create', server.url, keySetProps('payments'));
    await handler(create, lambdaContext());
    const marker = server.onlyBody().PhysicalResourceId as string;
    expect(marker).toBe(`servicekmskeys-create-failed/${create.RequestId}`);
    emulator.admin.clearFaults();
    emulator.admin.clearCallLog();
    server.received.length = 0;

    const del = cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: marker });
    await handler(del, lambdaContext());
    expect(server.onlyBody()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: marker, ...common(del.RequestId) });
    expect(mutatingCalls(emulator)).toEqual({});
    expect(liveKeys(emulator).filter((k) => k.state === 'Enabled')).toEqual([]);
  });

  it("Delete after a Create stopped by its time budget removes exactly that Create's keys and aliases; another stack's key set stays", async () => {
    const other = cfnEvent('Create', server.url, keySetProps('ledger'), { requestId: 'other-stack-create' });
    await handler({ ...other, StackId: STACK_ID.replace('app-keys', 'other-stack') }, lambdaContext());
    expect(server.onlyBody().Status).toBe('SUCCESS');
    const ledgerBefore = keysOf(emulator, 'ledger');
    server.received.length = 0;

    // Keys and aliases get made, rotation never goes through: the Create runs out of time (not a failure of
    // its own, so it does not roll back) and answers FAILED with the marker.
    emulator.admin.injectFault({ operation: 'EnableKeyRotation', rate: 1, error: 'ThrottlingException' });
    const create = cfnEvent('Create', server.url, keySetProps('payments'));
    await handler(create, lambdaContext(8000));
    const failed = server.onlyBody();
    expect(failed).toMatchObject({ Status: 'FAILED', PhysicalResourceId: `servicekmskeys-create-failed/${create.RequestId}` });
    expect(failed.Reason).toMatch(/did not finish within the provider function's time budget/);
    const made = Object.values(keysOf(emulator, 'payments'));
    expect(made.map((k) => k.state)).toEqual(['Enabled', 'Enabled']);
    expect(made.every((k) => k.tags['servicekmskeys:created-by'] === create.RequestId)).toBe(true);
    emulator.admin.clearFaults();
    emulator.admin.clearCallLog();
    server.received.length = 0;

    const del = cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: failed.PhysicalResourceId as string });
    await handler(del, lambdaContext());
    expect(server.onlyBody()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: failed.PhysicalResourceId, ...common(del.RequestId) });
    expect(mutatingCalls(emulator)).toEqual({ ScheduleKeyDeletion: 2, DeleteAlias: 2 });
    const payments = emulator.admin.describeAllKeys(ACCOUNT, REGION).filter((k) => k.tags['servicekmskeys:project'] === 'payments');
    expect(payments.map((k) => [k.state, k.aliases])).toEqual([
      ['PendingDeletion', []],
      ['PendingDeletion', []],
    ]);
    expect(keysOf(emulator, 'ledger')).toEqual(ledgerBefore);
  });

  it("Delete after a Create refused with AlreadyExists leaves the existing key set of that ProjectCode (another stack's) untouched", async () => {
    await handler(cfnEvent('Create', server.url, keySetProps('payments')), lambdaContext());
    const before = keysOf(emulator, 'payments');
    server.received.length = 0;
    const otherStack = STACK_ID.replace('app-keys', 'other-stack');
    const create = { ...cfnEvent('Create', server.url, keySetProps('payments')), StackId: otherStack };
    await handler(create, lambdaContext());
    const failed = server.onlyBody();
    expect(failed.Reason).toMatch(/already exists/);
    server.received.length = 0;
    emulator.admin.clearCallLog();

    const del = {
      ...cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: failed.PhysicalResourceId as string }),
      StackId: otherStack,
    };
    await handler(del, lambdaContext());
    expect(server.onlyBody().Status).toBe('SUCCESS');
    expect(mutatingCalls(emulator)).toEqual({});
    expect(keysOf(emulator, 'payments')).toEqual(before);
  });

  it('Delete of an id this provider never handed out (a library default) touches nothing', async () => {
    await handler(cfnEvent('Create', server.url, keySetProps('payments')), lambdaContext());
    emulator.admin.clearCallLog();
    server.received.length = 0;
    const foreign = '2026/11/29/[$LATEST]0123456789abcdef';
    const del = cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: foreign });
    await handler(del, lambdaContext());
    expect(server.onlyBody()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: foreign, ...common(del.RequestId) });
    expect(emulator.admin.callCounts()).toEqual({});
    expect(Object.keys(keysOf(emulator, 'payments')).sort()).toEqual(['logs', 's3']);
    expect(liveKeys(emulator)).toHaveLength(2);
  });

  it('replacement: a new ProjectCode creates the new key set and returns the NEW id; the old one goes only on its Delete', async () => {
    await handler(cfnEvent('Create', server.url, keySetProps('payments')), lambdaContext());
    const oldKeys = keysOf(emulator, 'payments');
    server.received.length = 0;

    const update = cfnEvent('Update', server.url, keySetProps('billing'), {
      physicalResourceId: idFor('payments'),
      oldProperties: keySetProps('payments'),
    });
    await handler(update, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: idFor('billing'),
      ...common(update.RequestId),
      Data: expectedData(emulator, 'billing'),
    });
    // Update never deletes the old key set.
    expect(
      liveKeys(emulator)
        .map((k) => k.keyId)
        .sort(),
    ).toEqual([...Object.values(oldKeys), ...Object.values(keysOf(emulator, 'billing'))].map((k) => k.keyId).sort());
    server.received.length = 0;

    const cleanup = cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: idFor('payments') });
    await handler(cleanup, lambdaContext());
    expect(server.onlyBody()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: idFor('payments'), ...common(cleanup.RequestId) });
    const states = Object.fromEntries(emulator.admin.describeAllKeys(ACCOUNT, REGION).map((k) => [k.keyId, k.state]));
    for (const key of Object.values(oldKeys)) expect(states[key.keyId]).toBe('PendingDeletion');
    for (const key of Object.values(keysOf(emulator, 'billing'))) expect(states[key.keyId]).toBe('Enabled');
  });

  it('rollback of a replacement (Update back to the old ProjectCode on the new id) returns to the old key set untouched', async () => {
    await handler(cfnEvent('Create', server.url, keySetProps('payments')), lambdaContext());
    const oldKeys = keysOf(emulator, 'payments');
    await handler(
      cfnEvent('Update', server.url, keySetProps('billing'), {
        physicalResourceId: idFor('payments'),
        oldProperties: keySetProps('payments'),
      }),
      lambdaContext(),
    );
    server.received.length = 0;
    emulator.admin.clearCallLog();

    const rollback = cfnEvent('Update', server.url, keySetProps('payments'), {
      physicalResourceId: idFor('billing'),
      oldProperties: keySetProps('billing'),
    });
    await handler(rollback, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: idFor('payments'),
      ...common(rollback.RequestId),
      Data: expectedData(emulator, 'payments'),
    });
    expect(keysOf(emulator, 'payments')).toEqual(oldKeys);
    expect(mutatingCalls(emulator)).toEqual({});
    expect(logs.map((l) => l.message)).toContain(
      'the key set already belongs to this resource (replacement rolled back): updating it in place',
    );
    server.received.length = 0;

    // CloudFormation then deletes the id the failed update produced.
    const cleanup = cfnEvent('Delete', server.url, keySetProps('billing'), { physicalResourceId: idFor('billing') });
    await handler(cleanup, lambdaContext());
    expect(server.onlyBody()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: idFor('billing'), ...common(cleanup.RequestId) });
    expect(
      liveKeys(emulator)
        .map((k) => k.keyId)
        .sort(),
    ).toEqual(
      Object.values(oldKeys)
        .map((k) => k.keyId)
        .sort(),
    );
  });

  it("a new ProjectCode that another resource's key set uses fails AlreadyExists and leaves both key sets alone", async () => {
    const other = { ...cfnEvent('Create', server.url, keySetProps('shared')), LogicalResourceId: 'OtherKeys' };
    await handler(other, lambdaContext());
    await handler(cfnEvent('Create', server.url, keySetProps('payments')), lambdaContext());
    const before = emulator.admin.describeAllKeys(ACCOUNT, REGION);
    server.received.length = 0;

    const update = cfnEvent('Update', server.url, keySetProps('shared'), {
      physicalResourceId: idFor('payments'),
      oldProperties: keySetProps('payments'),
    });
    await handler(update, lambdaContext());
    const body = server.onlyBody();
    expect(body).toEqual({ Status: 'FAILED', Reason: body.Reason, PhysicalResourceId: idFor('payments'), ...common(update.RequestId) });
    expect(body.Reason).toMatch(
      /^Key set shared already exists in eu-west-1 \(its (s3|logs) key [0-9a-f-]{36}\)\. Use another ProjectCode, or import or delete the existing key set\.$/,
    );
    expect(emulator.admin.describeAllKeys(ACCOUNT, REGION)).toEqual(before);
  });

  it('in-place Update keeps the id and applies the change', async () => {
    await handler(cfnEvent('Create', server.url, keySetProps('payments')), lambdaContext());
    server.received.length = 0;
    const update = cfnEvent(
      'Update',
      server.url,
      keySetProps('payments', [{ Service: 's3', RotationPeriodInDays: 90 }, { Service: 'logs' }]),
      {
        physicalResourceId: idFor('payments'),
        oldProperties: keySetProps('payments'),
      },
    );
    await handler(update, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: idFor('payments'),
      ...common(update.RequestId),
      Data: expectedData(emulator, 'payments'),
    });
    expect(keysOf(emulator, 'payments').s3.rotation).toEqual({ enabled: true, periodInDays: 90 });
  });

  it('refuses to change PrimaryRegion under the same ProjectCode (the aliases would collide), keeping the id', async () => {
    const multiRegion = keySetProps('payments', [{ Service: 's3', MultiRegion: true }]);
    await handler(cfnEvent('Create', server.url, multiRegion), lambdaContext());
    expect(server.onlyBody().Status).toBe('SUCCESS');
    server.received.length = 0;
    emulator.admin.clearCallLog();
    const update = cfnEvent(
      'Update',
      server.url,
      { ...multiRegion, PrimaryRegion: 'us-east-1' },
      { physicalResourceId: idFor('payments'), oldProperties: multiRegion },
    );
    await handler(update, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'FAILED',
      Reason:
        'PrimaryRegion cannot change from eu-west-1 to us-east-1 while ProjectCode stays "payments": a replacement key set would need the same aliases alias/payments/<service> as the existing one. Change ProjectCode together with PrimaryRegion (CloudFormation then replaces the key set), or remove the resource and add it again.',
      PhysicalResourceId: idFor('payments'),
      ...common(update.RequestId),
    });
    expect(mutatingCalls(emulator)).toEqual({});
  });

  it('the rollback after a refused PrimaryRegion change succeeds: the live key set already matches', async () => {
    const multiRegion = keySetProps('payments', [{ Service: 's3', MultiRegion: true }]);
    await handler(cfnEvent('Create', server.url, multiRegion), lambdaContext());
    server.received.length = 0;
    emulator.admin.clearCallLog();
    const rollback = cfnEvent('Update', server.url, multiRegion, {
      physicalResourceId: idFor('payments'),
      oldProperties: { ...multiRegion, PrimaryRegion: 'us-east-1' },
    });
    await handler(rollback, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: idFor('payments'),
      ...common(rollback.RequestId),
      Data: expectedData(emulator, 'payments'),
    });
    expect(mutatingCalls(emulator)).toEqual({});
  });

  it('duplicate delivery of the same Create converges: same answer, one key per service', async () => {
    const event = cfnEvent('Create', server.url, keySetProps('payments'));
    await handler(event, lambdaContext());
    await handler(event, lambdaContext());
    expect(server.received).toHaveLength(2);
    const [first, second] = server.received.map((r) => JSON.parse(r.body));
    expect(second).toEqual(first);
    expect(first).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: idFor('payments'),
      ...common(event.RequestId),
      Data: expectedData(emulator, 'payments'),
    });
    expect(liveKeys(emulator)).toHaveLength(2);
    expect(emulator.admin.callCounts().CreateKey).toBe(2);
  });

  it('duplicate delivery after a Create stopped mid-way adopts the keys it already made', async () => {
    // KMS throttles CreateAlias: the keys exist, the first delivery runs out of time (IN_PROGRESS until its
    // deadline, no rollback) and answers FAILED; Lambda then delivers the same request again.
    configureEngine({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2, invalidPrincipalAttempts: 2 }, deadlineReserveMs: 200 });
    try {
      emulator.admin.injectFault({ operation: 'CreateAlias', rate: 1, error: 'ThrottlingException' });
      const event = cfnEvent('Create', server.url, keySetProps('payments'));
      await handler(event, lambdaContext(5000));
      expect(JSON.parse(server.received[0].body)).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/did not finish/) });
      const keysAfterFirst = emulator.admin.describeAllKeys(ACCOUNT, REGION);
      expect(keysAfterFirst.map((k) => k.state)).toEqual(['Enabled', 'Enabled']);
      expect(keysAfterFirst.flatMap((k) => k.aliases)).toEqual([]);

      emulator.admin.clearFaults();
      await handler(event, lambdaContext());
      expect(JSON.parse(server.received[1].body)).toEqual({
        Status: 'SUCCESS',
        PhysicalResourceId: idFor('payments'),
        ...common(event.RequestId),
        Data: expectedData(emulator, 'payments'),
      });
      const keysAfterSecond = emulator.admin.describeAllKeys(ACCOUNT, REGION).map((k) => k.keyId);
      expect(keysAfterSecond.sort()).toEqual(keysAfterFirst.map((k) => k.keyId).sort());
      expect(emulator.admin.callCounts().CreateKey).toBe(2);
    } finally {
      resetEngine();
    }
  });

  it('duplicate delivery of a Delete succeeds both times', async () => {
    await handler(cfnEvent('Create', server.url, keySetProps('payments')), lambdaContext());
    server.received.length = 0;
    const del = cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: idFor('payments') });
    await handler(del, lambdaContext());
    await handler(del, lambdaContext());
    const expected = { Status: 'SUCCESS', PhysicalResourceId: idFor('payments'), ...common(del.RequestId) };
    expect(server.received.map((r) => JSON.parse(r.body))).toEqual([expected, expected]);
    expect(liveKeys(emulator)).toHaveLength(0);
  });

  it('response-size limit: a key set of every supported service still answers within 4,096 bytes with every KeyArn', async () => {
    const services = supportedServices().map((s) => ({ Service: s.id }));
    const event = cfnEvent('Create', server.url, keySetProps('all-services-project', services));
    await handler(event, lambdaContext(600_000));
    const raw = server.received[0].body;
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(4096);
    const full = expectedData(emulator, 'all-services-project');
    expect(Object.keys(full)).toHaveLength(services.length * 3);
    expect(JSON.parse(raw)).toEqual({
      Status: 'SUCCESS',
      Reason: 'Data omits the .AliasName and .KeyId attributes to fit the 4,096-byte response limit.',
      PhysicalResourceId: idFor('all-services-project'),
      ...common(event.RequestId),
      Data: Object.fromEntries(Object.entries(full).filter(([name]) => name.endsWith('.KeyArn'))),
    });
  });

  it('retries the response PUT after network errors', async () => {
    await server.close();
    server = await startResponseServer({ dropFirst: 2 });
    const event = cfnEvent('Create', server.url, keySetProps('payments'));
    await handler(event, lambdaContext());
    expect(server.attempts).toBe(3);
    expect(server.onlyBody()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: idFor('payments'),
      ...common(event.RequestId),
      Data: expectedData(emulator, 'payments'),
    });
    expect(logs.filter((l) => l.message === 'response PUT failed; retrying')).toHaveLength(2);
  });

  it('fails the invocation when the response cannot be delivered, so Lambda retries the request', async () => {
    await server.close();
    server = await startResponseServer({ failFirstWith: { count: 10, status: 403 } });
    const event = cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: 'not-ours' });
    await expect(handler(event, lambdaContext())).rejects.toThrow(/refused the response with HTTP 403/);
  });

  it('unexpected input: a provider in another account answers FAILED instead of creating keys there', async () => {
    const event = { ...cfnEvent('Create', server.url, keySetProps('payments')), StackId: STACK_ID.replace(ACCOUNT, '222222222222') };
    await handler(event, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'FAILED',
      Reason:
        'The stack is in account 222222222222 but this provider function runs in account 111111111111 with its own role, so it can only manage key sets in 111111111111; deploy the provider in account 222222222222 (one provider per account and Region).',
      PhysicalResourceId: `servicekmskeys-create-failed/${event.RequestId}`,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: 'AppKeys',
    });
    expect(emulator.admin.callCounts()).toEqual({});
  });

  it('Delete after a Create refused for a foreign account succeeds too (the stack can roll back)', async () => {
    const stackId = STACK_ID.replace(ACCOUNT, '222222222222');
    const create = { ...cfnEvent('Create', server.url, keySetProps('payments')), StackId: stackId };
    await handler(create, lambdaContext());
    const marker = server.onlyBody().PhysicalResourceId as string;
    server.received.length = 0;
    const del = { ...cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: marker }), StackId: stackId };
    await handler(del, lambdaContext());
    expect(server.onlyBody()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: marker,
      StackId: stackId,
      RequestId: del.RequestId,
      LogicalResourceId: 'AppKeys',
    });
    expect(emulator.admin.callCounts()).toEqual({});
  });

  it('never logs the pre-signed URL', async () => {
    await handler(cfnEvent('Delete', server.url, keySetProps('payments'), { physicalResourceId: 'not-ours' }), lambdaContext());
    expect(JSON.stringify(logs)).not.toContain('X-Amz-Signature');
  });
});
