import type { DesiredKey, Step } from './types';

/**
 * Whether a planned step repairs out-of-band drift rather than applying a template change: the
 * property the step writes is the same in the previous and the desired state (so the stack did
 * not ask for a change, the live key moved). Steps on keys that are new, or of services the
 * previous state did not have, are never drift repairs. Pure; used for progress notes.
 */
export function isDriftRepair(step: Step, desired: DesiredKey | undefined, previous: DesiredKey | undefined, keyExisted: boolean): boolean {
  if (!desired || !previous || !keyExisted) return false;
  switch (step.kind) {
    case 'putKeyPolicy':
      return previous.policy === desired.policy;
    case 'updateKeyDescription':
      return previous.description === desired.description;
    case 'enableKeyRotation':
    case 'disableKeyRotation':
      return JSON.stringify(previous.rotation) === JSON.stringify(desired.rotation);
    case 'enableKey':
    case 'disableKey':
      return previous.enabled === desired.enabled && JSON.stringify(previous.rotation) === JSON.stringify(desired.rotation);
    case 'tagResource':
    case 'untagResource':
      return sameTags(previous.tags, desired.tags);
    case 'createAlias':
    case 'updateAlias':
      return true;
    default:
      return false;
  }
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}
