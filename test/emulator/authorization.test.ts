import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  CreateGrantCommand,
} from '@aws-sdk/client-kms';
import { startEmulator } from '../../emulator';
import { ACCOUNT_A, ACCOUNT_B, kmsClient, rejection, useEmulator, P } from './support';

const OWNER_ADMIN = 'AKIA111111111111ADMIN';
const APP = 'AKIA111111111111APP';
const B_APP = 'AKIA222222222222APP';
const C_APP = 'AKIA333333333333APP';
const ADMIN_ROLE = `arn:${P}:iam::${ACCOUNT_A}:role/KeyAdmin`;
const APP_ROLE = `arn:${P}:iam::${ACCOUNT_A}:role/App`;
const B_ROLE = `arn:${P}:iam::${ACCOUNT_B}:role/Consumer`;
const C_ROLE = `arn:${P}:iam::333333333333:role/Consumer`;
const session = (role: string, name = 's') => role.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/') + `/${name}`;
const text = (s: string) => new TextEncoder().encode(s);

function keyPolicy(extra: object[] = []) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Admins',
        Effect: 'Allow',
        Principal: { AWS: ADMIN_ROLE },
        Action: ['kms:PutKeyPolicy', 'kms:Describe*', 'kms:ScheduleKeyDeletion'],
        Resource: '*',
      },
      { Sid: 'Users', Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
      {
        Sid: 'ViaS3',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': [ACCOUNT_A, ACCOUNT_B] } },
      },
      ...extra,
    ],
  });
}

describe('authorization mode', () => {
  const emu = useEmulator({ authorization: true });

  beforeEach(() => {
    const admin = emu().admin;
    admin.registerAccount(OWNER_ADMIN, ACCOUNT_A, session(ADMIN_ROLE));
    admin.registerAccount(APP, ACCOUNT_A, session(APP_ROLE));
    admin.registerAccount(B_APP, ACCOUNT_B, session(B_ROLE));
    admin.registerAccount(C_APP, '333333333333', session(C_ROLE));
  });

  async function ownerKey(extra: object[] = []) {
    const root = kmsClient(emu(), 'eu-west-1', `AKIA${ACCOUNT_A}ROOT`);
    return (await root.send(new CreateKeyCommand({ Policy: keyPolicy(extra) }))).KeyMetadata!;
  }

  it('lets the account root act through the root statement', async () => {
    const key = await ownerKey();
    await kmsClient(emu(), 'eu-west-1', `AKIA${ACCOUNT_A}ROOT`).send(new DescribeKeyCommand({ KeyId: key.KeyId }));
  });

  it('allows named principals only the actions their statement lists', async () => {
    const key = await ownerKey();
    const app = kmsClient(emu(), 'eu-west-1', APP);
    const enc = await app.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text('x') }));
    await app.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect((await rejection(app.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId })))).name).toBe('AccessDeniedException');
    const admin = kmsClient(emu(), 'eu-west-1', OWNER_ADMIN);
    expect((await rejection(admin.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text('x') })))).name).toBe(
      'AccessDeniedException',
    );
    await admin.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
  });

  it('needs an identity policy for same-account principals that only the root statement covers', async () => {
    const key = await ownerKey();
    emu().admin.registerAccount('AKIA111111111111OTHER', ACCOUNT_A, session(`arn:${P}:iam::${ACCOUNT_A}:role/Other`));
    const other = kmsClient(emu(), 'eu-west-1', 'AKIA111111111111OTHER');
    expect((await rejection(other.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).name).toBe('AccessDeniedException');
    emu().admin.putIdentityPolicy(`arn:${P}:iam::${ACCOUNT_A}:role/Other`, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'kms:DescribeKey', Resource: key.Arn }],
    });
    await other.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
  });

  it('requires key policy AND identity policy cross-account, by key ARN', async () => {
    const key = await ownerKey([
      {
        Sid: 'B',
        Effect: 'Allow',
        Principal: { AWS: `arn:${P}:iam::${ACCOUNT_B}:root` },
        Action: ['kms:Encrypt', 'kms:DescribeKey'],
        Resource: '*',
      },
    ]);
    const b = kmsClient(emu(), 'eu-west-1', B_APP);
    expect((await rejection(b.send(new DescribeKeyCommand({ KeyId: key.Arn })))).name).toBe('AccessDeniedException');
    emu().admin.putIdentityPolicy(B_ROLE, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });
    await b.send(new DescribeKeyCommand({ KeyId: key.Arn }));
    expect((await rejection(b.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).name).toBe('NotFoundException');
    expect((await rejection(b.send(new PutKeyPolicyCommand({ KeyId: key.Arn, Policy: keyPolicy() })))).name).toBe('AccessDeniedException');
  });

  it('honours kms:ViaService and kms:CallerAccount from the test header', async () => {
    const key = await ownerKey();
    emu().admin.putIdentityPolicy(B_ROLE, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });
    emu().admin.putIdentityPolicy(C_ROLE, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });
    const via = (accessKeyId: string, service?: string) => {
      const client = kmsClient(emu(), 'eu-west-1', accessKeyId);
      if (service)
        client.middlewareStack.add(
          (next) => (args) => {
            (args.request as { headers: Record<string, string> }).headers['x-emulator-via-service'] = service;
            return next(args);
          },
          { step: 'build' },
        );
      return client;
    };
    await via(B_APP, 's3.eu-west-1.amazonaws.com').send(new EncryptCommand({ KeyId: key.Arn, Plaintext: text('x') }));
    expect((await rejection(via(B_APP).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: text('x') })))).name).toBe(
      'AccessDeniedException',
    );
    expect(
      (await rejection(via(B_APP, 'ec2.eu-west-1.amazonaws.com').send(new EncryptCommand({ KeyId: key.Arn, Plaintext: text('x') })))).name,
    ).toBe('AccessDeniedException');
    expect(
      (await rejection(via(C_APP, 's3.eu-west-1.amazonaws.com').send(new EncryptCommand({ KeyId: key.Arn, Plaintext: text('x') })))).name,
    ).toBe('AccessDeniedException');
  });

  it('evaluates aws:PrincipalOrgID from registered organizations', async () => {
    const key = await ownerKey([
      {
        Sid: 'Org',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
      },
    ]);
    emu().admin.putIdentityPolicy(B_ROLE, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });
    const b = kmsClient(emu(), 'eu-west-1', B_APP);
    expect((await rejection(b.send(new DescribeKeyCommand({ KeyId: key.Arn })))).name).toBe('AccessDeniedException');
    emu().admin.registerOrganization({
      id: 'o-abc123',
      rootId: 'r-ab12',
      accounts: { [ACCOUNT_A]: 'o-abc123/r-ab12/', [ACCOUNT_B]: 'o-abc123/r-ab12/ou-ab12-11111111/' },
    });
    await b.send(new DescribeKeyCommand({ KeyId: key.Arn }));
  });

  it('lets an explicit Deny win over everything', async () => {
    const key = await ownerKey([
      {
        Sid: 'NoDelete',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:ScheduleKeyDeletion',
        Resource: '*',
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': ADMIN_ROLE } },
      },
    ]);
    const root = kmsClient(emu(), 'eu-west-1', `AKIA${ACCOUNT_A}ROOT`);
    expect((await rejection(root.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId })))).name).toBe('AccessDeniedException');
    await kmsClient(emu(), 'eu-west-1', OWNER_ADMIN).send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
  });

  it('needs kms:CreateKey (and kms:TagResource for tags) from IAM to create keys', async () => {
    const app = kmsClient(emu(), 'eu-west-1', APP);
    expect((await rejection(app.send(new CreateKeyCommand({})))).name).toBe('AccessDeniedException');
    emu().admin.putIdentityPolicy(APP_ROLE, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*' }],
    });
    await app.send(
      new CreateKeyCommand({
        Policy: keyPolicy([{ Sid: 'AppAdmin', Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:PutKeyPolicy', Resource: '*' }]),
      }),
    );
    const tagged = await rejection(app.send(new CreateKeyCommand({ Policy: keyPolicy(), Tags: [{ TagKey: 'a', TagValue: 'b' }] })));
    expect(tagged.name).toBe('AccessDeniedException');
    expect(tagged.message).toContain('kms:TagResource');
  });

  it('needs IAM permission on the alias as well as key-policy permission on the key for CreateAlias', async () => {
    const key = await ownerKey([
      { Sid: 'AppAlias', Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:CreateAlias', Resource: '*' },
    ]);
    const app = kmsClient(emu(), 'eu-west-1', APP);
    const denied = await rejection(app.send(new CreateAliasCommand({ AliasName: 'alias/app/x', TargetKeyId: key.KeyId })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain(`arn:${P}:kms:eu-west-1:${ACCOUNT_A}:alias/app/x`);
    emu().admin.putIdentityPolicy(APP_ROLE, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'kms:CreateAlias', Resource: `arn:${P}:kms:eu-west-1:${ACCOUNT_A}:alias/app/*` }],
    });
    await app.send(new CreateAliasCommand({ AliasName: 'alias/app/x', TargetKeyId: key.KeyId }));
    expect((await rejection(app.send(new CreateAliasCommand({ AliasName: 'alias/other/x', TargetKeyId: key.KeyId })))).name).toBe(
      'AccessDeniedException',
    );
  });

  it('lets grants allow what the policies do not', async () => {
    const key = await ownerKey();
    const root = kmsClient(emu(), 'eu-west-1', `AKIA${ACCOUNT_A}ROOT`);
    const otherRole = `arn:${P}:iam::${ACCOUNT_A}:role/Worker`;
    emu().admin.registerAccount('AKIA111111111111WORKER', ACCOUNT_A, session(otherRole));
    const worker = kmsClient(emu(), 'eu-west-1', 'AKIA111111111111WORKER');
    expect((await rejection(worker.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text('x') })))).name).toBe(
      'AccessDeniedException',
    );
    await root.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: otherRole, Operations: ['Encrypt'] }));
    await worker.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text('x') }));
  });
});

describe('authorization switch', () => {
  it('is off by default and can be switched on at run time', async () => {
    const emu = await startEmulator();
    try {
      emu.admin.registerAccount('AKIA111111111111OTHER', ACCOUNT_A, `arn:${P}:sts::${ACCOUNT_A}:assumed-role/Other/s`);
      const root = new KMSClient({
        region: 'eu-west-1',
        endpoint: emu.endpoint,
        maxAttempts: 1,
        credentials: { accessKeyId: `AKIA${ACCOUNT_A}ROOT`, secretAccessKey: 'x' },
      });
      const other = new KMSClient({
        region: 'eu-west-1',
        endpoint: emu.endpoint,
        maxAttempts: 1,
        credentials: { accessKeyId: 'AKIA111111111111OTHER', secretAccessKey: 'x' },
      });
      const key = (await root.send(new CreateKeyCommand({}))).KeyMetadata!;
      await other.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      emu.admin.setAuthorization(true);
      expect((await rejection(other.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).name).toBe('AccessDeniedException');
    } finally {
      await emu.stop();
    }
  });
});
