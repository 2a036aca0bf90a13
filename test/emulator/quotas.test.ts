import { CreateKeyCommand, DescribeKeyCommand, KMSClient, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT_B, accessKeyFor, kmsClient, rejection, useEmulator } from './support';

/** Sends `n` CreateKey calls at once; returns how many succeeded, were throttled, and the elapsed seconds. */
async function burst(kms: KMSClient, n: number) {
  const start = Date.now();
  const results = await Promise.allSettled(Array.from({ length: n }, () => kms.send(new CreateKeyCommand({}))));
  const elapsed = (Date.now() - start) / 1000;
  const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as Error).name === 'ThrottlingException').length;
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  return { ok, throttled, elapsed };
}

describe('request quotas', () => {
  const emu = useEmulator({ quotas: true });

  it('throttles CreateKey beyond 5 per second per account + Region, independently of other APIs', async () => {
    const kms = kmsClient(emu());
    const { ok, throttled, elapsed } = await burst(kms, 20);
    expect(ok + throttled).toBe(20);
    // Token bucket: at most the 1-second burst plus what refills while the burst runs.
    expect(ok).toBeLessThanOrEqual(5 + Math.ceil(5 * elapsed));
    expect(throttled).toBeGreaterThan(0);
    const key = emu().admin.describeAllKeys('111111111111', 'eu-west-1')[0];
    await kms.send(new DescribeKeyCommand({ KeyId: key.keyId }));
    await kmsClient(emu(), 'us-east-1').send(new CreateKeyCommand({}));
    await kmsClient(emu(), 'eu-west-1', accessKeyFor(ACCOUNT_B)).send(new CreateKeyCommand({}));
    await new Promise((r) => setTimeout(r, 250));
    await kms.send(new CreateKeyCommand({}));
  });

  it('scales with a factor and can be switched off', async () => {
    emu().admin.setQuotas({ factor: 2 });
    const scaled = await burst(kmsClient(emu()), 40);
    expect(scaled.ok).toBeGreaterThanOrEqual(10);
    expect(scaled.ok).toBeLessThanOrEqual(10 + Math.ceil(10 * scaled.elapsed));
    expect(scaled.throttled).toBeGreaterThan(0);
    emu().admin.setQuotas(false);
    expect((await burst(kmsClient(emu(), 'us-east-1'), 40)).ok).toBe(40);
  });

  it('charges ReplicateKey 2 CreateKey requests in the replica Region', async () => {
    emu().admin.setQuotas({ factor: 0.4 }); // CreateKey: 2 tokens, refilled at 2 per second
    const eu = kmsClient(emu(), 'eu-west-1');
    const key = (await eu.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    const us = kmsClient(emu(), 'us-east-1');
    await eu.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    expect((await rejection(us.send(new CreateKeyCommand({})))).name).toBe('ThrottlingException');
  });
});
