/**
 * Ownership (a key without our tags is never modified, deleted or reported as ours, even when it
 * holds one of our alias names) and drift (read shows real drift; update repairs it with the
 * fewest calls).
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DisableKeyCommand,
  KMSClient,
  UpdateAliasCommand,
  type KMSClient as Client,
} from '@aws-sdk/client-kms';
import type { ResourceProperties } from '../../resource-type/core/types';
import {
  ACCOUNT,
  CREDENTIALS,
  REGION,
  failureOf,
  invoke,
  keySet,
  keysIn,
  mutatingCalls,
  runToEnd,
  startHarness,
  type Harness,
} from './harness';
import { assertNoDuplicatesOrLeaks } from './invariants';

let h: Harness;
let kms: Client;
beforeAll(async () => {
  h = await startHarness();
  kms = new KMSClient({ region: REGION, endpoint: h.emulator.endpoint, credentials: CREDENTIALS });
});
afterAll(async () => {
  kms.destroy();
  await h.stop();
});
beforeEach(() => h.emulator.admin.reset());

const props = keySet('own', [{ Service: 's3' }, { Service: 'sqs' }], { Tags: [{ Key: 'env', Value: 'prod' }] });
const modelOf = (outcome: { status: string }): ResourceProperties => (outcome as unknown as { properties: ResourceProperties }).properties;
const withoutKeys = ({ Keys: _k, ...rest }: ResourceProperties): ResourceProperties => rest;

async function foreignKeyWithAlias(alias: string): Promise<string> {
  const key = await kms.send(new CreateKeyCommand({ Description: 'someone else', Tags: [{ TagKey: 'owner', TagValue: 'other-team' }] }));
  await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyMetadata!.KeyId! }));
  return key.KeyMetadata!.KeyId!;
}

function snapshot(keyId: string) {
  const { keyId: id, state, tags, aliases, policy, rotation, description, enabled } = keysIn(h.emulator).find((k) => k.keyId === keyId)!;
  return { id, state, tags, aliases, policy, rotation, description, enabled };
}

describe('a key without our ownership tags is never touched', () => {
  it('create: a foreign key holding alias/<ProjectCode>/<service> → AlreadyExists, no alias taken over, nothing of ours left', async () => {
    const foreign = await foreignKeyWithAlias('alias/own/sqs');
    const before = snapshot(foreign);
    h.emulator.admin.clearCallLog();
    const failure = await failureOf(invoke('create', props));
    expect(failure?.code).toBe('AlreadyExists');
    expect(failure?.message).toMatch(/alias\/own\/sqs.*not a key of key set own/);
    expect(snapshot(foreign)).toEqual(before);
    expect(mutatingCalls(h.emulator)).toEqual({});
    expect(keysIn(h.emulator)).toHaveLength(1);
  });

  it('read/update/delete of an existing key set whose alias was retargeted to a foreign key: the foreign key is never read as ours, modified or deleted', async () => {
    await runToEnd('create', props);
    const foreign = (await kms.send(new CreateKeyCommand({ Description: 'someone else' }))).KeyMetadata!.KeyId!;
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/own/sqs', TargetKeyId: foreign }));
    const before = snapshot(foreign);

    const read = await invoke('read', props);
    const services = (modelOf(read).Services as Array<{ Service: string }>).map((s) => s.Service);
    expect(services).toEqual(['s3']);
    expect(JSON.stringify(modelOf(read))).not.toContain(foreign);

    const update = await failureOf(runToEnd('update', props, { previous: props }));
    expect(update?.code).toBe('ResourceConflict');
    expect(update?.message).toMatch(/never taken over/);
    const ourSqs = keysIn(h.emulator).find(
      (k) => k.tags['servicekmskeys:service'] === 'sqs' && k.tags['servicekmskeys:project'] === 'own',
    )!;
    expect(update?.message).toContain(`aws kms update-alias --alias-name alias/own/sqs --target-key-id ${ourSqs.keyId}`);
    expect(update?.message).not.toMatch(/ProjectCode/);

    expect((await runToEnd('delete', props)).outcome).toEqual({ status: 'SUCCESS' });
    expect(snapshot(foreign)).toEqual(before);
    const ours = keysIn(h.emulator).filter((k) => k.tags['servicekmskeys:project'] === 'own');
    expect(ours.every((k) => k.state === 'PendingDeletion')).toBe(true);
  });

  it('a key tagged with another project code is not ours either', async () => {
    const impostor = (
      await kms.send(
        new CreateKeyCommand({
          Tags: [
            { TagKey: 'servicekmskeys:project', TagValue: 'other' },
            { TagKey: 'servicekmskeys:service', TagValue: 's3' },
          ],
        }),
      )
    ).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/own/s3', TargetKeyId: impostor }));
    expect((await failureOf(invoke('create', props)))?.code).toBe('AlreadyExists');
    expect((await failureOf(invoke('delete', props)))?.code).toBe('NotFound');
    expect((await failureOf(invoke('read', props)))?.code).toBe('NotFound');
    expect(snapshot(impostor).state).toBe('Enabled');
  });
});

describe('drift', () => {
  it('read shows out-of-band changes; update repairs each with one call; then read equals the model again', async () => {
    const created = modelOf((await runToEnd('create', props)).outcome);
    const keys = keysIn(h.emulator);
    const s3 = keys.find((k) => k.aliases.includes('alias/own/s3'))!;
    const sqs = keys.find((k) => k.aliases.includes('alias/own/sqs'))!;
    const editedPolicy = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    };
    h.emulator.admin.mutateKey(ACCOUNT, REGION, s3.keyId, {
      policy: JSON.stringify(editedPolicy),
      rotation: { enabled: false },
      description: 'edited',
      tags: { ...s3.tags, extra: 'x', env: 'dev' },
    });
    await kms.send(new DisableKeyCommand({ KeyId: sqs.keyId }));
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/own/sqs' }));

    const read = modelOf(await invoke('read', created));
    // sqs lost its alias: it is no longer visible as part of the key set.
    expect((read.Services as unknown[]).length).toBe(1);
    expect(read.Services).toEqual([
      {
        Service: 's3',
        EnableKeyRotation: false,
        Description: 'edited',
        KeyPolicy: editedPolicy,
      },
    ]);
    // Tags on every (here: the only) key are key-set tags.
    expect(read.Tags).toEqual([
      { Key: 'env', Value: 'dev' },
      { Key: 'extra', Value: 'x' },
    ]);

    h.emulator.admin.clearCallLog();
    expect((await runToEnd('update', props, { previous: created })).outcome.status).toBe('SUCCESS');
    // s3: EnableKeyRotation, PutKeyPolicy, UpdateKeyDescription, TagResource(env), UntagResource(extra);
    // sqs (found by its ownership tags): EnableKey, CreateAlias.
    expect(mutatingCalls(h.emulator)).toEqual({
      EnableKeyRotation: 1,
      PutKeyPolicy: 1,
      UpdateKeyDescription: 1,
      TagResource: 1,
      UntagResource: 1,
      EnableKey: 1,
      CreateAlias: 1,
    });
    expect(withoutKeys(modelOf(await invoke('read', created)))).toEqual(props);
    expect(keysIn(h.emulator)).toHaveLength(2);
    assertNoDuplicatesOrLeaks(h.emulator, 'own');
  });

  it('an alias retargeted to another key of ours is pointed back', async () => {
    await runToEnd('create', props);
    const s3 = keysIn(h.emulator).find((k) => k.aliases.includes('alias/own/s3'))!;
    const sqs = keysIn(h.emulator).find((k) => k.aliases.includes('alias/own/sqs'))!;
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/own/sqs', TargetKeyId: s3.keyId }));
    h.emulator.admin.clearCallLog();
    expect((await runToEnd('update', props, { previous: props })).outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator)).toEqual({ UpdateAlias: 1 });
    expect(snapshot(sqs.keyId).aliases).toEqual(['alias/own/sqs']);
  });

  it('an explicit KeyPolicy override is reported as given while live matches, else as the live policy', async () => {
    const override = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    };
    const withOverride = keySet('own', [{ Service: 's3', KeyPolicy: override }]);
    await runToEnd('create', withOverride);
    expect(withoutKeys(modelOf(await invoke('read', withOverride)))).toEqual(withOverride);
    const s3 = keysIn(h.emulator)[0];
    const drifted = {
      ...override,
      Statement: [
        ...override.Statement,
        { Sid: 'Extra', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/X` }, Action: 'kms:Decrypt', Resource: '*' },
      ],
    };
    h.emulator.admin.mutateKey(ACCOUNT, REGION, s3.keyId, { policy: JSON.stringify(drifted) });
    expect((modelOf(await invoke('read', withOverride)).Services as Array<{ KeyPolicy: unknown }>)[0].KeyPolicy).toEqual(drifted);
  });

  it('stack tags are applied to every key and not reported as model tags when CloudFormation passes them', async () => {
    const stackTags = { 'cost-center': '42' };
    await runToEnd('create', props, { stackTags });
    expect(keysIn(h.emulator).every((k) => k.tags['cost-center'] === '42')).toBe(true);
    expect(withoutKeys(modelOf(await invoke('read', props, { stackTags })))).toEqual(props);
  });
});
