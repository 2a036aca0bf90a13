import { lowerBoundMs, schedule, type CallNode } from '../../bench/lower-bound';

const L = 50;
const createKeys = (n: number, region = 'eu-west-1'): CallNode[] =>
  Array.from({ length: n }, (_, i) => ({ id: `k${i}`, api: 'CreateKey', region, deps: [] }));

describe('lower-bound model', () => {
  test('one call takes one latency; a chain of two takes two', () => {
    expect(lowerBoundMs([{ id: 'a', api: 'DescribeKey', region: 'r', deps: [] }], { latencyMs: L })).toBe(50);
    expect(
      lowerBoundMs(
        [
          { id: 'a', api: 'DescribeKey', region: 'r', deps: [] },
          { id: 'b', api: 'GetKeyPolicy', region: 'r', deps: ['a'] },
        ],
        { latencyMs: L },
      ),
    ).toBe(100);
  });

  test('a 5-rps API serves a burst of 5 at once, then one call every 200 ms', () => {
    expect(lowerBoundMs(createKeys(5), { latencyMs: L })).toBe(50);
    expect(lowerBoundMs(createKeys(6), { latencyMs: L })).toBeCloseTo(250, 6);
    expect(lowerBoundMs(createKeys(18), { latencyMs: L })).toBeCloseTo(50 + 13 * 200, 6);
  });

  test('quotas are per Region: the same calls split over two Regions finish sooner', () => {
    const split = [...createKeys(9, 'eu-west-1'), ...createKeys(9, 'us-east-1').map((n) => ({ ...n, id: `us-${n.id}` }))];
    expect(lowerBoundMs(split, { latencyMs: L })).toBeCloseTo(50 + 4 * 200, 6);
  });

  test('dependent calls follow their key: 18 keys with rotation and alias end one latency after the last CreateKey', () => {
    const nodes: CallNode[] = createKeys(18).flatMap((k) => [
      k,
      { id: `${k.id}-rot`, api: 'EnableKeyRotation', region: k.region, deps: [k.id] },
      { id: `${k.id}-alias`, api: 'CreateAlias', region: k.region, deps: [k.id] },
    ]);
    const result = schedule(nodes, { latencyMs: L });
    expect(result.makespanMs).toBeCloseTo(50 + 13 * 200 + 50, 6);
    expect(result.callsPerApi).toEqual({ CreateKey: 18, EnableKeyRotation: 18, CreateAlias: 18 });
    for (const call of result.calls.filter((c) => c.api !== 'CreateKey')) {
      const parent = result.calls.find((c) => c.id === call.id.split('-')[0])!;
      expect(call.sentAt).toBeGreaterThanOrEqual(parent.arrivesAt);
    }
  });

  test('a settle time (replica Creating) delays the dependents, not the call itself', () => {
    const nodes: CallNode[] = [
      { id: 'rep', api: 'ReplicateKey', region: 'eu-west-1', deps: [], settleMs: 2000 },
      { id: 'alias', api: 'CreateAlias', region: 'us-east-1', deps: ['rep'] },
    ];
    const result = schedule(nodes, { latencyMs: L });
    expect(result.calls.find((c) => c.id === 'rep')!.arrivesAt).toBe(50);
    expect(result.makespanMs).toBe(50 + 2000);
  });

  test('extra charges use another bucket: ReplicateKey costs 2 CreateKey tokens in the replica Region', () => {
    const replicate = (i: number): CallNode => ({
      id: `rep${i}`,
      api: 'ReplicateKey',
      region: 'eu-west-1',
      deps: [],
      extraCharges: [{ api: 'CreateKey', region: 'us-east-1', tokens: 2 }],
    });
    // 5 CreateKey tokens: two replicas at once, the third waits for the 6th token (200 ms).
    expect(lowerBoundMs([replicate(1), replicate(2)], { latencyMs: L })).toBe(50);
    expect(lowerBoundMs([replicate(1), replicate(2), replicate(3)], { latencyMs: L })).toBeCloseTo(250, 6);
  });

  test('rateFactor scales every quota; APIs without a quota are not limited', () => {
    // 2.5 rps, capacity 2.5 tokens: 2 at once, the 3rd when the half token has refilled (200 ms), then every 400 ms.
    expect(lowerBoundMs(createKeys(18), { latencyMs: L, rateFactor: 0.5 })).toBeCloseTo(50 + 200 + 15 * 400, 6);
    const unlimited = Array.from({ length: 100 }, (_, i) => ({ id: `x${i}`, api: 'SomethingElse', region: 'r', deps: [] }));
    expect(lowerBoundMs(unlimited, { latencyMs: L })).toBe(50);
  });

  test('rejects graphs that cannot be scheduled', () => {
    expect(() => schedule([{ id: 'a', api: 'CreateKey', region: 'r', deps: ['missing'] }], { latencyMs: L })).toThrow(/missing/);
    expect(() =>
      schedule(
        [
          { id: 'a', api: 'CreateKey', region: 'r', deps: ['b'] },
          { id: 'b', api: 'CreateKey', region: 'r', deps: ['a'] },
        ],
        { latencyMs: L },
      ),
    ).toThrow(/cycle/);
    expect(() => schedule([...createKeys(1), ...createKeys(1)], { latencyMs: L })).toThrow(/unique/);
  });

  test('per-API latencies: a slow CreateKey delays its dependants by its own latency, other calls take the default', () => {
    const nodes: CallNode[] = [
      ...createKeys(1),
      { id: 'k0-alias', api: 'CreateAlias', region: 'eu-west-1', deps: ['k0'] },
      { id: 'd', api: 'DescribeKey', region: 'eu-west-1', deps: [] },
    ];
    const result = schedule(nodes, { latencyMs: 80, perApiLatencyMs: { CreateKey: 250 } });
    expect(result.makespanMs).toBe(330);
    expect(result.calls.find((c) => c.id === 'd')).toMatchObject({ sentAt: 0, arrivesAt: 80 });
    // A settle time counts from the parent's arrival, whatever the child's latency.
    const replica: CallNode[] = [
      { id: 'r', api: 'ReplicateKey', region: 'eu-west-1', deps: [], settleMs: 2000 },
      { id: 'a', api: 'CreateAlias', region: 'us-east-1', deps: ['r'] },
    ];
    expect(lowerBoundMs(replica, { latencyMs: 80, perApiLatencyMs: { ReplicateKey: 250 } })).toBe(2250);
  });
});
