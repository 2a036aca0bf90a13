import type { KeyInfo } from '../../resource-type/gateway/kms-gateway';
import { mutatingCallCount, planRemoval, planServiceKey } from '../../resource-type/plan/planner';
import { diffTags } from '../../resource-type/plan/tags';
import { NEW_KEY, type DesiredKey, type LiveKey } from '../../resource-type/plan/types';
import { KeySetError } from '../../resource-type/core/errors';

const sortKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, sortKeys(x)]),
        )
      : v;
const same = (a: string, b: string): boolean => JSON.stringify(sortKeys(JSON.parse(a))) === JSON.stringify(sortKeys(JSON.parse(b)));
const options = { policiesEquivalent: same };

const desired = (over: Partial<DesiredKey> = {}): DesiredKey => ({
  service: 's3',
  aliasName: 'alias/p/s3',
  policy: '{"Version":"2012-10-17","Statement":[]}',
  description: 'S3 key',
  enabled: true,
  rotation: { enabled: true, periodInDays: 365 },
  multiRegion: false,
  tags: { 'servicekmskeys:project': 'p', 'servicekmskeys:service': 's3', env: 'prod' },
  ...over,
});

const info = (over: Partial<KeyInfo> = {}): KeyInfo => ({
  keyId: 'k1',
  arn: 'arn:aws:kms:eu-west-1:111111111111:key/k1',
  state: 'Enabled',
  enabled: true,
  description: 'S3 key',
  multiRegion: false,
  replicaRegions: [],
  keySpec: 'SYMMETRIC_DEFAULT',
  keyUsage: 'ENCRYPT_DECRYPT',
  origin: 'AWS_KMS',
  keyManager: 'CUSTOMER',
  ...over,
});

const liveKey = (over: Partial<LiveKey> = {}, infoOver: Partial<KeyInfo> = {}): LiveKey => ({
  service: 's3',
  info: info(infoOver),
  tags: { 'servicekmskeys:project': 'p', 'servicekmskeys:service': 's3', 'servicekmskeys:created-by': 't0', env: 'prod' },
  policy: ' { "Statement" : [], "Version":"2012-10-17" } ',
  rotation: { enabled: true, periodInDays: 365 },
  ...over,
});

describe('planServiceKey', () => {
  it('creates an enabled key with rotation in exactly 3 mutating calls', () => {
    const steps = planServiceKey(desired(), {}, options);
    expect(steps.map((s) => s.kind)).toEqual(['createKey', 'enableKeyRotation', 'createAlias']);
    expect(steps[1]).toMatchObject({ keyId: NEW_KEY, periodInDays: 365 });
    expect(mutatingCallCount([{ service: 's3', steps }])).toBe(3);
  });

  it('creates a disabled key: rotation first, then DisableKey, then the alias', () => {
    const steps = planServiceKey(desired({ enabled: false }), {}, options);
    expect(steps.map((s) => s.kind)).toEqual(['createKey', 'enableKeyRotation', 'disableKey', 'createAlias']);
  });

  it('creates without rotation in 2 calls', () => {
    expect(planServiceKey(desired({ rotation: { enabled: false, periodInDays: 365 } }), {}, options).map((s) => s.kind)).toEqual([
      'createKey',
      'createAlias',
    ]);
  });

  it('plans nothing for a key that matches (policy compared canonically)', () => {
    expect(planServiceKey(desired(), { key: liveKey(), aliasTargetKeyId: 'k1' }, options)).toEqual([]);
  });

  it('repairs drift: policy, rotation, description, tags, alias', () => {
    const live = liveKey(
      {
        policy: '{"Version":"2012-10-17","Statement":[{"Sid":"x"}]}',
        rotation: { enabled: false },
        tags: { 'servicekmskeys:project': 'p', 'servicekmskeys:service': 's3', env: 'dev', old: '1' },
      },
      { description: 'edited' },
    );
    const steps = planServiceKey(desired(), { key: live, aliasTargetKeyId: undefined }, options);
    expect(steps.map((s) => s.kind)).toEqual([
      'enableKeyRotation',
      'putKeyPolicy',
      'updateKeyDescription',
      'tagResource',
      'untagResource',
      'createAlias',
    ]);
    expect(steps.find((s) => s.kind === 'tagResource')).toMatchObject({ tags: { env: 'prod' } });
    expect(steps.find((s) => s.kind === 'untagResource')).toMatchObject({ tagKeys: ['old'] });
  });

  it('retargets an alias that points at another key', () => {
    const steps = planServiceKey(desired(), { key: liveKey(), aliasTargetKeyId: 'other' }, options);
    expect(steps).toEqual([{ kind: 'updateAlias', service: 's3', aliasName: 'alias/p/s3', keyId: 'k1' }]);
  });

  it('changes rotation on a disabled key by enabling it first and disabling it last', () => {
    const steps = planServiceKey(
      desired({ enabled: false, rotation: { enabled: true, periodInDays: 180 } }),
      { key: liveKey({}, { enabled: false, state: 'Disabled' }), aliasTargetKeyId: 'k1' },
      options,
    );
    expect(steps.map((s) => s.kind)).toEqual(['enableKey', 'enableKeyRotation', 'disableKey']);
  });

  it('enables a disabled key before enabling rotation', () => {
    const steps = planServiceKey(
      desired(),
      { key: liveKey({ rotation: { enabled: false } }, { enabled: false, state: 'Disabled' }), aliasTargetKeyId: 'k1' },
      options,
    );
    expect(steps.map((s) => s.kind)).toEqual(['enableKey', 'enableKeyRotation']);
  });

  it('disables rotation before disabling the key', () => {
    const steps = planServiceKey(
      desired({ enabled: false, rotation: { enabled: false, periodInDays: 365 } }),
      { key: liveKey(), aliasTargetKeyId: 'k1' },
      options,
    );
    expect(steps.map((s) => s.kind)).toEqual(['disableKeyRotation', 'disableKey']);
  });

  it('refuses to convert a single-Region key to multi-Region with InvalidRequest', () => {
    expect(() => planServiceKey(desired({ multiRegion: true }), { key: liveKey(), aliasTargetKeyId: 'k1' }, options)).toThrow(KeySetError);
    try {
      planServiceKey(desired({ multiRegion: true }), { key: liveKey(), aliasTargetKeyId: 'k1' }, options);
    } catch (e) {
      expect((e as KeySetError).code).toBe('InvalidRequest');
      expect((e as KeySetError).message).toMatch(/cannot convert/);
    }
  });

  it('replicates a missing replica and waits for it, without rotation calls', () => {
    const steps = planServiceKey(
      desired({ rotation: undefined, multiRegion: true, replicaOf: { keyId: 'mrk-1', region: 'us-east-1' } }),
      {},
      options,
    );
    expect(steps.map((s) => s.kind)).toEqual(['replicateKey', 'waitUntilUsable', 'createAlias']);
  });

  it('recovers our replica pending deletion with CancelKeyDeletion + EnableKey', () => {
    const key = liveKey(
      { policy: undefined, rotation: undefined },
      { state: 'PendingDeletion', enabled: false, multiRegion: true, multiRegionKeyType: 'REPLICA' },
    );
    const steps = planServiceKey(
      desired({ rotation: undefined, multiRegion: true, replicaOf: { keyId: 'k1', region: 'us-east-1' } }),
      { key, aliasTargetKeyId: undefined },
      options,
    );
    expect(steps.map((s) => s.kind)).toEqual(['cancelKeyDeletion', 'enableKey', 'putKeyPolicy', 'createAlias']);
  });

  it('removal schedules the key before deleting its alias', () => {
    expect(planRemoval(liveKey(), ['alias/p/s3'], 7).map((s) => s.kind)).toEqual(['scheduleKeyDeletion', 'deleteAlias']);
    expect(planRemoval(liveKey({}, { state: 'PendingDeletion' }), ['alias/p/s3'], 7).map((s) => s.kind)).toEqual(['deleteAlias']);
  });

  it('only a multi-Region primary carries the Regions whose replicas hold its deletion back', () => {
    const related = { multiRegion: true, replicaRegions: ['eu-west-1', 'eu-central-1'] };
    const primary = planRemoval(liveKey({}, { ...related, multiRegionKeyType: 'PRIMARY' }), [], 7);
    expect(primary).toEqual([expect.objectContaining({ kind: 'scheduleKeyDeletion', replicaRegions: ['eu-west-1', 'eu-central-1'] })]);
    // DescribeKey on a replica lists the related Regions too; a replica is not held back by them.
    const replica = planRemoval(liveKey({}, { ...related, multiRegionKeyType: 'REPLICA' }), [], 7);
    expect(replica).toEqual([expect.not.objectContaining({ replicaRegions: expect.anything() })]);
  });
});

describe('diffTags', () => {
  it('overwrites changed values, removes only removed keys, never ownership or created-by', () => {
    const diff = diffTags(
      { a: '1', b: '2', 'servicekmskeys:created-by': 'x', 'servicekmskeys:project': 'p' },
      { a: '1', b: '3', c: '4', 'servicekmskeys:created-by': 'y', 'servicekmskeys:project': 'p' },
    );
    expect(diff).toEqual({ set: { b: '3', c: '4' }, remove: [] });
    expect(diffTags({ a: '1', z: '0' }, { a: '1' })).toEqual({ set: {}, remove: ['z'] });
  });
});
