/**
 * Progress: the engine reports each key's steps per Region through OperationInput.onProgress
 * (creating, replicating, waiting for a replica, aliases, scheduled deletions, repaired drift),
 * and the per-call hooks of configureEngine name the key's service.
 */
import { KMSClient, UpdateAliasCommand } from '@aws-sdk/client-kms';
import type { GatewayCallEvent } from '../../resource-type/gateway';
import { configureEngine } from '../../resource-type/operations/tuning';
import type { ProgressNote } from '../../resource-type/operations/types';
import { ACCOUNT, CREDENTIALS, FAST, REGION, keySet, keysIn, runToEnd, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(() => {
  h.emulator.admin.reset();
  configureEngine({ ...FAST, endpoint: h.emulator.endpoint, onCall: undefined, maxInvocationMs: undefined });
});

const props = keySet('prog', [{ Service: 's3' }, { Service: 'sqs', Enabled: false }]);
const collect = (): { notes: ProgressNote[]; onProgress: (n: ProgressNote) => void } => {
  const notes: ProgressNote[] = [];
  return { notes, onProgress: (n) => void notes.push(n) };
};
const stepsOf = (notes: ProgressNote[], service: string): string[] =>
  notes.filter((n) => n.service === service).map((n) => `${n.step}: ${n.message.replace(/mrk-[0-9a-f]{32}|[0-9a-f-]{36}/g, '<id>')}`);

describe('progress notes', () => {
  it('create: per key and Region, "creating" before CreateKey, then each step done with the key id', async () => {
    const { notes, onProgress } = collect();
    expect((await runToEnd('create', props, { onProgress })).outcome.status).toBe('SUCCESS');
    expect(notes.every((n) => n.region === REGION)).toBe(true);
    const s3Notes = stepsOf(notes, 's3');
    expect(s3Notes.slice(0, 2)).toEqual(['createKey: creating the s3 key (single-Region)', 'createKey: created the s3 key <id>']);
    // CreateAlias runs beside EnableKeyRotation once the key exists: either may finish first.
    expect(s3Notes.slice(2).sort()).toEqual([
      'createAlias: alias alias/prog/s3 created for the s3 key <id>',
      'enableKeyRotation: rotation of the s3 key <id> on, every 365 days',
    ]);
    expect(stepsOf(notes, 'sqs')).toContain('disableKey: disabled the sqs key <id>');
    const s3 = keysIn(h.emulator).find((k) => k.aliases.includes('alias/prog/s3'))!;
    expect(notes.filter((n) => n.service === 's3' && n.step !== 'createKey').every((n) => n.keyId === s3.keyId)).toBe(true);
  });

  it('update: drift repairs are called so; template changes are not', async () => {
    await runToEnd('create', props);
    const s3 = keysIn(h.emulator).find((k) => k.aliases.includes('alias/prog/s3'))!;
    const sqs = keysIn(h.emulator).find((k) => k.aliases.includes('alias/prog/sqs'))!;
    // Out of band: s3's policy edited, sqs's alias pointed at the s3 key.
    h.emulator.admin.mutateKey(ACCOUNT, REGION, s3.keyId, { policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
    const kms = new KMSClient({ region: REGION, endpoint: h.emulator.endpoint, credentials: CREDENTIALS });
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/prog/sqs', TargetKeyId: s3.keyId }));
    kms.destroy();
    // In the template: sqs gets a new description.
    const next = keySet('prog', [{ Service: 's3' }, { Service: 'sqs', Enabled: false, Description: 'queue key' }]);
    const { notes, onProgress } = collect();
    expect((await runToEnd('update', next, { previous: props, onProgress })).outcome.status).toBe('SUCCESS');
    expect(stepsOf(notes, 's3')).toEqual(['putKeyPolicy: repaired drift: key policy of the s3 key <id> updated']);
    expect(stepsOf(notes, 'sqs')).toEqual([
      'updateKeyDescription: description of the sqs key <id> updated',
      'updateAlias: repaired drift: alias alias/prog/sqs pointed at the sqs key <id>',
    ]);
    expect(notes.find((n) => n.step === 'updateAlias')?.keyId).toBe(sqs.keyId);
  });

  it('update: a stack tag change is not drift; a tag edited out of band under the same stack tags is', async () => {
    const one = keySet('prog', [{ Service: 's3' }]);
    await runToEnd('create', one, { stackTags: { team: 'a' } });
    const changed = collect();
    await runToEnd('update', one, {
      previous: one,
      stackTags: { team: 'b' },
      previousStackTags: { team: 'a' },
      onProgress: changed.onProgress,
    });
    expect(stepsOf(changed.notes, 's3')).toEqual(['tagResource: tags team set on the s3 key <id>']);
    const s3 = keysIn(h.emulator)[0];
    h.emulator.admin.mutateKey(ACCOUNT, REGION, s3.keyId, { tags: { ...s3.tags, team: 'edited' } });
    const drifted = collect();
    await runToEnd('update', one, {
      previous: one,
      stackTags: { team: 'b' },
      previousStackTags: { team: 'b' },
      onProgress: drifted.onProgress,
    });
    expect(stepsOf(drifted.notes, 's3')).toEqual(['tagResource: repaired drift: tags team set on the s3 key <id>']);
  });

  it('delete: each key scheduled for deletion, then its alias deleted', async () => {
    await runToEnd('create', props);
    const { notes, onProgress } = collect();
    await runToEnd('delete', { ...props, PendingWindowInDays: 7 }, { onProgress });
    expect(stepsOf(notes, 's3')).toEqual([
      'scheduleKeyDeletion: the s3 key <id> scheduled for deletion in 7 days',
      'deleteAlias: alias alias/prog/s3 deleted',
    ]);
  });

  it('replica key set: replicating (in the replica Region), waiting for the replica, alias', async () => {
    const primary = keySet('prog', [{ Service: 's3', MultiRegion: true }]);
    await runToEnd('create', primary);
    const { notes, onProgress } = collect();
    const replicaRegion = 'us-east-2';
    await runToEnd('create', { ...primary, PrimaryRegion: REGION }, { region: replicaRegion, onProgress });
    expect(notes.every((n) => n.region === replicaRegion)).toBe(true);
    expect(stepsOf(notes, 's3')).toEqual([
      `replicateKey: replicating the s3 primary key <id> from ${REGION}`,
      `replicateKey: replicated the s3 key <id> from ${REGION}`,
      'waitUntilUsable: waiting for the s3 key <id> to finish Creating',
      'waitUntilUsable: the s3 key <id> is ready',
      'createAlias: alias alias/prog/s3 created for the s3 key <id>',
    ]);
  });
});

describe('per-call hooks', () => {
  it('name the service of the key a call is about', async () => {
    const events: GatewayCallEvent[] = [];
    configureEngine({ onCall: (e) => void events.push(e) });
    await runToEnd('create', props);
    const creates = events.filter((e) => e.api === 'CreateKey');
    expect(creates.map((e) => e.service).sort()).toEqual(['s3', 'sqs']);
    expect(creates.every((e) => e.mutating && e.region === REGION)).toBe(true);
    expect(events.find((e) => e.api === 'ListAliases')?.service).toBeUndefined();
  });
});
