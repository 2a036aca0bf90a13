import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { ACCOUNT_A, ACCOUNT_B, accessKeyFor, kmsClient, P, rejection, rootPolicy, useEmulator } from './support';

describe('fault injection, latency, consistency window, call log', () => {
  const emu = useEmulator();

  it('fails exactly the nth matching call (scripted fault)', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    emu().admin.injectFault({ operation: 'CreateAlias', nth: 3, error: 'KMSInternalException' });
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/a1', TargetKeyId: key.KeyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/a2', TargetKeyId: key.KeyId }));
    const error = await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/a3', TargetKeyId: key.KeyId })));
    expect(error.name).toBe('KMSInternalException');
    expect(error.$metadata?.httpStatusCode).toBe(500);
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/a3', TargetKeyId: key.KeyId }));
    expect(
      emu()
        .admin.callLog()
        .filter((c) => c.operation === 'CreateAlias')
        .map((c) => c.status),
    ).toEqual([200, 200, 500, 200]);
  });

  it('applies error rates per operation (rate 1 = always) and clears them', async () => {
    const kms = kmsClient(emu());
    emu().admin.injectFault({ operation: 'ListKeys', rate: 1, error: 'ThrottlingException' });
    const throttled = await rejection(kms.send(new ListKeysCommand({})));
    expect(throttled.name).toBe('ThrottlingException');
    expect(throttled.$metadata?.httpStatusCode).toBe(400);
    await kms.send(new CreateKeyCommand({}));
    emu().admin.injectFault({ rate: 1, error: 'DependencyTimeoutException' });
    const timeout = await rejection(kms.send(new CreateKeyCommand({})));
    expect(timeout.name).toBe('DependencyTimeoutException');
    expect(timeout.$metadata?.httpStatusCode).toBe(500);
    emu().admin.clearFaults();
    await kms.send(new ListKeysCommand({}));
  });

  it('injects any KMS error code with a chosen message (e.g. the transient "invalid principals" refusal)', async () => {
    const message = 'Policy contains a statement with one or more invalid principals.';
    emu().admin.injectFault({ operation: 'CreateKey', nth: 1, error: 'MalformedPolicyDocumentException', message });
    const error = await rejection(kmsClient(emu()).send(new CreateKeyCommand({})));
    expect(error.name).toBe('MalformedPolicyDocumentException');
    expect(error.message).toBe(message);
    await kmsClient(emu()).send(new CreateKeyCommand({}));
  });

  it('drops connections', async () => {
    emu().admin.injectFault({ operation: 'DescribeKey', nth: 1, error: 'DROP_CONNECTION' });
    const error = await rejection(kmsClient(emu()).send(new DescribeKeyCommand({ KeyId: 'x' })));
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    expect(emu().admin.callLog()).toEqual([expect.objectContaining({ operation: 'DescribeKey', status: 0, errorCode: 'DROP_CONNECTION' })]);
  });

  it('adds latency (fixed and {min,max})', async () => {
    const kms = kmsClient(emu());
    emu().admin.setLatency(120);
    let start = Date.now();
    await kms.send(new ListKeysCommand({}));
    expect(Date.now() - start).toBeGreaterThanOrEqual(110);
    emu().admin.setLatency({ min: 60, max: 80 });
    start = Date.now();
    await kms.send(new ListKeysCommand({}));
    expect(Date.now() - start).toBeGreaterThanOrEqual(55);
    expect(() => emu().admin.setLatency({ min: 10, max: 5 })).toThrow();
  });

  it('hides new keys and replicas for the consistency window', async () => {
    emu().admin.setConsistencyWindowMs(1000);
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).name).toBe('NotFoundException');
    expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })))).name).toBe('NotFoundException');
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: key.KeyId })))).name).toBe(
      'NotFoundException',
    );
    expect((await kms.send(new ListKeysCommand({}))).Keys).toEqual([]);
    await new Promise((r) => setTimeout(r, 1050));
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    const us = kmsClient(emu(), 'us-east-1');
    expect((await rejection(us.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).name).toBe('NotFoundException');
  });

  it('serves stale reads after PutKeyPolicy / CreateAlias / UpdateAlias for the stale-read window', async () => {
    const kms = kmsClient(emu());
    const a = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const b = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const before = (await kms.send(new GetKeyPolicyCommand({ KeyId: a.KeyId }))).Policy!;
    emu().admin.setStaleReadMs(600);
    const next = rootPolicy(P, ACCOUNT_A);
    await kms.send(new PutKeyPolicyCommand({ KeyId: a.KeyId, Policy: next }));
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: a.KeyId }))).Policy).toBe(before);
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/s', TargetKeyId: a.KeyId }));
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'alias/s' })))).name).toBe('NotFoundException');
    await new Promise((r) => setTimeout(r, 650));
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: a.KeyId }))).Policy).toBe(next);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/s' }))).KeyMetadata?.KeyId).toBe(a.KeyId);
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/s', TargetKeyId: b.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/s' }))).KeyMetadata?.KeyId).toBe(a.KeyId);
    await new Promise((r) => setTimeout(r, 650));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/s' }))).KeyMetadata?.KeyId).toBe(b.KeyId);
  });

  it('counts calls per operation, filtered by account and Region, and clears the log', async () => {
    await kmsClient(emu(), 'eu-west-1').send(new CreateKeyCommand({}));
    await kmsClient(emu(), 'eu-west-1').send(new ListKeysCommand({}));
    await kmsClient(emu(), 'us-east-1').send(new CreateKeyCommand({}));
    await kmsClient(emu(), 'us-east-1', accessKeyFor(ACCOUNT_B)).send(new CreateKeyCommand({}));
    await rejection(kmsClient(emu()).send(new DescribeKeyCommand({ KeyId: 'nope' })));
    expect(emu().admin.callCounts()).toEqual({ CreateKey: 3, ListKeys: 1, DescribeKey: 1 });
    expect(emu().admin.callCounts({ accountId: ACCOUNT_A, region: 'us-east-1' })).toEqual({ CreateKey: 1 });
    const failed = emu()
      .admin.callLog()
      .find((c) => c.operation === 'DescribeKey');
    expect(failed).toMatchObject({ accountId: ACCOUNT_A, region: 'eu-west-1', status: 400, errorCode: 'NotFoundException' });
    emu().admin.clearCallLog();
    expect(emu().admin.callLog()).toEqual([]);
  });
});
