import { readFileSync } from 'node:fs';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { KMS_RATES } from '../../emulator/quotas';
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

  it('charges ReplicateKey even when the charge exceeds the bucket (small factor): taken once, then the debt throttles', async () => {
    emu().admin.setQuotas({ factor: 0.2 }); // CreateKey: 1 rps, a bucket of 1 token < the 2 requests charged
    const eu = kmsClient(emu(), 'eu-west-1');
    const key = (await eu.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    await eu.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
    expect((await rejection(kmsClient(emu(), 'us-east-1').send(new CreateKeyCommand({})))).name).toBe('ThrottlingException');
  });
});

/** The request-quota table of kms-facts.md §4 as { API: rps }. */
function documentedRates(): Record<string, number> {
  const text = readFileSync('/work/shared/reference/kms-facts.md', 'utf8');
  const section = text.slice(text.indexOf('## 4.'), text.indexOf('## 5.'));
  const rates: Record<string, number> = {};
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    for (let i = 1; i + 1 < cells.length; i += 2) {
      const names = cells[i].split('/').map((n) => n.trim());
      const values = (/^[\d\s/]+/.exec(cells[i + 1])?.[0] ?? '').split('/').map((v) => Number(v.trim()));
      if (!names.every((n) => /^[A-Z][A-Za-z]+$/.test(n)) || values.length !== names.length || values.some((v) => !v)) continue;
      names.forEach((name, j) => (rates[name] = values[j]));
    }
  }
  return rates;
}

describe('quota table', () => {
  it('has the rate of every API in kms-facts.md section 4', () => {
    const documented = documentedRates();
    expect(Object.keys(documented)).toHaveLength(23);
    for (const [api, rps] of Object.entries(documented)) expect([api, KMS_RATES[api]]).toEqual([api, rps]);
  });
});
