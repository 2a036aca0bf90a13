import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNT_A, ACCOUNT_B, accessKeyFor, kmsClient, rejection, stsClient, useEmulator, P } from './support';

describe('STS GetCallerIdentity / AssumeRole', () => {
  const emu = useEmulator();

  it('reports the account root for a plain access key and the registered principal otherwise', async () => {
    const me = await stsClient(emu()).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: ACCOUNT_A, Arn: `arn:${P}:iam::${ACCOUNT_A}:root`, UserId: ACCOUNT_A });
    emu().admin.registerAccount('DEPLOYERKEY', ACCOUNT_B, `arn:${P}:sts::${ACCOUNT_B}:assumed-role/Deployer/s1`);
    const deployer = await stsClient(emu(), 'us-east-1', 'DEPLOYERKEY').send(new GetCallerIdentityCommand({}));
    expect(deployer).toMatchObject({ Account: ACCOUNT_B, Arn: `arn:${P}:sts::${ACCOUNT_B}:assumed-role/Deployer/s1` });
    expect(deployer.UserId).toMatch(/^AROA[0-9A-F]+:s1$/);
  });

  it('uses the partition of the Region', async () => {
    const me = await stsClient(emu(), 'cn-north-1').send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws-cn:iam::${ACCOUNT_A}:root`);
  });

  it('works through AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_KMS', async () => {
    const saved = { sts: process.env.AWS_ENDPOINT_URL_STS, kms: process.env.AWS_ENDPOINT_URL_KMS };
    process.env.AWS_ENDPOINT_URL_STS = emu().endpoint;
    process.env.AWS_ENDPOINT_URL_KMS = emu().endpoint;
    try {
      const credentials = { accessKeyId: accessKeyFor(ACCOUNT_B), secretAccessKey: 'x' };
      const sts = new STSClient({ region: 'eu-west-1', credentials });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(ACCOUNT_B);
      const kms = new KMSClient({ region: 'eu-west-1', credentials });
      expect((await kms.send(new CreateKeyCommand({}))).KeyMetadata?.AWSAccountId).toBe(ACCOUNT_B);
    } finally {
      if (saved.sts === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
      else process.env.AWS_ENDPOINT_URL_STS = saved.sts;
      if (saved.kms === undefined) delete process.env.AWS_ENDPOINT_URL_KMS;
      else process.env.AWS_ENDPOINT_URL_KMS = saved.kms;
    }
  });

  it('AssumeRole returns credentials that act as the role session in the role account', async () => {
    const out = await stsClient(emu()).send(
      new AssumeRoleCommand({ RoleArn: `arn:${P}:iam::${ACCOUNT_B}:role/path/Deployer`, RoleSessionName: 'cfn' }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:${P}:sts::${ACCOUNT_B}:assumed-role/Deployer/cfn`);
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    const creds = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    const who = await new STSClient({ region: 'us-east-1', endpoint: emu().endpoint, credentials: creds }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who).toMatchObject({ Account: ACCOUNT_B, Arn: `arn:${P}:sts::${ACCOUNT_B}:assumed-role/Deployer/cfn` });
    const kms = kmsClient(emu(), 'eu-west-1', creds.accessKeyId);
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect(key.AWSAccountId).toBe(ACCOUNT_B);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyId).toBe(key.KeyId);
    emu().admin.reset();
    const again = await new STSClient({ region: 'us-east-1', endpoint: emu().endpoint, credentials: creds }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(again.Arn).toBe(`arn:${P}:sts::${ACCOUNT_B}:assumed-role/Deployer/cfn`);
  });

  it('rejects a malformed RoleArn with ValidationError', async () => {
    const error = await rejection(stsClient(emu()).send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'cfn' })));
    expect(error.name).toBe('ValidationError');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('logs STS calls in the call log', async () => {
    await stsClient(emu()).send(new GetCallerIdentityCommand({}));
    expect(emu().admin.callCounts({ accountId: ACCOUNT_A })).toEqual({ GetCallerIdentity: 1 });
  });
});
