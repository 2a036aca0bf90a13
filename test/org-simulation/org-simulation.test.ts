/**
 * Org simulation (issue 7 item 4): the rollout parent stack (stacksets/org-rollout.yaml) is deployed in the
 * management account; its StackSets expand over a simulated organization and every stack instance is created
 * with that account's credentials and Region — our type through the real registry `entrypoint` (as the
 * registered execution role), IAM policies as identity policies in the emulator (authorization on). Real KMS
 * calls then prove who can do what, and the whole rollout is torn down through DELETE. See
 * docs/org-simulation.md.
 */
import {
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  PutKeyPolicyCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { callerFor, outcome, rootCaller, viaService, type Caller } from './lib/callers';
import { ACCOUNT, PARTITION, PRIMARY_REGION, REGIONS, REPLICA_REGIONS, iamRoleArn } from './lib/organization';
import { KEY_SETS_STACK_SET, KEY_SET_SERVICES, PROJECT, REGISTRATION_STACK_SET, WIRING_STACK_SET, deployRollout } from './lib/rollout';
import { startSimulation } from './lib/simulation';
import { createStack, deleteStack } from './lib/stack';
import { deleteStackInstances } from './lib/stack-sets';
import type { DeployedStack, SimulatedStackSet, World } from './lib/world';

const ALL_ACCOUNTS = Object.values(ACCOUNT);

const aliasArn = (region: string, service: string): string =>
  `arn:${PARTITION}:kms:${region}:${ACCOUNT.security}:alias/${PROJECT}/${service}`;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('org simulation: rollout, access across accounts and Regions, teardown', () => {
  let world: World;
  let stop: () => Promise<void>;
  let rollout: DeployedStack;
  const plainStacks: DeployedStack[] = [];
  /** A ciphertext made before the teardown and the replica key that decrypted it, for after the teardown. */
  let kept: { ciphertext: Uint8Array; replicaKeyArn: string } | undefined;

  const stackSet = (name: string): SimulatedStackSet => {
    const found = world.stackSets.get(name);
    if (!found) throw new Error(`StackSet ${name} was not created`);
    return found;
  };
  const instancesOf = (name: string): string[] => [...stackSet(name).instances.keys()].sort();
  const keySetOutputs = (region: string): Record<string, unknown> =>
    stackSet(KEY_SETS_STACK_SET).instances.get(`${ACCOUNT.security}/${region}`)!.stack.outputs;
  const securityKeys = (region: string) => world.emulator.admin.describeAllKeys(ACCOUNT.security, region);

  let appA: Caller;
  let webA: Caller;
  let appB: Caller;
  let unwiredA: Caller;
  let outsiderApp: Caller;
  let outsiderWeb: Caller;
  let strangerApp: Caller;
  let keyAdmin: Caller;
  let opsLead: Caller;

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined); // the registry lib logs every invocation
    ({ world, stop } = await startSimulation({ replicaCreatingMs: 50 }));
    appA = callerFor(world, ACCOUNT.memberA, 'App');
    webA = callerFor(world, ACCOUNT.memberA, 'Web');
    appB = callerFor(world, ACCOUNT.memberB, 'App');
    unwiredA = callerFor(world, ACCOUNT.memberA, 'Batch');
    outsiderApp = callerFor(world, ACCOUNT.outsider, 'App');
    outsiderWeb = callerFor(world, ACCOUNT.outsider, 'Web');
    strangerApp = callerFor(world, ACCOUNT.stranger, 'App');
    keyAdmin = callerFor(world, ACCOUNT.security, 'KeyAdmin');
    opsLead = callerFor(world, ACCOUNT.security, 'OpsLead');
  });

  afterAll(async () => {
    await stop?.();
    jest.restoreAllMocks();
  });

  describe('deployment', () => {
    test('the rollout parent stack creates the registration, Security key-set and wiring StackSets in order', async () => {
      rollout = await deployRollout(world);
      expect(rollout.resources.map((r) => r.resource.logicalId)).toEqual([
        'RegistrationStackSet',
        'SecurityKeySetStackSet',
        'WiringStackSet',
      ]);
      expect(String(rollout.outputs.RegistrationStackSetArn)).toBe(
        `arn:${PARTITION}:cloudformation:${PRIMARY_REGION}:${ACCOUNT.management}:stackset/${REGISTRATION_STACK_SET}:${String(rollout.outputs.RegistrationStackSetId).split(':')[1]}`,
      );
    });

    test('StackSets expand over the organization: registration everywhere but the management account, key sets only in the Security account, wiring only in the trusted OU (child OUs included)', () => {
      const everywhere = [ACCOUNT.security, ACCOUNT.memberA, ACCOUNT.memberB, ACCOUNT.outsider].flatMap((a) =>
        REGIONS.map((r) => `${a}/${r}`),
      );
      expect(instancesOf(REGISTRATION_STACK_SET)).toEqual(everywhere.sort());
      expect(instancesOf(KEY_SETS_STACK_SET)).toEqual(REGIONS.map((r) => `${ACCOUNT.security}/${r}`).sort());
      expect(instancesOf(WIRING_STACK_SET)).toEqual([`${ACCOUNT.memberA}/${PRIMARY_REGION}`, `${ACCOUNT.memberB}/${PRIMARY_REGION}`]);
      for (const account of [ACCOUNT.management, ACCOUNT.stranger]) {
        for (const region of REGIONS) expect(world.registrationIn(account, region)).toBeUndefined();
      }
    });

    test("every handler invocation ran in its own account and Region as that Region's registered execution role", () => {
      const creates = world.invocations.filter((i) => i.action === 'CREATE' && i.stackName.startsWith(`StackSet-${KEY_SETS_STACK_SET}-`));
      expect(new Set(creates.map((i) => `${i.accountId}/${i.region}`))).toEqual(new Set(REGIONS.map((r) => `${ACCOUNT.security}/${r}`)));
      for (const invocation of creates) {
        const role = world.registrationIn(invocation.accountId, invocation.region)!.executionRoleArn;
        const roleName = role.slice(role.lastIndexOf('/') + 1);
        expect(invocation.callerArn).toBe(`arn:${PARTITION}:sts::${invocation.accountId}:assumed-role/${roleName}/CloudFormationHandlers`);
      }
      // SEQUENTIAL RegionOrder: every replica instance starts after the primary instance succeeded.
      const primaryDone = Math.max(...creates.filter((i) => i.region === PRIMARY_REGION).map((i) => i.at));
      const firstReplica = Math.min(...creates.filter((i) => i.region !== PRIMARY_REGION).map((i) => i.startedAt));
      expect(firstReplica).toBeGreaterThanOrEqual(primaryDone);
    });

    test('the Security account holds one enabled multi-Region key per service in each Region, replicas of the primaries, each aliased', () => {
      const primaries = securityKeys(PRIMARY_REGION);
      expect(primaries).toHaveLength(KEY_SET_SERVICES.length);
      for (const region of REGIONS) {
        const keys = securityKeys(region);
        expect(
          keys
            .map((k) => k.aliases)
            .flat()
            .sort(),
        ).toEqual(KEY_SET_SERVICES.map((s) => `alias/${PROJECT}/${s}`).sort());
        expect(keys.every((k) => k.state === 'Enabled' && k.multiRegion && k.keyId.startsWith('mrk-'))).toBe(true);
        expect(new Set(keys.map((k) => k.keyId))).toEqual(new Set(primaries.map((k) => k.keyId)));
        expect(keys.every((k) => k.tags.KeySetRole === (region === PRIMARY_REGION ? 'primary' : 'replica'))).toBe(true);
        const outputs = keySetOutputs(region);
        expect(outputs.KeySetRole).toBe(region === PRIMARY_REGION ? 'primary' : 'replica');
        expect(outputs.S3KeyArn).toBe(keys.find((k) => k.aliases.includes(`alias/${PROJECT}/s3`))!.arn);
      }
    });

    test('the wiring policies are attached to the chosen member roles only', () => {
      for (const account of [ACCOUNT.memberA, ACCOUNT.memberB]) {
        expect(world.roles.get(iamRoleArn(account, 'App'))!.managedPolicyArns).toEqual([
          `arn:${PARTITION}:iam::${account}:policy/ServiceKmsKeys-${PROJECT}-DirectUse`,
        ]);
        expect(world.roles.get(iamRoleArn(account, 'Web'))!.managedPolicyArns).toEqual([
          `arn:${PARTITION}:iam::${account}:policy/ServiceKmsKeys-${PROJECT}-ServiceUse`,
        ]);
      }
      expect(world.roles.get(iamRoleArn(ACCOUNT.outsider, 'App'))!.managedPolicyArns).toEqual([]);
    });

    test('outside the rollout: the outsider deploys the same wiring itself, the stranger grants itself kms:*, the Security account adds an ops key set whose lead is administrator and user', async () => {
      plainStacks.push(
        await createStack(world, {
          templateFile: 'stacksets/trusted-account-wiring.yaml',
          accountId: ACCOUNT.outsider,
          region: PRIMARY_REGION,
          partition: PARTITION,
          stackName: 'self-service-wiring',
          parameters: {
            SecurityAccountId: ACCOUNT.security,
            ProjectCode: PROJECT,
            Services: 's3,sqs',
            DirectUseRoleNames: 'App',
            ServiceUseRoleNames: 'Web',
          },
        }),
      );
      expect(world.roles.get(iamRoleArn(ACCOUNT.outsider, 'App'))!.managedPolicyArns).toHaveLength(1);
      world.publishIdentityPolicy(iamRoleArn(ACCOUNT.stranger, 'App'), {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }],
      });
      plainStacks.push(
        await createStack(world, {
          templateFile: 'templates/scenario1-single-region.yaml',
          accountId: ACCOUNT.security,
          region: PRIMARY_REGION,
          partition: PARTITION,
          stackName: 'ops-keys',
          parameters: {
            ProjectCode: 'ops',
            KeyAdministratorArns: `${iamRoleArn(ACCOUNT.security, 'KeyAdmin')},${iamRoleArn(ACCOUNT.security, 'OpsLead')}`,
            KeyUserArns: iamRoleArn(ACCOUNT.security, 'OpsLead'),
            EnableEbsKey: 'false',
          },
        }),
      );
      expect(plainStacks[1].outputs.S3KeyAlias).toBe('alias/ops/s3');
    });
  });

  describe('access with real KMS calls', () => {
    // Every denial below is paired with an allowed control call of the same shape, so a denial cannot pass just
    // because nothing works.
    const encryptS3 = (region: string): EncryptCommand => new EncryptCommand({ KeyId: aliasArn(region, 's3'), Plaintext: utf8('object') });

    test('a trusted member role encrypts in the primary Region (alias ARN) and decrypts in both replica Regions (key ARN, alias ARN)', async () => {
      for (const caller of [appA, appB]) {
        const secret = `secret of ${caller.accountId}`;
        const encrypted = await caller
          .kms(PRIMARY_REGION)
          .send(new EncryptCommand({ KeyId: aliasArn(PRIMARY_REGION, 's3'), Plaintext: utf8(secret), EncryptionContext: { app: 'x' } }));
        const [first, second] = REPLICA_REGIONS;
        const replicaKeyArn = String(keySetOutputs(first).S3KeyArn);
        const byKeyArn = await caller
          .kms(first)
          .send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, KeyId: replicaKeyArn, EncryptionContext: { app: 'x' } }));
        expect(new TextDecoder().decode(byKeyArn.Plaintext)).toBe(secret);
        const byAliasArn = await caller.kms(second).send(
          new DecryptCommand({
            CiphertextBlob: encrypted.CiphertextBlob,
            KeyId: aliasArn(second, 's3'),
            EncryptionContext: { app: 'x' },
          }),
        );
        expect(new TextDecoder().decode(byAliasArn.Plaintext)).toBe(secret);
        expect(
          await outcome(caller.kms(first).send(new GenerateDataKeyCommand({ KeyId: aliasArn(first, 'sqs'), KeySpec: 'AES_256' }))),
        ).toBe('ok');
      }
    });

    test('cross-account callers must name the key by ARN: a bare alias name resolves in their own account', async () => {
      expect(await outcome(appA.kms(PRIMARY_REGION).send(encryptS3(PRIMARY_REGION)))).toBe('ok');
      const byName = new EncryptCommand({ KeyId: `alias/${PROJECT}/s3`, Plaintext: utf8('x') });
      expect(await outcome(appA.kms(PRIMARY_REGION).send(byName))).toBe('NotFoundException');
    });

    test('the wiring selects keys by alias: a service that is not wired (ebs) and a role without the wiring are denied', async () => {
      expect(await outcome(appA.kms(PRIMARY_REGION).send(encryptS3(PRIMARY_REGION)))).toBe('ok');
      const ebs = new EncryptCommand({ KeyId: aliasArn(PRIMARY_REGION, 'ebs'), Plaintext: utf8('x') });
      expect(await outcome(appA.kms(PRIMARY_REGION).send(ebs))).toBe('AccessDeniedException');
      expect(await outcome(unwiredA.kms(PRIMARY_REGION).send(encryptS3(PRIMARY_REGION)))).toBe('AccessDeniedException');
    });

    test("a service-use member role works through the key's service in every Region", async () => {
      for (const region of REGIONS) expect(await outcome(webA.kms(region, viaService('s3', region)).send(encryptS3(region)))).toBe('ok');
    });

    test('a service-use member role is denied when it calls KMS directly', async () => {
      expect(await outcome(webA.kms(PRIMARY_REGION, viaService('s3', PRIMARY_REGION)).send(encryptS3(PRIMARY_REGION)))).toBe('ok');
      expect(await outcome(webA.kms(PRIMARY_REGION).send(encryptS3(PRIMARY_REGION)))).toBe('AccessDeniedException');
    });

    test('a service-use member role is denied when another service uses the key for it (the s3 key through SQS)', async () => {
      expect(await outcome(webA.kms(PRIMARY_REGION, viaService('s3', PRIMARY_REGION)).send(encryptS3(PRIMARY_REGION)))).toBe('ok');
      expect(await outcome(webA.kms(PRIMARY_REGION, viaService('sqs', PRIMARY_REGION)).send(encryptS3(PRIMARY_REGION)))).toBe(
        'AccessDeniedException',
      );
    });

    test('an organization account outside the trusted OU is denied with the same wiring; an account outside the organization even with kms:*', async () => {
      expect(await outcome(appA.kms(PRIMARY_REGION).send(encryptS3(PRIMARY_REGION)))).toBe('ok');
      expect(await outcome(webA.kms(PRIMARY_REGION, viaService('s3', PRIMARY_REGION)).send(encryptS3(PRIMARY_REGION)))).toBe('ok');
      for (const [caller, via] of [
        [outsiderApp, undefined],
        [outsiderWeb, viaService('s3', PRIMARY_REGION)],
        [strangerApp, undefined],
        [strangerApp, viaService('s3', PRIMARY_REGION)],
      ] as const) {
        const kms = caller.kms(PRIMARY_REGION, via);
        expect(await outcome(kms.send(encryptS3(PRIMARY_REGION)))).toBe('AccessDeniedException');
        expect(await outcome(kms.send(new DescribeKeyCommand({ KeyId: aliasArn(PRIMARY_REGION, 's3') })))).toBe('AccessDeniedException');
      }
    });

    test('key administrators manage the keys (describe, policy, tags, rotation) but cannot encrypt or decrypt', async () => {
      const kms = keyAdmin.kms(PRIMARY_REGION);
      const keyArn = String(keySetOutputs(PRIMARY_REGION).S3KeyArn);
      expect(await outcome(kms.send(new DescribeKeyCommand({ KeyId: keyArn })))).toBe('ok');
      const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }));
      expect(await outcome(kms.send(new PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy })))).toBe('ok');
      expect(
        await outcome(kms.send(new TagResourceCommand({ KeyId: keyArn, Tags: [{ TagKey: 'ReviewedBy', TagValue: 'security' }] }))),
      ).toBe('ok');
      expect(await outcome(kms.send(new EnableKeyRotationCommand({ KeyId: keyArn })))).toBe('ok');
      expect(await outcome(kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('x') })))).toBe('AccessDeniedException');
      // A ciphertext made by the account root (full access through the key policy's root statement).
      const encrypted = await rootCaller(world, ACCOUNT.security)
        .kms(PRIMARY_REGION)
        .send(new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('x') }));
      expect(await outcome(kms.send(new DecryptCommand({ KeyId: keyArn, CiphertextBlob: encrypted.CiphertextBlob })))).toBe(
        'AccessDeniedException',
      );
    });

    test('an administrator who is also a key user (ops key set) encrypts and decrypts; the administrator-only role still cannot', async () => {
      const keyArn = String(plainStacks[1].outputs.S3KeyArn);
      const lead = opsLead.kms(PRIMARY_REGION);
      const encrypted = await lead.send(new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('ops') }));
      expect(await outcome(lead.send(new DecryptCommand({ KeyId: keyArn, CiphertextBlob: encrypted.CiphertextBlob })))).toBe('ok');
      expect(await outcome(lead.send(new TagResourceCommand({ KeyId: keyArn, Tags: [{ TagKey: 'Owner', TagValue: 'ops' }] })))).toBe('ok');
      const admin = keyAdmin.kms(PRIMARY_REGION);
      expect(await outcome(admin.send(new DescribeKeyCommand({ KeyId: keyArn })))).toBe('ok');
      expect(await outcome(admin.send(new EncryptCommand({ KeyId: keyArn, Plaintext: utf8('ops') })))).toBe('AccessDeniedException');
      expect(await outcome(admin.send(new DecryptCommand({ KeyId: keyArn, CiphertextBlob: encrypted.CiphertextBlob })))).toBe(
        'AccessDeniedException',
      );
    });
  });

  describe('teardown', () => {
    test('wiring, the plain stacks, the Security key sets (replica Regions first, then the primary) and the rollout are deleted', async () => {
      const root = rootCaller(world, ACCOUNT.security);
      const encrypted = await root
        .kms(PRIMARY_REGION)
        .send(new EncryptCommand({ KeyId: aliasArn(PRIMARY_REGION, 's3'), Plaintext: utf8('kept') }));
      kept = { ciphertext: encrypted.CiphertextBlob!, replicaKeyArn: String(keySetOutputs(REPLICA_REGIONS[0]).S3KeyArn) };
      await deleteStackInstances(world, stackSet(WIRING_STACK_SET), {});
      for (const stack of [...plainStacks].reverse()) await deleteStack(world, stack);
      await deleteStackInstances(world, stackSet(KEY_SETS_STACK_SET), { RegionConcurrencyType: 'PARALLEL' }, [...REPLICA_REGIONS]);
      // Deleting the replica key sets leaves the primary keys untouched.
      for (const region of REPLICA_REGIONS) {
        expect(securityKeys(region).every((k) => k.state === 'PendingDeletion' && k.aliases.length === 0)).toBe(true);
      }
      const primaryKeys = securityKeys(PRIMARY_REGION).filter((k) => k.tags['servicekmskeys:project'] === PROJECT);
      expect(primaryKeys.every((k) => k.state === 'Enabled' && k.aliases.length === 1)).toBe(true);
      await deleteStackInstances(world, stackSet(KEY_SETS_STACK_SET), {}, [PRIMARY_REGION]);
      await deleteStack(world, rollout);
      expect(world.stackSets.size).toBe(0);
      expect(world.stacks.size).toBe(0);
      for (const account of ALL_ACCOUNTS) for (const region of REGIONS) expect(world.registrationIn(account, region)).toBeUndefined();
      const deletes = world.invocations.filter(
        (i) => i.action === 'DELETE' && i.status === 'SUCCESS' && i.stackName.startsWith(`StackSet-${KEY_SETS_STACK_SET}-`),
      );
      expect(deletes.map((i) => i.region).sort()).toEqual([...REGIONS].sort());
    });

    test('nothing is left enabled: every key of every account and Region is pending deletion and no alias is left', async () => {
      let keys = 0;
      for (const account of ALL_ACCOUNTS) {
        for (const region of REGIONS) {
          for (const key of world.emulator.admin.describeAllKeys(account, region)) {
            keys += 1;
            expect(key.aliases).toEqual([]);
            // A primary waits in PendingReplicaDeletion while its (pending) replicas exist.
            expect(['PendingDeletion', 'PendingReplicaDeletion']).toContain(key.state);
            expect(key.enabled).toBe(false);
          }
        }
      }
      expect(keys).toBe(KEY_SET_SERVICES.length * REGIONS.length + 1); // + the ops key set's s3 key (scenario 1 defaults s3 and ebs, ebs off)
      const root = rootCaller(world, ACCOUNT.security);
      for (const region of REGIONS) {
        const { Aliases = [] } = await root.kms(region).send(new ListAliasesCommand({}));
        expect(Aliases.filter((a) => a.TargetKeyId !== undefined)).toEqual([]);
      }
    });

    test('after teardown the aliases no longer resolve, the keys refuse cryptography even to the account root, and expiring the waiting periods removes every key', async () => {
      expect(
        await outcome(appA.kms(PRIMARY_REGION).send(new EncryptCommand({ KeyId: aliasArn(PRIMARY_REGION, 's3'), Plaintext: utf8('x') }))),
      ).toBe('NotFoundException');
      expect(kept).toBeDefined();
      const decrypt = new DecryptCommand({ CiphertextBlob: kept!.ciphertext, KeyId: kept!.replicaKeyArn });
      expect(await outcome(rootCaller(world, ACCOUNT.security).kms(REPLICA_REGIONS[0]).send(decrypt))).toBe('KMSInvalidStateException');
      world.emulator.admin.expirePendingDeletions();
      for (const account of ALL_ACCOUNTS)
        for (const region of REGIONS) expect(world.emulator.admin.describeAllKeys(account, region)).toEqual([]);
    });
  });
});
