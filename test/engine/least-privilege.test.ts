/**
 * Each handler works when its caller (the execution role) has exactly the schema's
 * `handlers.<op>.permissions` as its IAM policy, with the emulator authorizing every request
 * (identity policy + key policy). The rendered key policies delegate to IAM through the account
 * root statement, so the role needs no key-policy statement of its own.
 */
import schema from '../../schema/org-security-servicekmskeys.json';
import { ACCOUNT, failureOf, invoke, keySet, keysIn, runToEnd, startHarness, type Harness } from './harness';

type Handler = 'create' | 'read' | 'update' | 'delete' | 'list';
const HANDLERS: Handler[] = ['create', 'read', 'update', 'delete', 'list'];
const roleOf = (handler: Handler) => `arn:aws:iam::${ACCOUNT}:role/ServiceKmsKeys-${handler}`;
const keyOf = (handler: Handler) => `AKIA${ACCOUNT}${handler.toUpperCase()}`;
const as = (handler: Handler) => ({ credentials: { accessKeyId: keyOf(handler), secretAccessKey: 'secret' } });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ authorization: true });
});
afterAll(async () => h.stop());
beforeEach(() => {
  h.emulator.admin.reset();
  h.emulator.admin.setAuthorization(true);
  for (const handler of HANDLERS) {
    h.emulator.admin.registerAccount(keyOf(handler), ACCOUNT, roleOf(handler));
    const actions = (schema.handlers as Record<string, { permissions: string[] }>)[handler].permissions.filter((a) => a.startsWith('kms:'));
    h.emulator.admin.putIdentityPolicy(roleOf(handler), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    });
  }
});

describe('handlers with exactly their schema permissions (authorization on)', () => {
  const props = keySet(
    'lp',
    [
      { Service: 's3', MultiRegion: true },
      { Service: 'sqs', Enabled: false },
    ],
    { Tags: [{ Key: 'env', Value: 'prod' }] },
  );
  const changed = keySet('lp', [{ Service: 's3', MultiRegion: true, EnableKeyRotation: false }, { Service: 'sns' }], {
    Tags: [{ Key: 'team', Value: 'a' }],
  });

  it('create, read, update, list and delete succeed', async () => {
    expect((await runToEnd('create', props, as('create'))).outcome.status).toBe('SUCCESS');
    expect((await invoke('read', props, as('read'))).status).toBe('SUCCESS');
    expect((await runToEnd('update', changed, { ...as('update'), previous: props })).outcome.status).toBe('SUCCESS');
    const list = await invoke('list', {}, as('list'));
    expect(list.status === 'SUCCESS' && list.list?.map((m) => m.ProjectCode)).toEqual(['lp']);
    expect((await runToEnd('delete', changed, as('delete'))).outcome).toEqual({ status: 'SUCCESS' });
    expect(keysIn(h.emulator).every((k) => k.state === 'PendingDeletion')).toBe(true);
    expect(h.emulator.admin.callLog().filter((c) => c.errorCode === 'AccessDeniedException')).toEqual([]);
  });

  it('the read role cannot change anything (authorization really applies)', async () => {
    expect((await failureOf(invoke('create', props, as('read'))))?.code).toBe('AccessDenied');
    expect(keysIn(h.emulator)).toEqual([]);
  });
});
