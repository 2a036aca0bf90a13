import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { ACCOUNT_A, kmsClient, rejection, useEmulator } from './support';

async function admin(endpoint: string, method: string, args?: unknown[]) {
  const res = await fetch(`${endpoint}/__emulator/${method}`, {
    method: 'POST',
    body: args === undefined ? undefined : JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as { result?: unknown; error?: string } };
}

describe('admin API (in-process and HTTP)', () => {
  const emu = useEmulator();

  it('describes all keys with aliases, tags, policy and rotation', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({ Description: 'd', Tags: [{ TagKey: 't', TagValue: 'v' }], MultiRegion: true })))
      .KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/p/s3', TargetKeyId: key.KeyId }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 100 }));
    expect(emu().admin.describeAllKeys(ACCOUNT_A, 'eu-west-1')).toEqual([
      {
        keyId: key.KeyId,
        arn: key.Arn,
        state: 'Enabled',
        multiRegion: true,
        tags: { t: 'v' },
        aliases: ['alias/p/s3'],
        policy: expect.stringContaining('kms:*'),
        rotation: { enabled: true, periodInDays: 100 },
        description: 'd',
        enabled: true,
      },
    ]);
  });

  it('mutates keys out of band without validation (drift)', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    emu().admin.mutateKey(ACCOUNT_A, 'eu-west-1', key.KeyId!, { policy: '{"drifted":true}', enabled: false, description: 'changed' });
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe('{"drifted":true}');
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({
      KeyState: 'Disabled',
      Description: 'changed',
    });
  });

  it('reset drops registrations unless keepIdentities; AssumeRole sessions survive it', async () => {
    emu().admin.registerAccount('KEPT', '555555555555');
    emu().admin.reset({ keepIdentities: true });
    expect((await kmsClient(emu(), 'eu-west-1', 'KEPT').send(new CreateKeyCommand({}))).KeyMetadata?.AWSAccountId).toBe('555555555555');
    expect(emu().admin.callLog()).toHaveLength(1);
    emu().admin.reset();
    expect(emu().admin.callLog()).toEqual([]);
    expect((await kmsClient(emu(), 'eu-west-1', 'KEPT').send(new CreateKeyCommand({}))).KeyMetadata?.AWSAccountId).toBe('123456789012');
  });

  it('mirrors the admin methods over HTTP under /__emulator/', async () => {
    const endpoint = emu().endpoint;
    await kmsClient(emu()).send(new CreateKeyCommand({}));
    const counts = await fetch(`${endpoint}/__emulator/callCounts?accountId=${ACCOUNT_A}`);
    expect(await counts.json()).toEqual({ result: { CreateKey: 1 } });
    const keys = await fetch(`${endpoint}/__emulator/describeAllKeys?accountId=${ACCOUNT_A}&region=eu-west-1`);
    expect(((await keys.json()) as { result: unknown[] }).result).toHaveLength(1);
    expect((await admin(endpoint, 'injectFault', [{ operation: 'ListKeys', nth: 1, error: 'ThrottlingException' }])).status).toBe(200);
    expect((await rejection(kmsClient(emu()).send(new ListKeysCommand({})))).name).toBe('ThrottlingException');
    expect((await admin(endpoint, 'callLog')).body.result).toHaveLength(2);
    expect((await admin(endpoint, 'reset')).status).toBe(200);
    expect(emu().admin.describeAllKeys(ACCOUNT_A, 'eu-west-1')).toEqual([]);
    expect((await admin(endpoint, 'registerAccount', ['MYKEY', '555555555555'])).status).toBe(200);
    expect((await kmsClient(emu(), 'eu-west-1', 'MYKEY').send(new CreateKeyCommand({}))).KeyMetadata?.AWSAccountId).toBe('555555555555');
    expect(await admin(endpoint, 'setLatency', [{ min: 5, max: 1 }])).toEqual({
      status: 400,
      body: { error: expect.stringContaining('Latency') },
    });
    expect((await admin(endpoint, 'nope')).status).toBe(404);
  });
});
