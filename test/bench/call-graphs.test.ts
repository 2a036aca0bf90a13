import { STEPS, stepPhases } from '../../bench/call-graphs';
import { stepBound } from '../../bench/compare';
import { REPLICA_REGIONS, SEED_SERVICES, buildWorkload } from '../../bench/workload';

const count = (nodes: { api: string }[]) => nodes.reduce<Record<string, number>>((c, n) => ({ ...c, [n.api]: (c[n.api] ?? 0) + 1 }), {});
const MODEL = { latencyMs: 50, replicaCreatingMs: 2000, engineHeadroom: 0.7 };

describe('workloads and their call graphs', () => {
  test('the single-Region workload has the 18 usable seed services (no acm); multi-Region leaves out mwaa', () => {
    expect(SEED_SERVICES).toHaveLength(18);
    expect(SEED_SERVICES).not.toContain('acm');
    const single = buildWorkload('single-region', SEED_SERVICES);
    expect(single.resources).toHaveLength(1);
    const mr = buildWorkload('multi-region', SEED_SERVICES);
    expect(mr.resources.map((r) => r.placement.region)).toEqual(['eu-west-1', ...REPLICA_REGIONS]);
    for (const r of mr.resources) {
      expect(r.placement.services).toHaveLength(17);
      expect(r.placement.services).not.toContain('mwaa');
      expect((r.properties.Services as Array<{ MultiRegion?: boolean }>).every((s) => s.MultiRegion === true)).toBe(true);
    }
  });

  test('the policy change changes the properties of every key set', () => {
    for (const r of buildWorkload('multi-region', SEED_SERVICES).resources) {
      expect(r.changedProperties).not.toEqual(r.properties);
      expect(r.changedProperties.KeyUserArns).toHaveLength(1);
    }
  });

  test('create: 3 calls per single-Region key, one phase', () => {
    const phases = stepPhases('create', [{ region: 'eu-west-1', services: ['s3', 'sqs'] }], { replicaCreatingMs: 0 });
    expect(phases).toHaveLength(1);
    expect(count(phases[0]!)).toEqual({ CreateKey: 2, EnableKeyRotation: 2, CreateAlias: 2 });
  });

  test('multi-Region create: primaries first, then replicas (ReplicateKey in the primary Region, alias in the replica Region)', () => {
    const placements = buildWorkload('multi-region', ['s3', 'sqs', 'mwaa']).resources.map((r) => r.placement);
    const [primary, replicas] = stepPhases('create', placements, { replicaCreatingMs: 2000 });
    expect(count(primary!)).toEqual({ CreateKey: 2, EnableKeyRotation: 2, CreateAlias: 2 });
    expect(count(replicas!)).toEqual({ DescribeKey: 4, ReplicateKey: 4, CreateAlias: 4 });
    const replicate = replicas!.find((n) => n.api === 'ReplicateKey')!;
    expect(replicate.region).toBe('eu-west-1');
    expect(replicate.settleMs).toBe(2000);
    expect(replicate.extraCharges).toEqual([
      { api: 'CreateKey', region: replicas!.find((n) => n.api === 'CreateAlias')!.region, tokens: 2 },
    ]);
  });

  test('delete removes replicas before the primary; reads and updates are one phase', () => {
    const placements = buildWorkload('multi-region', ['s3']).resources.map((r) => r.placement);
    const [first, second] = stepPhases('delete', placements, { replicaCreatingMs: 0 });
    expect(new Set(first!.map((n) => n.region))).toEqual(new Set(REPLICA_REGIONS));
    expect(new Set(second!.map((n) => n.region))).toEqual(new Set(['eu-west-1']));
    expect(stepPhases('read', placements, { replicaCreatingMs: 0 })).toHaveLength(1);
    // Rotation is read only where it is managed (not on replicas).
    expect(count(stepPhases('read', placements, { replicaCreatingMs: 0 })[0]!).GetKeyRotationStatus).toBe(1);
  });

  test('step bounds: every step has one, and the quota-bound create dominates the single-Region workload', () => {
    const wl = buildWorkload('single-region', SEED_SERVICES);
    const bounds = Object.fromEntries(STEPS.map((s) => [s, stepBound(s, wl, MODEL)]));
    // 18 CreateKey at 5 rps (burst 5): the 18th reaches KMS at 50 + 13 × 200 ms; its alias one latency later.
    expect(bounds.create!.ms).toBeCloseTo(2700, 6);
    expect(bounds.read!.ms).toBe(100);
    expect(bounds['noop-update']!.ms).toBe(100);
    // 18 PutKeyPolicy at 15 rps after two reads.
    expect(bounds['policy-update']!.ms).toBeCloseTo(100 + 50 + 3 * (1000 / 15), 6);
    for (const b of Object.values(bounds)) expect(b.atEngineHeadroomMs).toBeGreaterThanOrEqual(b.ms);
  });

  test('multi-Region create bound adds the replica phase: shared ReplicateKey quota, Creating wait, alias', () => {
    const b = stepBound('create', buildWorkload('multi-region', SEED_SERVICES), MODEL);
    const primaryOnly = 50 + 12 * 200 + 50; // 17 keys
    // 34 ReplicateKey (5 rps in eu-west-1) after one DescribeKey; the last replica leaves Creating 2 s after it arrives.
    expect(b.ms).toBeCloseTo(primaryOnly + 50 + 50 + 29 * 200 + 2000, 6);
    expect(b.phases.map((p) => Math.round(p.ms))).toEqual([primaryOnly, 50 + 50 + 29 * 200 + 2000]);
    for (const p of b.phases) expect(p.atEngineHeadroomMs).toBeGreaterThan(p.ms);
  });
});
