import type { DeploymentTarget, KeySetSpec } from '../core/types';
import { buildDesiredKeys } from '../plan/desired';
import { planRemoval, planServiceKey } from '../plan/planner';
import type { DesiredKey, KeySequence, LiveKey } from '../plan/types';
import { policiesEquivalent } from '../policy';
import { unwantedKeys, type ResolvedState } from './state';

/** Everything an UPDATE (or CREATE) would do to a key set, planned before the first call. */
export interface KeySetPlan {
  /** Desired state of every key of the set, in the model's service order. */
  readonly desired: readonly DesiredKey[];
  /** One sequence per desired key, same order as `desired` (empty steps: already in sync). */
  readonly keys: readonly KeySequence[];
  /** Keys of ours no longer wanted (UPDATE only): schedule for deletion, then drop their aliases. */
  readonly removals: ReadonlyArray<{ readonly key: LiveKey; readonly sequence: KeySequence }>;
}

export interface PlanKeySetOptions {
  readonly mode: 'create' | 'update';
  /** Token recorded in the created-by tag of new keys. */
  readonly createdBy: string;
  readonly stackTags?: Readonly<Record<string, string>>;
}

/**
 * Pure: desired properties vs resolved live state → ordered steps per key. Throws KeySetError
 * (InvalidRequest) for a change KMS cannot make (e.g. MultiRegion), before anything is done.
 * Used by converge and by `plan --diff`, so the preview is exactly what an UPDATE does.
 */
export function planKeySet(spec: KeySetSpec, target: DeploymentTarget, state: ResolvedState, options: PlanKeySetOptions): KeySetPlan {
  const desired = buildDesiredKeys(spec, target, {
    createdBy: options.createdBy,
    stackTags: options.stackTags,
    primaryKeys: state.primaryKeys,
  });
  const keys = desired.map((d) => ({
    service: d.service,
    steps: planServiceKey(d, state.services.get(d.service) ?? {}, { policiesEquivalent }),
  }));
  const removals =
    options.mode === 'update'
      ? unwantedKeys(spec, state).map(({ key, aliasNames }) => ({
          key,
          sequence: { service: key.service, steps: planRemoval(key, aliasNames, spec.pendingWindowInDays) },
        }))
      : [];
  return { desired, keys, removals };
}
