/**
 * KMS allows 50 tags per key. Stack tags count too (with the key set's Tags, per-key Tags and
 * the 3 ownership tags), so a key set that would exceed the limit fails before any AWS call; and
 * an update that swaps tags on a key near the limit removes the old ones first (TagResource
 * would otherwise push the key over 50 and fail).
 */
import type { ResourceProperties } from '../../resource-type/core/types';
import { failureOf, invoke, keySet, keysIn, mutatingCalls, runToEnd, startHarness, type Harness } from './harness';
import { assertNoDuplicatesOrLeaks } from './invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(() => h.emulator.admin.reset());

const tags = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: 'v' }));
const stackTags = (n: number): Record<string, string> => Object.fromEntries(tags('stack', n).map((t) => [t.Key, t.Value]));

describe('tag limit (50 per key)', () => {
  it('stack tags that push a key over 50 tags: InvalidRequest before any AWS call, naming the counts', async () => {
    const props = keySet('tl', [{ Service: 's3' }, { Service: 'sqs', Tags: tags('own', 2) }], { Tags: tags('set', 40) });
    const failure = await failureOf(invoke('create', props, { stackTags: stackTags(6) }));
    expect(failure?.code).toBe('InvalidRequest');
    expect(failure?.message).toMatch(
      /Services\/1\/Tags = 51: the sqs key would carry 51 tags \(6 stack tags \+ 40 key set Tags \+ 2 per-key Tags \+ 3 ownership tags, each tag key counted once\); KMS allows 50\. Remove Tags .* or apply fewer tags to the stack\./,
    );
    expect(failure?.message).not.toMatch(/Services\/0/);
    expect(h.emulator.admin.callLog()).toEqual([]);
  });

  it('a stack tag with the same key as a model tag is counted once', async () => {
    const props = keySet('tl', [{ Service: 's3' }], { Tags: tags('set', 47) });
    const { outcome } = await runToEnd('create', props, { stackTags: { set0: 'from-stack' } });
    expect(outcome.status).toBe('SUCCESS');
    expect(Object.keys(keysIn(h.emulator)[0].tags)).toHaveLength(50);
  });

  it('update swapping tags on a key at 50 tags: untags first, then tags; converges', async () => {
    const before = keySet('tl', [{ Service: 's3' }], { Tags: tags('a', 47) });
    await runToEnd('create', before);
    h.emulator.admin.clearCallLog();
    const after: ResourceProperties = { ...before, Tags: [...tags('a', 42), ...tags('b', 5)] };
    const { outcome } = await runToEnd('update', after, { previous: before });
    expect(outcome.status).toBe('SUCCESS');
    expect(mutatingCalls(h.emulator)).toEqual({ UntagResource: 1, TagResource: 1 });
    const log = h.emulator.admin.callLog().map((c) => c.operation);
    expect(log.indexOf('UntagResource')).toBeLessThan(log.indexOf('TagResource'));
    const read = (await invoke('read', after)) as unknown as { properties: ResourceProperties };
    expect(read.properties.Tags).toEqual(after.Tags);
    assertNoDuplicatesOrLeaks(h.emulator, 'tl');
  });

  it('below the limit the order stays tag first, untag last (no moment without a tag)', async () => {
    const before = keySet('tl', [{ Service: 's3' }], { Tags: tags('a', 10) });
    await runToEnd('create', before);
    h.emulator.admin.clearCallLog();
    await runToEnd('update', { ...before, Tags: [...tags('a', 5), ...tags('b', 5)] }, { previous: before });
    const log = h.emulator.admin.callLog().map((c) => c.operation);
    expect(log.indexOf('TagResource')).toBeLessThan(log.indexOf('UntagResource'));
  });
});
