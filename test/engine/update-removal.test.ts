/**
 * Removing services in an UPDATE: the window is the desired PendingWindowInDays (writeOnly: the
 * template being deployed says how long to keep a removed key, not the previous one), and a
 * multi-Region primary with live replicas goes PendingReplicaDeletion while its replicas keep
 * working (the progress note says to remove the service from the replica key sets).
 */
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { ResourceProperties } from '../../resource-type/core/types';
import type { ProgressNote } from '../../resource-type/operations/types';
import { CREDENTIALS, REGION, invoke, keySet, keysIn, mutatingCalls, runToEnd, startHarness, type Harness } from './harness';

let h: Harness;
let kms: KMSClient;
beforeAll(async () => {
  h = await startHarness({ replicaCreatingMs: 20 });
  kms = new KMSClient({ region: REGION, endpoint: h.emulator.endpoint, credentials: CREDENTIALS });
});
afterAll(async () => {
  kms.destroy();
  await h.stop();
});
beforeEach(() => h.emulator.admin.reset());

const both = keySet('rm', [{ Service: 's3' }, { Service: 'sqs' }]);
const s3Only = keySet('rm', [{ Service: 's3' }]);
const windowOf = async (keyId: string): Promise<number | undefined> =>
  (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.PendingDeletionWindowInDays;
const sqsKey = (): string => keysIn(h.emulator).find((k) => k.tags['servicekmskeys:service'] === 'sqs')!.keyId;

describe('UPDATE removing a service', () => {
  it.each([
    ['previous 30 (default), desired 7', both, { ...s3Only, PendingWindowInDays: 7 }, 7],
    ['previous 7, desired omitted (default 30)', { ...both, PendingWindowInDays: 7 }, s3Only, 30],
    ['previous 7, desired 12', { ...both, PendingWindowInDays: 7 }, { ...s3Only, PendingWindowInDays: '12' }, 12],
  ])('%s: the removed key is scheduled with the desired window', async (_name, previous, desired, days) => {
    await runToEnd('create', previous as ResourceProperties);
    const sqs = sqsKey();
    const { outcome } = await runToEnd('update', desired as ResourceProperties, { previous: previous as ResourceProperties });
    expect(outcome.status).toBe('SUCCESS');
    expect(outcome.status === 'SUCCESS' && outcome.properties?.PendingWindowInDays).toBeFalsy();
    expect(await windowOf(sqs)).toBe(days);
  });

  it('a multi-Region primary with a live replica: PendingReplicaDeletion, the replica keeps working, the note says what to do', async () => {
    const primary = keySet('rm', [{ Service: 's3' }, { Service: 'sqs', MultiRegion: true }]);
    const replica = { ...keySet('rm', [{ Service: 'sqs', MultiRegion: true }]), PrimaryRegion: REGION };
    await runToEnd('create', primary);
    await runToEnd('create', replica, { region: 'us-east-2' });
    h.emulator.admin.clearCallLog();
    const notes: ProgressNote[] = [];
    const { outcome } = await runToEnd('update', s3Only, { previous: primary, onProgress: (n) => void notes.push(n) });
    expect(outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator)).toEqual({ ScheduleKeyDeletion: 1, DeleteAlias: 1 });
    expect(keysIn(h.emulator).find((k) => k.tags['servicekmskeys:service'] === 'sqs')!.state).toBe('PendingReplicaDeletion');
    expect(notes.find((n) => n.step === 'scheduleKeyDeletion')?.message).toMatch(
      /multi-Region primary with replicas in us-east-2.*PendingReplicaDeletion.*remove sqs from the replica key sets there/,
    );
    // The replica key set is untouched and still reads back as its model.
    const read = await invoke('read', replica, { region: 'us-east-2' });
    expect(read.status).toBe('SUCCESS');
    expect(keysIn(h.emulator, 'us-east-2')[0].state).toBe('Enabled');
  });
});
