/**
 * Fault injection through the real SDK over HTTP: throttling storms, 5xx bursts, latency, the
 * eventual-consistency window, and a crash after every possible step followed by re-invocation.
 * Each asserts convergence, no duplicate keys and no leaked enabled keys or aliases.
 */
import type { ResourceProperties } from '../../resource-type/core/types';
import { DEFAULT_TUNING, configureEngine, resetEngine } from '../../resource-type/operations/tuning';
import type { OperationOutcome } from '../../resource-type/operations/types';
import { FAST, failureOf, invoke, keySet, keysIn, mutatingCalls, runToEnd, startHarness, total, type Harness } from './harness';
import { assertNoDuplicatesOrLeaks, assertNothingLeft, usableServices } from './invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(() => {
  h.emulator.admin.reset();
  resetEngine();
  configureEngine({ ...FAST, endpoint: h.emulator.endpoint });
});

const props = keySet('flt', [{ Service: 's3' }, { Service: 'sqs', Enabled: false }, { Service: 'ebs', EnableKeyRotation: false }], {
  Tags: [{ Key: 'env', Value: 'test' }],
});
const updated = keySet('flt', [{ Service: 's3', RotationPeriodInDays: 200 }, { Service: 'sns' }, { Service: 'ebs' }], {
  Tags: [{ Key: 'team', Value: 'x' }],
  PendingWindowInDays: 7,
});
const CLEAN_CREATE_MUTATIONS = 3 + 4 + 2;

async function converged(p: ResourceProperties, projectCode = 'flt'): Promise<void> {
  const read = await invoke('read', p);
  expect(read.status).toBe('SUCCESS');
  const { Keys: _k, ...model } = (read as { properties: ResourceProperties }).properties;
  const { PendingWindowInDays: _w, ...expected } = p;
  expect(model).toEqual(expected);
  assertNoDuplicatesOrLeaks(h.emulator, projectCode);
}

describe('throttling storms and 5xx bursts', () => {
  it.each(['ThrottlingException', 'KMSInternalException', 'DependencyTimeoutException'])(
    '30%% %s on every API: create, update, delete converge without duplicates',
    async (error) => {
      h.emulator.admin.injectFault({ rate: 0.3, error });
      expect((await runToEnd('create', props)).outcome.status).toBe('SUCCESS');
      expect((await runToEnd('update', updated, { previous: props })).outcome.status).toBe('SUCCESS');
      h.emulator.admin.clearFaults();
      await converged(updated);
      h.emulator.admin.injectFault({ rate: 0.3, error });
      expect((await runToEnd('delete', updated)).outcome).toEqual({ status: 'SUCCESS' });
      h.emulator.admin.clearFaults();
      expect(usableServices(h.emulator, 'flt')).toEqual([]);
    },
  );

  it('dropped connections (no answer) are retried; an unanswered CreateKey is never blindly repeated', async () => {
    h.emulator.admin.injectFault({ rate: 0.25, error: 'DROP_CONNECTION' });
    expect((await runToEnd('create', props)).outcome.status).toBe('SUCCESS');
    h.emulator.admin.clearFaults();
    await converged(props);
  });

  it('a throttling storm that never ends: IN_PROGRESS until the operation budget, then Throttling (create rolls back)', async () => {
    configureEngine({ operationBudgetMs: 300, retry: { ...FAST.retry!, maxAttempts: 3 } });
    h.emulator.admin.injectFault({ operation: 'EnableKeyRotation', rate: 1, error: 'ThrottlingException' });
    const { outcome, invocations } = await runToEnd('create', props).catch((e: unknown) => ({ outcome: e as Error, invocations: 0 }));
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as { code?: string }).code).toBe('Throttling');
    expect(invocations).toBe(0);
    h.emulator.admin.clearFaults();
    assertNothingLeft(h.emulator, 'flt');
  });

  it('persistent 5xx ends with ServiceInternalError and a clean rollback', async () => {
    h.emulator.admin.injectFault({ operation: 'CreateAlias', rate: 1, error: 'KMSInternalException' });
    const failure = await failureOf(runToEnd('create', props));
    expect(failure?.code).toBe('ServiceInternalError');
    expect(failure?.message).toMatch(/Nothing is left behind/);
    h.emulator.admin.clearFaults();
    assertNothingLeft(h.emulator, 'flt');
  });
});

describe('client-side rate limits', () => {
  it('with the emulator enforcing the documented KMS quotas, creating 8 keys at once draws no ThrottlingException', async () => {
    h.emulator.admin.setQuotas(true);
    // The production headroom (90 % of each quota, a bucket that starts full).
    configureEngine({ quotaHeadroom: DEFAULT_TUNING.quotaHeadroom, concurrency: 8 });
    const many = keySet(
      'rate',
      ['s3', 'sqs', 'sns', 'ebs', 'efs', 'rds', 'logs', 'glue'].map((Service) => ({ Service })),
    );
    expect((await runToEnd('create', many)).outcome.status).toBe('SUCCESS');
    expect(h.emulator.admin.callLog().filter((c) => c.errorCode === 'ThrottlingException')).toEqual([]);
    expect(mutatingCalls(h.emulator).CreateKey).toBe(8);
    h.emulator.admin.setQuotas(false);
  });
});

describe("three replica key sets competing for the primary Region's ReplicateKey quota", () => {
  it('both converge at the production headroom and retry policy; throttled calls stay a small fraction (the limiter backs off)', async () => {
    h.emulator.admin.setQuotas(true);
    h.emulator.admin.setReplicaCreatingMs(200);
    configureEngine({ quotaHeadroom: DEFAULT_TUNING.quotaHeadroom, retry: DEFAULT_TUNING.retry, pollIntervalMs: 50 });
    const services = ['s3', 'sqs', 'sns', 'ebs', 'efs', 'rds', 'logs', 'glue', 'ssm', 'ecr'];
    const primary = keySet(
      'cmp',
      services.map((Service) => ({ Service, MultiRegion: true })),
    );
    expect((await runToEnd('create', primary)).outcome.status).toBe('SUCCESS');
    h.emulator.admin.clearCallLog();
    const replica = { ...primary, PrimaryRegion: 'eu-west-1' };
    const outcomes = await Promise.all(
      ['us-east-1', 'eu-central-1', 'ap-southeast-2'].map((region) => runToEnd('create', replica, { region })),
    );
    expect(outcomes.map((o) => o.outcome.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    const replicates = h.emulator.admin.callLog().filter((c) => c.operation === 'ReplicateKey');
    const throttled = replicates.filter((c) => c.errorCode === 'ThrottlingException');
    expect(replicates.length - throttled.length).toBe(3 * services.length);
    // Three key sets at 2.25 ReplicateKey/s each (2 CreateKey tokens per replica at 4.5 rps in each replica Region)
    // against the primary Region's 5 rps: without the limiter backing off on ThrottlingException, ~44 of the
    // 30 replicas' attempts were throttled (measured); with it, ~9.
    expect(throttled.length).toBeLessThanOrEqual(15);
    for (const region of ['us-east-1', 'eu-central-1', 'ap-southeast-2']) {
      assertNoDuplicatesOrLeaks(h.emulator, 'cmp', region);
      expect(keysIn(h.emulator, region).filter((k) => k.aliases.length === 1)).toHaveLength(services.length);
    }
    h.emulator.admin.setQuotas(false);
  });
});

describe('latency and deadlines', () => {
  it('with 10-30 ms per call, operations converge with the minimal calls', async () => {
    h.emulator.admin.setLatency({ min: 10, max: 30 });
    const created = await runToEnd('create', props);
    expect(created.outcome.status).toBe('SUCCESS');
    expect(total(mutatingCalls(h.emulator))).toBe(CLEAN_CREATE_MUTATIONS);
    const up = await runToEnd('update', updated, { previous: props });
    expect(up.outcome.status).toBe('SUCCESS');
    h.emulator.admin.setLatency(0);
    await converged(updated);
  });

  it('KMS turns slow mid-create: the invocation stops at its deadline with IN_PROGRESS and the next one resumes without repeating work', async () => {
    configureEngine({
      maxInvocationMs: 400,
      deadlineReserveMs: 10,
      // After the keys exist, every call takes 600 ms: longer than what is left of the budget.
      beforeCall: ({ api }) => {
        if (api === 'EnableKeyRotation') h.emulator.admin.setLatency(600);
      },
    });
    const first = await invoke('create', props, { token: 'slow' });
    expect(first.status).toBe('IN_PROGRESS');
    if (first.status !== 'IN_PROGRESS') return;
    expect(first.properties).toEqual(props);
    expect(Object.keys(first.callbackContext.createdKeys as object).length).toBeGreaterThan(0);
    configureEngine({ beforeCall: undefined, maxInvocationMs: undefined });
    h.emulator.admin.setLatency(0);
    // Requests the first invocation gave up on still complete inside the emulator (as in KMS).
    await new Promise((resolve) => setTimeout(resolve, 700));
    const rest = await runToEnd('create', first.properties, { token: 'other-bearer-token', callbackContext: first.callbackContext });
    expect(rest.outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator).CreateKey).toBe(3);
    await converged(props);
  });
});

describe('eventual consistency', () => {
  it('new keys invisible for 300 ms: the just-created window is retried, nothing is duplicated', async () => {
    h.emulator.admin.setConsistencyWindowMs(300);
    expect((await runToEnd('create', props)).outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator).CreateKey).toBe(3);
    h.emulator.admin.setConsistencyWindowMs(0);
    await converged(props);
  });

  it('stale reads for 300 ms after alias and policy changes: SUCCESS only once they show, so READ right after sees them and a no-op update makes no call', async () => {
    h.emulator.admin.setStaleReadMs(300);
    expect((await runToEnd('create', props)).outcome.status).toBe('SUCCESS');
    await converged(props);
    const withUsers = { ...props, KeyUserArns: ['arn:aws:iam::111111111111:role/App'] };
    expect((await runToEnd('update', withUsers, { previous: props })).outcome.status).toBe('SUCCESS');
    await converged(withUsers);
    h.emulator.admin.clearCallLog();
    expect((await runToEnd('update', withUsers, { previous: withUsers })).outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator)).toEqual({});
  });

  it('IN_PROGRESS right after CreateKey: the next invocation finds the key by id from the callbackContext even while it is invisible', async () => {
    h.emulator.admin.setConsistencyWindowMs(400);
    h.emulator.admin.setLatency(5);
    configureEngine({ maxInvocationMs: 100, deadlineReserveMs: 5 });
    const { outcome } = await runToEnd('create', keySet('flt', [{ Service: 's3' }]));
    expect(outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator).CreateKey).toBe(1);
  });
});

/** Runs `op` and "crashes" the process before the (n+1)th mutating request is sent. */
async function crashAfter(
  n: number,
  run: () => Promise<OperationOutcome>,
): Promise<{ crashed: boolean; lastContext?: Record<string, unknown>; lastModel?: ResourceProperties }> {
  let mutations = 0;
  let crashed = false;
  configureEngine({
    beforeCall: ({ mutating }) => {
      if (crashed || (mutating && ++mutations > n)) {
        crashed = true;
        throw new Error('simulated crash: the Lambda process died');
      }
    },
  });
  try {
    await run();
  } catch {
    // The crashed invocation's answer never reaches CloudFormation.
  }
  configureEngine({ beforeCall: undefined });
  return { crashed };
}

describe('a crash after every possible step, then re-invocation', () => {
  it.each(Array.from({ length: CLEAN_CREATE_MUTATIONS }, (_, i) => i))(
    'create: crash after %i mutating calls, re-invoked with the same token',
    async (n) => {
      const { crashed } = await crashAfter(n, () => invoke('create', props, { token: 'crash-token' }));
      expect(crashed).toBe(true);
      const { outcome } = await runToEnd('create', props, { token: 'crash-token' });
      expect(outcome.status).toBe('SUCCESS');
      expect(mutatingCalls(h.emulator).CreateKey).toBe(3);
      await converged(props);
    },
  );

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('update: crash after %i mutating calls, re-invoked', async (n) => {
    await runToEnd('create', props);
    h.emulator.admin.clearCallLog();
    await crashAfter(n, () => invoke('update', updated, { previous: props, token: 'u' }));
    const { outcome } = await runToEnd('update', updated, { previous: props, token: 'u2' });
    expect(outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator).CreateKey ?? 0).toBe(1);
    await converged(updated);
  });

  it.each([0, 1, 2, 3, 4, 5])('delete: crash after %i mutating calls, re-invoked with the callbackContext lost', async (n) => {
    await runToEnd('create', props);
    await crashAfter(n, () => invoke('delete', props));
    const again = await failureOf(runToEnd('delete', props));
    // Either the re-invocation finished the delete, or the crash came after every key was scheduled (NotFound).
    expect(again === undefined || again.code === 'NotFound').toBe(true);
    expect(usableServices(h.emulator, 'flt')).toEqual([]);
    assertNoDuplicatesOrLeaks(h.emulator, 'flt');
    expect((await failureOf(invoke('read', props)))?.code).toBe('NotFound');
  });

  it('create crashes mid-way and then fails for good: the rollback removes what earlier attempts made too', async () => {
    await crashAfter(4, () => invoke('create', props, { token: 'rb' }));
    h.emulator.admin.injectFault({ operation: 'CreateAlias', rate: 1, error: 'AccessDeniedException' });
    const failure = await failureOf(runToEnd('create', props, { token: 'rb' }));
    expect(failure?.code).toBe('AccessDenied');
    h.emulator.admin.clearFaults();
    assertNothingLeft(h.emulator, 'flt');
  });
});
