import {
  CreateGrantCommand,
  CreateKeyCommand,
  EncryptCommand,
  ListGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
} from '@aws-sdk/client-kms';
import { ACCOUNT_A, kmsClient, rejection, useEmulator, P } from './support';

const GRANTEE = `arn:${P}:iam::${ACCOUNT_A}:role/App`;

describe('CreateGrant / ListGrants / RevokeGrant / RetireGrant', () => {
  const emu = useEmulator();

  it('creates, lists (paged), and revokes grants', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const g = await kms.send(
        new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: GRANTEE, Operations: ['Decrypt'], Name: `g${i}` }),
      );
      expect(g.GrantToken).toBeTruthy();
      ids.push(g.GrantId!);
    }
    const page = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId, Limit: 2 }));
    expect(page.Grants).toHaveLength(2);
    expect(page.Truncated).toBe(true);
    expect(page.Grants?.[0]).toMatchObject({
      KeyId: key.Arn,
      GranteePrincipal: GRANTEE,
      Operations: ['Decrypt'],
      IssuingAccount: `arn:${P}:iam::${ACCOUNT_A}:root`,
    });
    await kms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId: ids[0] }));
    expect((await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }))).Grants).toHaveLength(2);
    expect((await rejection(kms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId: ids[0] })))).name).toBe('NotFoundException');
    expect((await rejection(kms.send(new ListGrantsCommand({ KeyId: key.KeyId, Marker: 'zzz' })))).name).toBe('InvalidMarkerException');
  });

  it('is idempotent for the same Name and parameters', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const a = await kms.send(
      new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: GRANTEE, Operations: ['Decrypt'], Name: 'same' }),
    );
    const b = await kms.send(
      new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: GRANTEE, Operations: ['Decrypt'], Name: 'same' }),
    );
    expect(b.GrantId).toBe(a.GrantId);
  });

  it('validates operations and principals', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect(
      (
        await rejection(
          kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: GRANTEE, Operations: ['PutKeyPolicy' as never] })),
        )
      ).name,
    ).toBe('ValidationException');
    expect(
      (
        await rejection(
          kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: 'not a principal', Operations: ['Decrypt'] })),
        )
      ).name,
    ).toBe('ValidationException');
  });

  it('accepts issued grant tokens and rejects unknown ones with InvalidGrantTokenException', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const g = await kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: GRANTEE, Operations: ['Encrypt'] }));
    await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array([1]), GrantTokens: [g.GrantToken!] }));
    expect(
      (await rejection(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array([1]), GrantTokens: ['bogus'] })))).name,
    ).toBe('InvalidGrantTokenException');
  });

  it('retires by token only as the retiring principal, grantee or issuing account', async () => {
    const kms = kmsClient(emu());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const g = await kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: GRANTEE, Operations: ['Decrypt'] }));
    emu().admin.registerAccount('AKIA111111111111STRANGER', ACCOUNT_A, `arn:${P}:sts::${ACCOUNT_A}:assumed-role/Stranger/s`);
    const stranger = kmsClient(emu(), 'eu-west-1', 'AKIA111111111111STRANGER');
    expect((await rejection(stranger.send(new RetireGrantCommand({ GrantToken: g.GrantToken })))).name).toBe('AccessDeniedException');
    await kms.send(new RetireGrantCommand({ GrantToken: g.GrantToken }));
    expect((await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }))).Grants).toEqual([]);
    expect((await rejection(kms.send(new RetireGrantCommand({ GrantToken: g.GrantToken })))).name).toBe('InvalidGrantTokenException');
  });
});
