import { callTimeline, formatPerApi, formatTimeline, summarizeCalls } from '../../bench/calls';
import { BENCH_DEFAULTS, BenchUsageError, SECTIONS, parseBenchArgs } from '../../bench/options';
import { median } from '../../bench/init-time';
import { accountSteps } from '../../bench/policy-size';

describe('call-log summary', () => {
  test('counts attempts per API, mutating attempts, successes and throttling', () => {
    const summary = summarizeCalls([
      { operation: 'ListAliases', region: 'r', status: 200 },
      { operation: 'CreateKey', region: 'r', status: 200 },
      { operation: 'CreateKey', region: 'r', status: 400, errorCode: 'ThrottlingException' },
      { operation: 'CreateAlias', region: 'r', status: 400, errorCode: 'AlreadyExistsException' },
      { operation: 'DescribeKey', region: 'r', status: 400, errorCode: 'ThrottlingException' },
    ]);
    expect(summary).toEqual({
      perApi: { CreateAlias: 1, CreateKey: 2, DescribeKey: 1, ListAliases: 1 },
      total: 5,
      mutating: 3,
      mutatingOk: 1,
      throttled: 2,
      errors: { AlreadyExistsException: 1, ThrottlingException: 2 },
    });
  });

  test('an empty log is all zeros; the per-API text lists the largest counts first', () => {
    expect(summarizeCalls([])).toMatchObject({ total: 0, mutating: 0, throttled: 0, perApi: {} });
    expect(formatPerApi({ CreateKey: 2, ListAliases: 1, CreateAlias: 2 })).toBe('CreateAlias 2, CreateKey 2, ListAliases 1');
    expect(formatPerApi({})).toBe('(none)');
  });
});

describe('call timeline', () => {
  test('first and last request per API, relative to the step start', () => {
    const t0 = 1_000_000;
    const timeline = callTimeline(
      [
        { operation: 'ListAliases', region: 'r', status: 200, at: t0 + 20 },
        { operation: 'CreateKey', region: 'r', status: 200, at: t0 + 250 },
        { operation: 'CreateKey', region: 'r', status: 200, at: t0 + 4300 },
        { operation: 'CreateAlias', region: 'r', status: 200, at: t0 + 4400 },
      ],
      t0,
    )!;
    expect(timeline).toEqual({
      firstMs: 20,
      lastMs: 4400,
      perApi: {
        ListAliases: { firstMs: 20, lastMs: 20, calls: 1 },
        CreateKey: { firstMs: 250, lastMs: 4300, calls: 2 },
        CreateAlias: { firstMs: 4400, lastMs: 4400, calls: 1 },
      },
    });
    expect(formatTimeline(timeline, ['CreateKey', 'PutKeyPolicy'])).toBe('calls 0.02-4.40 s; CreateKey 0.25-4.30 (2)');
    expect(callTimeline([{ operation: 'CreateKey', region: 'r', status: 200 }], t0)).toBeUndefined();
  });
});

describe('bench options', () => {
  test('defaults: every section, 50 ms, 7 init runs', () => {
    expect(parseBenchArgs([])).toEqual({
      jsonFile: undefined,
      latencyMs: BENCH_DEFAULTS.latencyMs,
      replicaCreatingMs: BENCH_DEFAULTS.replicaCreatingMs,
      quick: false,
      sections: SECTIONS,
      initRuns: 7,
    });
  });

  test('flags, with values separate or after =', () => {
    expect(parseBenchArgs(['--json', 'out.json', '--latency-ms=20', '--quick', '--only', 'policy,single-region'])).toEqual({
      jsonFile: 'out.json',
      latencyMs: 20,
      replicaCreatingMs: BENCH_DEFAULTS.replicaCreatingMs,
      quick: true,
      sections: ['single-region', 'policy'],
      initRuns: BENCH_DEFAULTS.quickInitRuns,
    });
    expect(parseBenchArgs(['--only', 'workload']).sections).toEqual(['single-region', 'multi-region']);
    expect(parseBenchArgs(['--init-runs', '3', '--replica-creating-ms', '0'])).toMatchObject({ initRuns: 3, replicaCreatingMs: 0 });
  });

  test.each([
    [['--latency-ms'], /needs a value/],
    [['--latency-ms', 'fast'], /whole number/],
    [['--latency-ms', '-5'], /whole number/],
    [['--json'], /file name/],
    [['--only', 'everything'], /Unknown section "everything"/],
    [['--init-runs', '0'], /at least 1/],
    [['--verbose'], /Unknown option "--verbose"/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe('small helpers', () => {
  test('median of odd and even counts, unsorted input', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  test('policy probe steps stop at the first count that does not fit', () => {
    expect(accountSteps((n) => n < 350)).toEqual([0, 10, 50, 100, 200, 300, 400]);
    expect(accountSteps(() => true, 500)).toEqual([0, 10, 50, 100, 200, 300, 400, 500]);
  });
});
