/** start's CloudFormation driver: real entrypoint, IN_PROGRESS followed with the callbackContext, failures surfaced. */
import { startEmulator, type RunningEmulator } from '../../emulator';
import { resource } from '../../handlers/registry/handlers';
import { configureEngine, resetEngine } from '../../resource-type/operations/tuning';
import { HandlerFailed, runOperation, type InvocationReport, type StackResource } from '../../cli/start/cloudformation';

const ACCOUNT = '111111111111';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ replicaCreatingMs: 0 });
  // The lib waits a fixed 1 s for log delivery after every invocation; nothing is delivered here.
  jest.spyOn(resource as unknown as { waitRunningProcesses(): Promise<void> }, 'waitRunningProcesses').mockResolvedValue(undefined);
});
afterAll(async () => {
  resetEngine();
  await emulator.stop();
});
beforeEach(() => {
  resetEngine();
  emulator.admin.reset();
});

const stack = (region = 'eu-west-1'): StackResource => ({
  stackName: 'driver-test',
  logicalId: 'KeySet',
  target: { accountId: ACCOUNT, region, partition: 'aws' },
  credentials: { accessKeyId: `AKIA${ACCOUNT}EXAMPLE`, secretAccessKey: 'secret-value-123' },
});
const props = (projectCode: string) => ({
  ProjectCode: projectCode,
  KeyAdministratorArns: [`arn:aws:iam::${ACCOUNT}:role/KeyAdmin`],
  Services: [{ Service: 's3' }, { Service: 'sqs' }, { Service: 'logs' }],
});

test('follows IN_PROGRESS across invocations (model and callbackContext fed back) to SUCCESS, like CloudFormation', async () => {
  configureEngine({ endpoint: emulator.endpoint, pollIntervalMs: 5 });
  const primary = {
    ...props('loop'),
    PrimaryRegion: 'eu-west-1',
    Services: [
      { Service: 's3', MultiRegion: true },
      { Service: 'sqs', MultiRegion: true },
    ],
  };
  await runOperation('CREATE', stack('eu-west-1'), primary, undefined);
  // Replicas stay Creating for 600 ms of wall-clock time while each invocation may work 150 ms: the replica
  // create must come back IN_PROGRESS and finish in a later invocation, whatever the machine's load.
  emulator.admin.setReplicaCreatingMs(600);
  configureEngine({ maxInvocationMs: 150, deadlineReserveMs: 20, waitCallbackDelaySeconds: 0 });
  const reports: InvocationReport[] = [];
  const started = Date.now();
  const result = await runOperation('CREATE', stack('eu-central-1'), primary, undefined, {
    onInvocation: (r) => reports.push(r),
    maxCallbackDelayMs: 0,
  });
  expect(result.status).toBe('SUCCESS');
  expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  expect(result.invocations).toBeGreaterThan(1);
  expect(reports.map((r) => r.status)).toEqual([...Array(result.invocations - 1).fill('IN_PROGRESS'), 'SUCCESS']);
  expect(reports.every((r, i) => r.invocation === i + 1)).toBe(true);
  // The callbackContext carried the work: each replica was made once.
  expect(emulator.admin.callCounts({ region: 'eu-west-1' }).ReplicateKey).toBe(2);
  expect(emulator.admin.describeAllKeys(ACCOUNT, 'eu-central-1').map((k) => k.state)).toEqual(['Enabled', 'Enabled']);
  expect((result.model?.Keys as { AliasNames: Record<string, string> }).AliasNames).toEqual({ S3: 'alias/loop/s3', Sqs: 'alias/loop/sqs' });
});

test('a FAILED answer becomes HandlerFailed with the error code and message; the lib console output is captured, not printed', async () => {
  configureEngine({
    endpoint: emulator.endpoint,
    pollIntervalMs: 5,
    retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2, invalidPrincipalAttempts: 1 },
  });
  emulator.admin.injectFault({ operation: 'CreateKey', rate: 1, error: 'AccessDeniedException' });
  const log = jest.spyOn(process.stdout, 'write');
  let error: unknown;
  try {
    await runOperation('CREATE', stack(), props('denied'), undefined);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HandlerFailed);
  const failed = error as HandlerFailed;
  expect(failed.errorCode).toBe('AccessDenied');
  expect(failed.message).toMatch(/^CREATE failed with AccessDenied: /);
  expect(failed.logs.length).toBeGreaterThan(0);
  expect(log).not.toHaveBeenCalled();
  log.mockRestore();
});

test('UPDATE with the same properties after an out-of-band change: one PutKeyPolicy; DELETE schedules every key', async () => {
  configureEngine({ endpoint: emulator.endpoint, pollIntervalMs: 5 });
  const p = props('upd');
  await runOperation('CREATE', stack(), p, undefined);
  const s3 = emulator.admin.describeAllKeys(ACCOUNT, 'eu-west-1').find((k) => k.aliases.includes('alias/upd/s3'))!;
  emulator.admin.mutateKey(ACCOUNT, 'eu-west-1', s3.keyId, { policy: s3.policy.replace('"Version"', '"Id":"changed","Version"') });
  emulator.admin.clearCallLog();
  await runOperation('UPDATE', stack(), p, p);
  const mutating = emulator.admin.callLog().filter((c) => !/^(Describe|Get|List)/.test(c.operation));
  expect(mutating.map((c) => c.operation)).toEqual(['PutKeyPolicy']);
  await runOperation('DELETE', stack(), p, undefined);
  expect(emulator.admin.describeAllKeys(ACCOUNT, 'eu-west-1').map((k) => k.state)).toEqual([
    'PendingDeletion',
    'PendingDeletion',
    'PendingDeletion',
  ]);
});
