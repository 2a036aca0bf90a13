import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { startEmulator } from '../../emulator';
import { startLatencyProxy } from '../../bench/latency';
import { STEPS } from '../../bench/call-graphs';
import { runWorkload, stepResourcePhases } from '../../bench/workload-runner';
import { buildWorkload } from '../../bench/workload';

interface Seen {
  action: string;
  region: string;
}

/** A stand-in handler: records what it was asked and answers from a script (no KMS calls). */
function fakeEntrypoint(answer: (event: Seen) => Record<string, unknown>) {
  const seen: Seen[] = [];
  const entrypoint = async (event: unknown) => {
    const e = event as Seen;
    seen.push({ action: e.action, region: e.region });
    return answer(e);
  };
  return { seen, entrypoint };
}

const SETTINGS = { latencyMs: 0, replicaCreatingMs: 0 };

describe('workload runner (fake handlers, nothing timed)', () => {
  test('phases: creates run the primary before the replicas, deletes the replicas first', () => {
    const wl = buildWorkload('multi-region', ['s3']);
    const regions = (step: (typeof STEPS)[number]) =>
      stepResourcePhases(step, wl.resources).map((p) => p.map((r) => r.placement.region).sort());
    expect(regions('create')).toEqual([['eu-west-1'], ['eu-central-1', 'us-east-1']]);
    expect(regions('delete')).toEqual([['eu-central-1', 'us-east-1'], ['eu-west-1']]);
    expect(regions('read')).toEqual([['eu-central-1', 'eu-west-1', 'us-east-1']]);
  });

  test('runs the five steps in order through the entrypoint and counts invocations', async () => {
    const { seen, entrypoint } = fakeEntrypoint(() => ({ status: 'SUCCESS' }));
    const run = await runWorkload('fake', buildWorkload('single-region', ['s3', 'sqs']), entrypoint, SETTINGS, 0);
    expect(run.failure).toBeUndefined();
    expect(run.steps.map((s) => [s.step, s.ok, s.invocations, s.keys])).toEqual(STEPS.map((s) => [s, true, 1, 2]));
    expect(seen.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'READ', 'DELETE']);
    // The fake made no KMS calls: the emulator's log is empty for every step.
    expect(run.steps.every((s) => s.calls.total === 0)).toBe(true);
  });

  test('a failed step stops the workload and is reported; a handler that never finishes is an ERROR, not a crash', async () => {
    const failing = fakeEntrypoint((e) =>
      e.action === 'UPDATE' ? { status: 'FAILED', errorCode: 'NotStabilized', message: 'boom' } : { status: 'SUCCESS' },
    );
    const failed = await runWorkload('fake', buildWorkload('single-region', ['s3']), failing.entrypoint, SETTINGS, 0);
    expect(failed.steps.map((s) => s.ok)).toEqual([true, false]);
    expect(failed.failure).toMatch(/noop-update failed in eu-west-1: NotStabilized boom/);

    const stuck = fakeEntrypoint(() => ({ status: 'IN_PROGRESS', callbackContext: {}, callbackDelaySeconds: 1 }));
    const endless = await runWorkload('fake', buildWorkload('single-region', ['s3']), stuck.entrypoint, SETTINGS, 0);
    expect(endless.steps).toHaveLength(1);
    expect(endless.steps[0]!.phases[0]![0]).toMatchObject({ status: 'ERROR' });
    expect(endless.failure).toMatch(/still IN_PROGRESS after 50 invocations/);
  });

  test("the latency proxy holds each KMS request for its operation's latency and forwards it unchanged", async () => {
    const emulator = await startEmulator({});
    const proxy = await startLatencyProxy(emulator.endpoint, { name: 't', label: 't', defaultMs: 5, perApiMs: { CreateKey: 120 } });
    const client = new KMSClient({
      region: 'eu-west-1',
      endpoint: proxy.endpoint,
      credentials: { accessKeyId: 'AKIA111111111111PROXY', secretAccessKey: 'x' },
    });
    try {
      const t0 = Date.now();
      const made = await client.send(new CreateKeyCommand({}));
      const createMs = Date.now() - t0;
      const t1 = Date.now();
      await client.send(new DescribeKeyCommand({ KeyId: made.KeyMetadata!.KeyId! }));
      const describeMs = Date.now() - t1;
      expect(createMs).toBeGreaterThanOrEqual(115);
      expect(describeMs).toBeLessThan(createMs);
      expect(emulator.admin.callLog().map((c) => c.operation)).toEqual(['CreateKey', 'DescribeKey']);
    } finally {
      client.destroy();
      await proxy.stop();
      await emulator.stop();
    }
  });
});
