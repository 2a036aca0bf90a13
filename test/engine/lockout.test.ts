/**
 * KMS's policy lockout safety check judges the caller (the type's execution role), not the
 * administrators a policy names. A KeyPolicy override without the owner-root statement passes our
 * validator when an administrator keeps kms:PutKeyPolicy; KMS (the emulator implements the check
 * against the caller) refuses it, and the error says which key and what to change.
 */
import { ACCOUNT, ADMIN, CREDENTIALS, REGION, failureOf, invoke, keySet, keysIn, runToEnd, startHarness, type Harness } from './harness';

const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/ServiceKmsKeysExecution`;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(() => {
  h.emulator.admin.reset();
  // The handler calls KMS as its execution role, as CloudFormation's caller credentials do.
  h.emulator.admin.registerAccount(CREDENTIALS.accessKeyId, ACCOUNT, EXECUTION_ROLE);
});

const adminsOnly = (extraAdmins: string[] = []) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Admins', Effect: 'Allow', Principal: { AWS: [ADMIN, ...extraAdmins] }, Action: 'kms:*', Resource: '*' },
    { Sid: 'Use', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
  ],
});

describe('key policy lockout', () => {
  it('an override without the owner-root statement: InvalidRequest naming the key and the two ways out; nothing left behind', async () => {
    const props = keySet('lock', [{ Service: 's3' }, { Service: 'sqs', KeyPolicy: adminsOnly() }]);
    const failure = await failureOf(runToEnd('create', props));
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(/KMS CreateKey for the sqs key in eu-west-1 failed: The new key policy will not allow you to update/);
    expect(failure?.message).toMatch(/caller — this type's execution role/);
    expect(failure?.message).toMatch(
      /Keep the owner account root statement .* in the sqs KeyPolicy override, or add the execution role's ARN as a key administrator/,
    );
    expect(keysIn(h.emulator, REGION).filter((k) => k.state === 'Enabled' || k.aliases.length > 0)).toEqual([]);
  });

  it('the same override with the execution role among its administrators is accepted', async () => {
    const props = keySet('lock', [{ Service: 'sqs', KeyPolicy: adminsOnly([EXECUTION_ROLE]) }]);
    expect((await runToEnd('create', props)).outcome.status).toBe('SUCCESS');
  });

  it('an update that would lock the caller out fails the same way and leaves the live policy as it was', async () => {
    const props = keySet('lock', [{ Service: 'sqs' }]);
    expect((await runToEnd('create', props)).outcome.status).toBe('SUCCESS');
    const before = keysIn(h.emulator)[0]!.policy;
    const locked = keySet('lock', [{ Service: 'sqs', KeyPolicy: adminsOnly() }]);
    const failure = await failureOf(invoke('update', locked, { previous: props }));
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(/KMS PutKeyPolicy for the sqs key .* in the sqs KeyPolicy override/);
    expect(keysIn(h.emulator)[0]!.policy).toBe(before);
  });
});
