/**
 * KMS refuses rotation changes on a disabled key (EnableKeyRotation/DisableKeyRotation need the
 * key Enabled), so an UPDATE that changes rotation of a key that stays disabled enables it
 * first and disables it last; the key ends disabled with the new rotation, and READ equals the model.
 */
import type { ResourceProperties } from '../../resource-type/core/types';
import { invoke, keySet, keysIn, mutatingCalls, runToEnd, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(() => h.emulator.admin.reset());

const disabled = (extra: ResourceProperties): ResourceProperties => keySet('dis', [{ Service: 's3', Enabled: false, ...extra }]);
const order = (): string[] =>
  h.emulator.admin
    .callLog()
    .filter((c) => c.status < 300 && /^(Enable|Disable)/.test(c.operation))
    .map((c) => c.operation);

describe('rotation changes on a key that stays disabled', () => {
  it.each([
    [
      'period 365 → 180',
      {},
      { RotationPeriodInDays: 180 },
      ['EnableKey', 'EnableKeyRotation', 'DisableKey'],
      { enabled: true, periodInDays: 180 },
    ],
    ['rotation on → off', {}, { EnableKeyRotation: false }, ['EnableKey', 'DisableKeyRotation', 'DisableKey'], { enabled: false }],
    [
      'rotation off → on every 90 days',
      { EnableKeyRotation: false },
      { RotationPeriodInDays: 90 },
      ['EnableKey', 'EnableKeyRotation', 'DisableKey'],
      { enabled: true, periodInDays: 90 },
    ],
  ])('%s: enable first, disable last', async (_name, before, after, calls, rotation) => {
    await runToEnd('create', disabled(before));
    h.emulator.admin.clearCallLog();
    const { outcome } = await runToEnd('update', disabled(after), { previous: disabled(before) });
    expect(outcome.status).toBe('SUCCESS');
    expect(order()).toEqual(calls);
    expect(mutatingCalls(h.emulator)).toEqual(Object.fromEntries(calls.map((c) => [c, 1])));
    const key = keysIn(h.emulator)[0];
    expect(key.state).toBe('Disabled');
    expect(key.rotation).toMatchObject(rotation);
    const read = (await invoke('read', disabled(after))) as unknown as { properties: ResourceProperties };
    expect(read.properties.Services).toEqual(disabled(after).Services);
  });
});
