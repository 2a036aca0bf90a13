import { CreateKeyCommand, DescribeKeyCommand, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT_B, accessKeyFor, kmsClient, rejection, useEmulator } from './support';

describe('request quotas', () => {
  const emu = useEmulator({ quotas: true });

  it('throttles CreateKey beyond 5 per second per account + Region, independently of other APIs', async () => {
    const kms = kmsClient(emu());
    const keys = [];
    for (let i = 0; i < 5; i++) keys.push((await kms.send(new CreateKeyCommand({}))).KeyMetadata!);
    const error = await rejection(kms.send(new CreateKeyCommand({})));
    expect(error.name).toBe('ThrottlingException');
    await kms.send(new DescribeKeyCommand({ KeyId: keys[0].KeyId }));
    await kmsClient(emu(), 'us-east-1').send(new CreateKeyCommand({}));
    await kmsClient(emu(), 'eu-west-1', accessKeyFor(ACCOUNT_B)).send(new CreateKeyCommand({}));
    await new Promise((r) => setTimeout(r, 250));
    await kms.send(new CreateKeyCommand({}));
  });

  it('scales with a factor and can be switched off', async () => {
    emu().admin.setQuotas({ factor: 2 });
    const kms = kmsClient(emu());
    for (let i = 0; i < 10; i++) await kms.send(new CreateKeyCommand({}));
    expect((await rejection(kms.send(new CreateKeyCommand({})))).name).toBe('ThrottlingException');
    emu().admin.setQuotas(false);
    for (let i = 0; i < 10; i++) await kms.send(new CreateKeyCommand({}));
  });

  it('charges ReplicateKey 2 CreateKey requests in the replica Region', async () => {
    const eu = kmsClient(emu(), 'eu-west-1');
    const key = (await eu.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    const us = kmsClient(emu(), 'us-east-1');
    for (let i = 0; i < 3; i++) await us.send(new CreateKeyCommand({}));
    await eu.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    expect((await rejection(us.send(new CreateKeyCommand({})))).name).toBe('ThrottlingException');
  });
});
