/**
 * Authorization mode: the alias condition keys. `kms:ResourceAliases` holds every alias of the key in its account and
 * Region on every request on that key, however the request names the key; `kms:RequestAlias` is the alias the request
 * names the key by, and is absent otherwise.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ReplicateKeyCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { ACCOUNT_A, ACCOUNT_B, accessKeyFor, kmsClient, rejection, useEmulator, P } from './support';

const REGION = 'eu-west-1';
const OWNER = accessKeyFor(ACCOUNT_A);
const CONSUMER = 'AKIA222222222222CONSUMER';
const CONSUMER_ROLE = `arn:${P}:iam::${ACCOUNT_B}:role/Consumer`;
const LOCAL = 'AKIA111111111111LOCAL';
const LOCAL_ROLE = `arn:${P}:iam::${ACCOUNT_A}:role/Local`;
const session = (role: string) => role.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/') + '/s';
const text = (s: string) => new TextEncoder().encode(s);
const USE = ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'];

/** Root administers the key; account B may use it (the decision then rests on B's identity policy). */
const KEY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:${P}:iam::${ACCOUNT_A}:root` }, Action: 'kms:*', Resource: '*' },
    { Sid: 'AccountB', Effect: 'Allow', Principal: { AWS: `arn:${P}:iam::${ACCOUNT_B}:root` }, Action: USE, Resource: '*' },
  ],
});

const identityPolicy = (condition: object) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: USE, Resource: `arn:${P}:kms:*:${ACCOUNT_A}:key/*`, Condition: condition }],
});

const aliasArn = (name: string, region = REGION) => `arn:${P}:kms:${region}:${ACCOUNT_A}:${name}`;

describe('authorization mode: kms:ResourceAliases and kms:RequestAlias', () => {
  const emu = useEmulator({ authorization: true });
  let owner: KMSClient;
  let consumer: KMSClient;

  beforeEach(() => {
    emu().admin.registerAccount(CONSUMER, ACCOUNT_B, session(CONSUMER_ROLE));
    emu().admin.registerAccount(LOCAL, ACCOUNT_A, session(LOCAL_ROLE));
    owner = kmsClient(emu(), REGION, OWNER);
    consumer = kmsClient(emu(), REGION, CONSUMER);
  });

  async function keyWithAliases(...aliases: string[]): Promise<{ KeyId: string; Arn: string }> {
    const key = (await owner.send(new CreateKeyCommand({ Policy: KEY_POLICY }))).KeyMetadata!;
    for (const alias of aliases) await owner.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
    return { KeyId: key.KeyId!, Arn: key.Arn! };
  }

  const encrypt = (client: KMSClient, keyId: string) => client.send(new EncryptCommand({ KeyId: keyId, Plaintext: text('x') }));
  const denial = async (promise: Promise<unknown>) => (await rejection(promise)).name;

  describe('kms:ResourceAliases', () => {
    beforeEach(() => {
      emu().admin.putIdentityPolicy(CONSUMER_ROLE, identityPolicy({ 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/app/*' } }));
    });

    test('a key with a matching alias is allowed by key ARN, alias ARN and for DescribeKey and Decrypt', async () => {
      const key = await keyWithAliases('alias/app/s3');
      const { CiphertextBlob } = await encrypt(consumer, key.Arn);
      await encrypt(consumer, aliasArn('alias/app/s3'));
      await consumer.send(new DescribeKeyCommand({ KeyId: key.Arn }));
      await consumer.send(new DecryptCommand({ CiphertextBlob, KeyId: key.Arn }));
      await consumer.send(new DecryptCommand({ CiphertextBlob }));
    });

    test('a key without aliases, or with none matching, is denied', async () => {
      const allowed = await keyWithAliases('alias/app/s3');
      await encrypt(consumer, allowed.Arn);
      const bare = await keyWithAliases();
      const other = await keyWithAliases('alias/other/s3');
      expect(await denial(encrypt(consumer, bare.Arn))).toBe('AccessDeniedException');
      expect(await denial(encrypt(consumer, other.Arn))).toBe('AccessDeniedException');
      expect(await denial(encrypt(consumer, aliasArn('alias/other/s3')))).toBe('AccessDeniedException');
      expect(await denial(consumer.send(new DescribeKeyCommand({ KeyId: other.Arn })))).toBe('AccessDeniedException');
    });

    test('is multi-valued: every alias of the key counts for ForAnyValue, and ForAllValues sees them all', async () => {
      const key = await keyWithAliases('alias/other/s3', 'alias/app/s3');
      await encrypt(consumer, aliasArn('alias/other/s3'));
      // Identity policies cannot be removed in the emulator: the ForAllValues policy goes to another role.
      emu().admin.putIdentityPolicy(
        LOCAL_ROLE,
        identityPolicy({
          'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/app/*' },
          'ForAllValues:StringLike': { 'kms:ResourceAliases': 'alias/app/*' },
        }),
      );
      const local = kmsClient(emu(), REGION, LOCAL);
      const only = await keyWithAliases('alias/app/sqs', 'alias/app/sqs-legacy');
      await encrypt(local, only.KeyId);
      expect(await denial(encrypt(local, key.KeyId))).toBe('AccessDeniedException');
    });

    test('follows alias changes at once, and same-account callers naming the key by id get it too', async () => {
      const key = await keyWithAliases('alias/app/s3');
      emu().admin.putIdentityPolicy(LOCAL_ROLE, identityPolicy({ 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/app/s3' } }));
      const local = kmsClient(emu(), REGION, LOCAL);
      await encrypt(local, key.KeyId);
      await encrypt(consumer, key.Arn);
      await owner.send(new DeleteAliasCommand({ AliasName: 'alias/app/s3' }));
      expect(await denial(encrypt(local, key.KeyId))).toBe('AccessDeniedException');
      expect(await denial(encrypt(consumer, key.Arn))).toBe('AccessDeniedException');
    });

    test("counts only the aliases in the key's own Region (a replica without the alias is denied)", async () => {
      const primary = (await owner.send(new CreateKeyCommand({ Policy: KEY_POLICY, MultiRegion: true }))).KeyMetadata!;
      await owner.send(new CreateAliasCommand({ AliasName: 'alias/app/s3', TargetKeyId: primary.KeyId }));
      const replica = await owner.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'us-east-1', Policy: KEY_POLICY }));
      await encrypt(consumer, primary.Arn!);
      const east = kmsClient(emu(), 'us-east-1', CONSUMER);
      expect(await denial(encrypt(east, replica.ReplicaKeyMetadata!.Arn!))).toBe('AccessDeniedException');
      await kmsClient(emu(), 'us-east-1', OWNER).send(new CreateAliasCommand({ AliasName: 'alias/app/s3', TargetKeyId: primary.KeyId }));
      await encrypt(east, replica.ReplicaKeyMetadata!.Arn!);
    });
  });

  describe('kms:RequestAlias', () => {
    beforeEach(() => {
      emu().admin.putIdentityPolicy(CONSUMER_ROLE, identityPolicy({ StringEquals: { 'kms:RequestAlias': 'alias/app/s3' } }));
      emu().admin.putIdentityPolicy(LOCAL_ROLE, identityPolicy({ StringEquals: { 'kms:RequestAlias': 'alias/app/s3' } }));
    });

    test('is the alias name when the request names the key by alias ARN or alias name', async () => {
      await keyWithAliases('alias/app/s3');
      const { CiphertextBlob } = await encrypt(consumer, aliasArn('alias/app/s3'));
      await consumer.send(new DecryptCommand({ CiphertextBlob, KeyId: aliasArn('alias/app/s3') }));
      await consumer.send(new DescribeKeyCommand({ KeyId: aliasArn('alias/app/s3') }));
      await encrypt(kmsClient(emu(), REGION, LOCAL), 'alias/app/s3');
    });

    test('is absent when the request names the key by key ARN or key id (or omits KeyId), so the same key is denied', async () => {
      const key = await keyWithAliases('alias/app/s3');
      const { CiphertextBlob } = await encrypt(consumer, aliasArn('alias/app/s3'));
      expect(await denial(encrypt(consumer, key.Arn))).toBe('AccessDeniedException');
      expect(await denial(consumer.send(new DescribeKeyCommand({ KeyId: key.Arn })))).toBe('AccessDeniedException');
      expect(await denial(consumer.send(new DecryptCommand({ CiphertextBlob })))).toBe('AccessDeniedException');
      expect(await denial(encrypt(kmsClient(emu(), REGION, LOCAL), key.KeyId))).toBe('AccessDeniedException');
    });

    test('is the alias the request used, not another alias of the same key', async () => {
      await keyWithAliases('alias/app/s3', 'alias/app/legacy');
      await encrypt(consumer, aliasArn('alias/app/s3'));
      expect(await denial(encrypt(consumer, aliasArn('alias/app/legacy')))).toBe('AccessDeniedException');
    });
  });
});
