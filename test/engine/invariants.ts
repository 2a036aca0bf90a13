import type { RunningEmulator } from '../../emulator';
import { keysIn, REGION } from './harness';

/**
 * The safety invariants every fault test asserts for a key set in one Region:
 * - at most one usable (not pending deletion) key of ours per service (no duplicates);
 * - every usable key of ours holds its alias (no leaked enabled keys without an alias);
 * - every alias of ours targets a usable key of ours of its own service.
 */
export function assertNoDuplicatesOrLeaks(emulator: RunningEmulator, projectCode: string, region = REGION): void {
  const keys = keysIn(emulator, region).filter((k) => k.tags['servicekmskeys:project'] === projectCode);
  const usable = keys.filter((k) => k.state !== 'PendingDeletion' && k.state !== 'PendingReplicaDeletion');
  const byService = new Map<string, number>();
  for (const k of usable) byService.set(k.tags['servicekmskeys:service'], (byService.get(k.tags['servicekmskeys:service']) ?? 0) + 1);
  expect([...byService].filter(([, n]) => n > 1)).toEqual([]);
  for (const k of usable)
    expect({ key: k.keyId, aliases: k.aliases }).toEqual({
      key: k.keyId,
      aliases: [`alias/${projectCode}/${k.tags['servicekmskeys:service']}`],
    });
  for (const k of keys.filter((x) => !usable.includes(x))) expect({ pendingKeyAliases: k.aliases }).toEqual({ pendingKeyAliases: [] });
}

/** After a failed create: nothing usable is left behind. */
export function assertNothingLeft(emulator: RunningEmulator, projectCode: string, region = REGION): void {
  const keys = keysIn(emulator, region).filter((k) => k.tags['servicekmskeys:project'] === projectCode);
  expect(keys.filter((k) => k.state !== 'PendingDeletion').map((k) => k.keyId)).toEqual([]);
  expect(keys.flatMap((k) => k.aliases)).toEqual([]);
}

/** The services of our usable keys, sorted. */
export function usableServices(emulator: RunningEmulator, projectCode: string, region = REGION): string[] {
  return keysIn(emulator, region)
    .filter((k) => k.tags['servicekmskeys:project'] === projectCode && k.state !== 'PendingDeletion')
    .map((k) => k.tags['servicekmskeys:service'])
    .sort();
}
