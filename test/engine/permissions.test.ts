/**
 * Schema `handlers.*.permissions` == the IAM actions each handler's code can call.
 * - The gateway declares the actions of every call; a gateway built for a handler refuses calls
 *   outside the handler's declared set (so every engine/contract test also checks "code ⊆ declared").
 * - Here: declared == schema, and every declared action is really reached by some scenario
 *   ("declared ⊆ code"), observed through the gateway's action listener.
 */
import schema from '../../schema/org-security-servicekmskeys.json';
import { observeGatewayActions } from '../../resource-type/gateway/actions';
import { HANDLER_PERMISSIONS, type HandlerName } from '../../resource-type/operations/permissions';
import { CreateKeyCommand, KMSClient, ScheduleKeyDeletionCommand, UpdateAliasCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, CREDENTIALS, REGION, failureOf, invoke, keySet, keysIn, runToEnd, startHarness, type Harness } from './harness';

const sdk = (h: Harness) => new KMSClient({ region: REGION, endpoint: h.emulator.endpoint, credentials: CREDENTIALS });

const HANDLERS: HandlerName[] = ['create', 'read', 'update', 'delete', 'list'];

describe('schema handler permissions', () => {
  it.each(HANDLERS)('%s: the schema lists exactly the declared actions', (handler) => {
    const inSchema = [...(schema.handlers as Record<string, { permissions: string[] }>)[handler].permissions].sort();
    expect(inSchema).toEqual([...HANDLER_PERMISSIONS[handler]].sort());
  });
});

describe('every declared action is reachable', () => {
  let h: Harness;
  const seen: Record<string, Set<string>> = Object.fromEntries(HANDLERS.map((x) => [x, new Set<string>()]));
  let stop: () => void;
  beforeAll(async () => {
    h = await startHarness();
    stop = observeGatewayActions(({ actions, handler }) => {
      if (handler) for (const a of actions) seen[handler].add(a);
    });
  });
  afterAll(async () => {
    stop();
    await h.stop();
  });

  it('scenarios cover create, read, update, delete and list', async () => {
    const primary = keySet('perm', [
      { Service: 's3', MultiRegion: true },
      { Service: 'sqs', Enabled: false },
    ]);
    // create (MR primary: CreateKey + TagResource + iam:CreateServiceLinkedRole; DisableKey; rotation; alias).
    await runToEnd('create', primary);
    // A failed create rolls back (DeleteAlias, ScheduleKeyDeletion): a third CreateAlias fails.
    h.emulator.admin.injectFault({ operation: 'CreateAlias', nth: 2, error: 'AccessDeniedException' });
    expect((await failureOf(invoke('create', keySet('perm2', [{ Service: 's3' }, { Service: 'sns' }]))))?.code).toBe('AccessDenied');
    h.emulator.admin.clearFaults();

    // Replica key set in another Region: ReplicateKey; then delete it and re-create (CancelKeyDeletion + EnableKey).
    const replica = { ...primary, PrimaryRegion: 'eu-west-1', Services: [{ Service: 's3', MultiRegion: true }] };
    await runToEnd('create', replica, { region: 'us-east-2' });
    await runToEnd('delete', replica, { region: 'us-east-2' });
    await runToEnd('create', replica, { region: 'us-east-2' });

    // create adopting an orphan of its own whose rotation and tags drifted: DisableKeyRotation, UntagResource, UpdateKeyDescription, PutKeyPolicy.
    const orphanProps = keySet('orph', [{ Service: 'ebs', EnableKeyRotation: false }]);
    h.emulator.admin.injectFault({ operation: 'CreateAlias', nth: 1, error: 'DROP_CONNECTION' });
    h.emulator.admin.setConsistencyWindowMs(0);
    const first = await invoke('create', orphanProps, { token: 'orphan-token', budgetMs: 400 });
    h.emulator.admin.clearFaults();
    const orphan = keysIn(h.emulator).find((k) => k.tags['servicekmskeys:project'] === 'orph')!;
    h.emulator.admin.mutateKey(ACCOUNT, 'eu-west-1', orphan.keyId, {
      rotation: { enabled: true, periodInDays: 400 },
      tags: { ...orphan.tags, extra: 'x' },
      description: 'edited',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
      }),
    });
    const resumed = await runToEnd('create', orphanProps, {
      token: 'orphan-token',
      callbackContext: first.status === 'IN_PROGRESS' ? first.callbackContext : undefined,
    });
    expect(resumed.outcome.status).toBe('SUCCESS');

    // update: alias retargeted out of band → UpdateAlias; key enabled again → EnableKey; removed service → schedule + DeleteAlias.
    const s3 = keysIn(h.emulator).find((k) => k.aliases.includes('alias/perm/s3'))!;
    const sqs = keysIn(h.emulator).find((k) => k.aliases.includes('alias/perm/sqs'))!;
    expect(s3 && sqs).toBeTruthy();
    await runToEnd('update', keySet('perm', [{ Service: 's3', MultiRegion: true }, { Service: 'sqs' }]), { previous: primary });
    await runToEnd('update', keySet('perm', [{ Service: 's3', MultiRegion: true }]), { previous: primary });

    // update: an alias retargeted out of band to another key of ours → UpdateAlias.
    const kms = sdk(h);
    const s3Now = keysIn(h.emulator).find((k) => k.aliases.includes('alias/perm/s3'))!;
    const other = await kms.send(
      new CreateKeyCommand({
        Tags: [
          { TagKey: 'servicekmskeys:project', TagValue: 'perm' },
          { TagKey: 'servicekmskeys:service', TagValue: 'x' },
        ],
      }),
    );
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/perm/s3', TargetKeyId: other.KeyMetadata!.KeyId! }));
    await runToEnd('update', keySet('perm', [{ Service: 's3', MultiRegion: true }]), { previous: primary });
    expect(keysIn(h.emulator).find((k) => k.keyId === s3Now.keyId)!.aliases).toEqual(['alias/perm/s3']);

    // update: a new MR service (CreateKey + iam:CreateServiceLinkedRole + TagResource, rotation, alias),
    // policy/description/rotation/enabled/tag changes on s3, then a tag removed.
    const users = { KeyUserArns: [`arn:aws:iam::${ACCOUNT}:role/App`] };
    const changed = keySet(
      'perm',
      [
        { Service: 's3', MultiRegion: true, Enabled: false, EnableKeyRotation: false, Description: 'changed' },
        { Service: 'sns', MultiRegion: true },
      ],
      { ...users, Tags: [{ Key: 'a', Value: '1' }] },
    );
    await runToEnd('update', changed, { previous: primary });
    const untagged = keySet(
      'perm',
      [
        { Service: 's3', MultiRegion: true },
        { Service: 'sns', MultiRegion: true },
      ],
      users,
    );
    await runToEnd('update', untagged, { previous: changed });

    // update of the replica key set: a new service is replicated; a replica scheduled out of band is recovered.
    const replica2 = { ...untagged, PrimaryRegion: 'eu-west-1' };
    await runToEnd('update', replica2, { region: 'us-east-2', previous: replica });
    const replicaS3 = keysIn(h.emulator, 'us-east-2').find((k) => k.aliases.includes('alias/perm/s3') && k.state !== 'PendingDeletion')!;
    await new KMSClient({ region: 'us-east-2', endpoint: h.emulator.endpoint, credentials: CREDENTIALS }).send(
      new ScheduleKeyDeletionCommand({ KeyId: replicaS3.keyId, PendingWindowInDays: 7 }),
    );
    await runToEnd('update', replica2, { region: 'us-east-2', previous: replica2 });
    expect(keysIn(h.emulator, 'us-east-2').find((k) => k.keyId === replicaS3.keyId)!.state).toBe('Enabled');

    // create: a key set whose keys were scheduled out of band but kept their aliases → UpdateAlias to the new keys.
    await runToEnd('create', keySet('sched', [{ Service: 'ebs' }]));
    const ebs = keysIn(h.emulator).find((k) => k.aliases.includes('alias/sched/ebs'))!;
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: ebs.keyId, PendingWindowInDays: 7 }));
    expect((await runToEnd('create', keySet('sched', [{ Service: 'ebs' }]))).outcome.status).toBe('SUCCESS');

    await invoke('read', primary);
    await invoke('list', {});
    await runToEnd('delete', primary);

    for (const handler of HANDLERS) expect([...seen[handler]].sort()).toEqual([...HANDLER_PERMISSIONS[handler]].sort());
  });
});
