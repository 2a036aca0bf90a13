import { CreateKeyCommand, ListKeysCommand, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { ACCOUNT_A, accessKeyFor, kmsClient, P, stsClient } from './support';

async function withEmulator(options: EmulatorOptions, body: (emu: RunningEmulator) => Promise<void>) {
  const emu = await startEmulator(options);
  try {
    await body(emu);
  } finally {
    await emu.stop();
  }
}

describe('start options', () => {
  it('maps access keys with accounts/principals and a custom default account', async () => {
    await withEmulator(
      {
        defaultAccountId: '999999999999',
        accounts: { CUSTOMKEY: '888888888888', [accessKeyFor(ACCOUNT_A)]: '777777777777' },
        principals: { CUSTOMKEY: `arn:${P}:sts::888888888888:assumed-role/Deployer/s` },
      },
      async (emu) => {
        expect(await stsClient(emu, 'us-east-1', 'CUSTOMKEY').send(new GetCallerIdentityCommand({}))).toMatchObject({
          Account: '888888888888',
          Arn: `arn:${P}:sts::888888888888:assumed-role/Deployer/s`,
        });
        expect((await stsClient(emu, 'us-east-1', accessKeyFor(ACCOUNT_A)).send(new GetCallerIdentityCommand({}))).Account).toBe(
          '777777777777',
        );
        expect((await stsClient(emu, 'us-east-1', 'UNKNOWN').send(new GetCallerIdentityCommand({}))).Account).toBe('999999999999');
      },
    );
  });

  it('applies latencyMs from the start', async () => {
    await withEmulator({ latencyMs: 100 }, async (emu) => {
      const start = Date.now();
      await kmsClient(emu).send(new ListKeysCommand({}));
      expect(Date.now() - start).toBeGreaterThanOrEqual(90);
    });
  });

  it('uses the documented 200 ms Creating default for replicas', async () => {
    await withEmulator({}, async (emu) => {
      const kms = kmsClient(emu);
      const key = (await kms.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
      const out = await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'us-east-1' }));
      expect(out.ReplicaKeyMetadata?.KeyState).toBe('Creating');
      await new Promise((r) => setTimeout(r, 220));
      expect(emu.admin.describeAllKeys(ACCOUNT_A, 'us-east-1')[0].state).toBe('Enabled');
    });
  });

  it('listens on the requested port', async () => {
    const probe = await startEmulator();
    const port = probe.port;
    await probe.stop();
    await withEmulator({ port }, async (emu) => {
      expect(emu.port).toBe(port);
      expect(emu.endpoint).toBe(`http://127.0.0.1:${port}`);
    });
  });
});
