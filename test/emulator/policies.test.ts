import { CreateKeyCommand, GetKeyPolicyCommand, ListKeyPoliciesCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT_A, accessKeyFor, kmsClient, rejection, rootPolicy, useEmulator, P } from './support';

const ROLE = `arn:${P}:iam::${ACCOUNT_A}:role/Deployer`;
const SESSION = `arn:${P}:sts::${ACCOUNT_A}:assumed-role/Deployer/cfn-session`;
const DEPLOYER_KEY = 'AKIA111111111111DEPLOYER';

const policy = (statements: object[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements, ...extra });
const allow = (principal: unknown, action: unknown = 'kms:*', more: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  Resource: '*',
  ...more,
});

describe('GetKeyPolicy / PutKeyPolicy / ListKeyPolicies', () => {
  const emu = useEmulator();

  async function key(accessKeyId = accessKeyFor(ACCOUNT_A)) {
    const kms = kmsClient(emu(), 'eu-west-1', accessKeyId);
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    return { kms, keyId: KeyMetadata!.KeyId! };
  }

  async function putError(text: string, accessKeyId?: string) {
    const { kms, keyId } = await key(accessKeyId);
    return rejection(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: text })));
  }

  it('stores and returns the policy; the only policy name is "default"', async () => {
    const { kms, keyId } = await key();
    const text = rootPolicy('aws', ACCOUNT_A);
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: text }));
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(text);
    expect((await kms.send(new ListKeyPoliciesCommand({ KeyId: keyId }))).PolicyNames).toEqual(['default']);
    expect((await rejection(kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'other' })))).name).toBe('NotFoundException');
  });

  it.each([
    ['not JSON', '{"Version":'],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' })],
    ['no Version', JSON.stringify({ Statement: [allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` })] })],
    ['bad Effect', policy([{ ...allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }), Effect: 'Permit' }])],
    ['no Principal', policy([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }])],
    ['no Resource', policy([{ Effect: 'Allow', Principal: { AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, Action: 'kms:*' }])],
    ['unknown element', policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, 'kms:*', { Foo: 1 })])],
    [
      'unknown operator',
      policy([
        allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }),
        allow('*', 'kms:Decrypt', { Condition: { StringEqualz: { 'kms:CallerAccount': ACCOUNT_A } } }),
      ]),
    ],
    [
      'malformed principal ARN',
      policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }), allow({ AWS: `arn:${P}:iam::12345:role/x` }, 'kms:Decrypt')]),
    ],
    [
      'principal in another partition',
      policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }), allow({ AWS: `arn:aws-cn:iam::${ACCOUNT_A}:role/x` }, 'kms:Decrypt')]),
    ],
    [
      'duplicate Sid',
      policy([
        allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, 'kms:*', { Sid: 'a' }),
        allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, 'kms:Decrypt', { Sid: 'a' }),
      ]),
    ],
  ])('rejects a policy with %s as MalformedPolicyDocumentException', async (_label, text) => {
    expect((await putError(text)).name).toBe('MalformedPolicyDocumentException');
  });

  it('rejects policies over 32,768 UTF-8 bytes and outside the charset with ValidationException', async () => {
    const big = policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, 'kms:*', { Sid: 'x'.repeat(32768) })]);
    expect((await putError(big)).name).toBe('ValidationException');
    const latin = policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, 'kms:*', { Sid: 'é'.repeat(16370) })]);
    expect(latin.length).toBeLessThanOrEqual(32768);
    expect((await putError(latin)).name).toBe('ValidationException');
    const emoji = policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, 'kms:*', { Sid: 'key \u{1F511}' })]);
    expect((await putError(emoji)).name).toBe('ValidationException');
  });

  it('accepts Sids with spaces, service principals, account IDs and session ARNs', async () => {
    const { kms, keyId } = await key();
    const text = policy([
      allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, 'kms:*', { Sid: 'Enable IAM User Permissions' }),
      allow({ Service: 'logs.eu-west-1.amazonaws.com' }, ['kms:Encrypt*', 'kms:Decrypt*']),
      allow({ AWS: ['222222222222', SESSION] }, 'kms:Decrypt'),
    ]);
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: text }));
  });

  describe('lockout safety check', () => {
    const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';

    beforeEach(() => emu().admin.registerAccount(DEPLOYER_KEY, ACCOUNT_A, SESSION));

    it('fails when the caller cannot call PutKeyPolicy afterwards', async () => {
      const error = await putError(policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:role/Other` })]), DEPLOYER_KEY);
      expect(error.name).toBe('MalformedPolicyDocumentException');
      expect(error.message).toBe(LOCKOUT);
      const onlyDecrypt = await putError(policy([allow({ AWS: ROLE }, 'kms:Decrypt')]), DEPLOYER_KEY);
      expect(onlyDecrypt.message).toBe(LOCKOUT);
    });

    it('passes for the caller role ARN, the session ARN, the account root with kms:* or kms:PutKeyPolicy', async () => {
      const { kms, keyId } = await key(DEPLOYER_KEY);
      for (const text of [
        policy([allow({ AWS: ROLE }, ['kms:PutKeyPolicy', 'kms:Describe*'])]),
        policy([allow({ AWS: SESSION }, 'kms:Put*')]),
        policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` })]),
        policy([allow({ AWS: ACCOUNT_A }, 'kms:PutKeyPolicy')]),
      ]) {
        await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: text }));
      }
    });

    it('fails when an explicit Deny hits the caller, passes when the Deny exempts it', async () => {
      const deny = (exempt: string) => ({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:PutKeyPolicy',
        Resource: '*',
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': exempt } },
      });
      const root = allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:root` });
      expect((await putError(policy([root, deny(`arn:${P}:iam::${ACCOUNT_A}:role/Admin`)]), DEPLOYER_KEY)).message).toBe(LOCKOUT);
      const { kms, keyId } = await key(DEPLOYER_KEY);
      await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy([root, deny(ROLE)]) }));
    });

    it('is skipped with BypassPolicyLockoutSafetyCheck, also on CreateKey', async () => {
      const locked = policy([allow({ AWS: `arn:${P}:iam::${ACCOUNT_A}:role/Other` })]);
      const kms = kmsClient(emu(), 'eu-west-1', DEPLOYER_KEY);
      expect((await rejection(kms.send(new CreateKeyCommand({ Policy: locked })))).message).toBe(LOCKOUT);
      await kms.send(new CreateKeyCommand({ Policy: locked, BypassPolicyLockoutSafetyCheck: true }));
    });
  });
});
