import { KeySetError } from '../core/errors';
import { mapBounded } from '../gateway/concurrency';
import { Waiting } from '../gateway/interrupt';
import type { KeyInfo, KmsGateway } from '../gateway/kms-gateway';
import type { Timing } from '../gateway/timing';
import { NEW_KEY, type KeySequence, type Step } from '../plan/types';
import { policiesEquivalent } from '../policy';
import type { Session } from './session';
import type { ProgressNote } from './types';

export interface ExecutionEnv {
  /** Gateway of the key set's Region. */
  readonly gw: KmsGateway;
  /** Gateway of another Region (ReplicateKey runs in the primary's Region). */
  readonly gwFor: (region: string) => KmsGateway;
  readonly timing: Timing;
  readonly deadline: number;
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  /** Called when a key is created or replicated, before anything else happens to it. */
  readonly onKeyCreated?: (service: string, key: KeyInfo) => void;
  readonly onProgress?: (note: ProgressNote) => void;
  /** Called before each state-changing step starts. */
  readonly onMutation?: () => void;
  /** Whether a step repairs out-of-band drift (live differs from what the stack last asked for). */
  readonly isDriftRepair?: (step: Step) => boolean;
}

/** The execution environment of a session (every operation runs its plan through this). */
export function executionEnv(
  session: Session,
  onProgress: ((note: ProgressNote) => void) | undefined,
  extra: Pick<ExecutionEnv, 'onKeyCreated' | 'onMutation' | 'isDriftRepair'> = {},
): ExecutionEnv {
  return {
    gw: session.gw,
    gwFor: session.gwFor,
    timing: session.timing,
    deadline: session.deadline,
    concurrency: session.tuning.concurrency,
    pollIntervalMs: session.tuning.pollIntervalMs,
    onProgress,
    ...extra,
  };
}

/**
 * Runs each key's steps in order; keys run concurrently (bounded). The first failure stops
 * new work and is rethrown once calls in flight settle.
 */
export async function executePlan(sequences: readonly KeySequence[], env: ExecutionEnv): Promise<void> {
  await mapBounded(sequences, env.concurrency, (sequence) => runSequence(sequence, env));
}

async function runSequence(sequence: KeySequence, env: ExecutionEnv): Promise<void> {
  let newKeyId: string | undefined;
  const resolve = (keyId: string): string => {
    if (keyId !== NEW_KEY) return keyId;
    if (!newKeyId)
      throw new KeySetError('InternalFailure', `Plan for ${sequence.service} uses a new key before creating it; this is a bug, report it.`);
    return newKeyId;
  };
  const note = (step: Step, message: string, keyId?: string): void =>
    env.onProgress?.({ service: step.service, region: env.gw.region, step: step.kind, message, ...(keyId ? { keyId } : {}) });
  const checks: Array<() => Promise<boolean>> = [];
  for (const step of sequence.steps) {
    const justCreated = newKeyId !== undefined;
    const options = { service: step.service, hints: { justCreated } };
    if (step.kind !== 'waitUntilUsable') env.onMutation?.();
    const keyIdBefore = 'keyId' in step && step.keyId !== NEW_KEY ? step.keyId : newKeyId;
    const starting = startingWords(step, keyIdBefore);
    if (starting) note(step, starting, keyIdBefore);
    const result = await runStep(step, env, resolve, options);
    if (result) {
      newKeyId = result.keyId;
      env.onKeyCreated?.(step.service, result);
    }
    const check = visibilityCheck(step, env, resolve, options);
    if (check) checks.push(check);
    const done = describeStep(step, result?.keyId ?? keyIdBefore);
    note(step, env.isDriftRepair?.(step) ? `repaired drift: ${done}` : done, result?.keyId ?? keyIdBefore);
  }
  const what = `the ${sequence.service} key's changes to become visible in ${env.gw.region}`;
  for (const check of checks)
    await pollUntil(check, what, env, () =>
      env.onProgress?.({ service: sequence.service, region: env.gw.region, message: `waiting for ${what}` }),
    );
}

/**
 * KMS is eventually consistent: an alias or policy change can take a moment to show. The
 * operation ends only when DescribeKey(alias) returns the key and GetKeyPolicy the new policy,
 * so a READ right after SUCCESS sees what was written (bounded polling, never a fixed sleep).
 */
function visibilityCheck(
  step: Step,
  env: ExecutionEnv,
  resolve: (keyId: string) => string,
  options: { service: string; hints: { justCreated: boolean } },
): (() => Promise<boolean>) | undefined {
  switch (step.kind) {
    case 'createAlias':
    case 'updateAlias': {
      const keyId = resolve(step.keyId);
      return async () => (await env.gw.describeKey(step.aliasName, options))?.keyId === keyId;
    }
    case 'putKeyPolicy': {
      const keyId = resolve(step.keyId);
      return async () => policiesEquivalent(await env.gw.getKeyPolicy(keyId, options), step.policy);
    }
    default:
      return undefined;
  }
}

async function pollUntil(check: () => Promise<boolean>, what: string, env: ExecutionEnv, onFirstWait?: () => void): Promise<void> {
  let delay = env.pollIntervalMs;
  let waited = false;
  while (!(await check())) {
    if (!waited) onFirstWait?.();
    waited = true;
    if (env.timing.now() + delay >= env.deadline) throw new Waiting(`waiting for ${what}`);
    await env.timing.sleep(delay);
    delay = Math.min(delay * 2, 5000);
  }
}

async function runStep(
  step: Step,
  env: ExecutionEnv,
  resolve: (keyId: string) => string,
  options: { service: string; hints: { justCreated: boolean } },
): Promise<KeyInfo | void> {
  const { gw } = env;
  switch (step.kind) {
    case 'createKey':
      return gw.createKey({ policy: step.policy, description: step.description, tags: step.tags, multiRegion: step.multiRegion }, options);
    case 'replicateKey':
      await gw.chargeQuota('CreateKey', 2);
      return env
        .gwFor(step.primaryRegion)
        .replicateKey(
          { keyId: step.primaryKeyId, replicaRegion: gw.region, policy: step.policy, description: step.description, tags: step.tags },
          options,
        );
    case 'waitUntilUsable':
      return waitUntilUsable(resolve(step.keyId), step.service, env);
    case 'cancelKeyDeletion':
      return gw.cancelKeyDeletion(resolve(step.keyId), options);
    case 'enableKey':
      return gw.enableKey(resolve(step.keyId), options);
    case 'disableKey':
      return gw.disableKey(resolve(step.keyId), options);
    case 'enableKeyRotation':
      return gw.enableKeyRotation(resolve(step.keyId), step.periodInDays, options);
    case 'disableKeyRotation':
      return gw.disableKeyRotation(resolve(step.keyId), options);
    case 'putKeyPolicy':
      return gw.putKeyPolicy(resolve(step.keyId), step.policy, options);
    case 'updateKeyDescription':
      return gw.updateKeyDescription(resolve(step.keyId), step.description, options);
    case 'tagResource':
      return gw.tagResource(resolve(step.keyId), step.tags, options);
    case 'untagResource':
      return gw.untagResource(resolve(step.keyId), step.tagKeys, options);
    case 'createAlias':
      return createAlias(gw, step.aliasName, resolve(step.keyId), options);
    case 'updateAlias':
      return gw.updateAlias(step.aliasName, resolve(step.keyId), options);
    case 'deleteAlias':
      return gw.deleteAlias(step.aliasName, options);
    case 'scheduleKeyDeletion':
      return gw.scheduleKeyDeletion(resolve(step.keyId), step.pendingWindowInDays, options);
  }
}

/**
 * CreateAlias; when the alias already exists (our own earlier attempt whose answer was lost, or
 * a ListAliases that had not caught up yet) it succeeds if the alias already targets the key.
 */
async function createAlias(
  gw: KmsGateway,
  aliasName: string,
  keyId: string,
  options: { service: string; hints: { justCreated: boolean } },
): Promise<void> {
  try {
    await gw.createAlias(aliasName, keyId, options);
  } catch (error) {
    if (!(error instanceof KeySetError) || error.code !== 'AlreadyExists') throw error;
    const target = await gw.describeKey(aliasName, { service: options.service });
    if (target?.keyId !== keyId) throw error;
  }
}

/** Bounded poll (DescribeKey, doubling delay) until the key leaves Creating/Updating. */
async function waitUntilUsable(keyId: string, service: string, env: ExecutionEnv): Promise<void> {
  let delay = env.pollIntervalMs;
  for (;;) {
    const info = await env.gw.describeKey(keyId, { service, hints: { justCreated: true } });
    if (info && info.state !== 'Creating' && info.state !== 'Updating') return;
    if (env.timing.now() + delay >= env.deadline)
      throw new Waiting(`waiting for the ${service} key ${keyId} in ${env.gw.region} to finish ${info?.state ?? 'Creating'}`);
    await env.timing.sleep(delay);
    delay = Math.min(delay * 2, 5000);
  }
}

/** What is about to happen, for the steps that take a while (undefined: reported only when done). */
function startingWords(step: Step, keyId: string | undefined): string | undefined {
  switch (step.kind) {
    case 'createKey':
      return `creating the ${step.service} key (${step.multiRegion ? 'multi-Region primary' : 'single-Region'})`;
    case 'replicateKey':
      return `replicating the ${step.service} primary key ${step.primaryKeyId} from ${step.primaryRegion}`;
    case 'waitUntilUsable':
      return `waiting for the ${step.service} key ${keyId ?? ''} to finish Creating`.replace('  ', ' ');
    default:
      return undefined;
  }
}

/** What a step did, one sentence per key and Region (progress notes and logs). */
export function describeStep(step: Step, keyId?: string): string {
  const key = `the ${step.service} key${keyId ? ` ${keyId}` : ''}`;
  switch (step.kind) {
    case 'createKey':
      return `created ${key}`;
    case 'replicateKey':
      return `replicated ${key} from ${step.primaryRegion}`;
    case 'waitUntilUsable':
      return `${key} is ready`;
    case 'cancelKeyDeletion':
      return `cancelled the pending deletion of ${key} (recovered)`;
    case 'enableKey':
      return `enabled ${key}`;
    case 'disableKey':
      return `disabled ${key}`;
    case 'enableKeyRotation':
      return `rotation of ${key} on, every ${step.periodInDays} days`;
    case 'disableKeyRotation':
      return `rotation of ${key} off`;
    case 'putKeyPolicy':
      return `key policy of ${key} updated`;
    case 'updateKeyDescription':
      return `description of ${key} updated`;
    case 'tagResource':
      return `tags ${Object.keys(step.tags).join(', ')} set on ${key}`;
    case 'untagResource':
      return `tags ${step.tagKeys.join(', ')} removed from ${key}`;
    case 'createAlias':
      return `alias ${step.aliasName} created for ${key}`;
    case 'updateAlias':
      return `alias ${step.aliasName} pointed at ${key}`;
    case 'deleteAlias':
      return `alias ${step.aliasName} deleted`;
    case 'scheduleKeyDeletion':
      return step.replicaRegions?.length
        ? `${key} scheduled for deletion in ${step.pendingWindowInDays} days once its replicas are gone: it is a multi-Region primary with replicas in ${step.replicaRegions.join(', ')}, so KMS keeps it PendingReplicaDeletion (replicas keep working) until they are deleted; remove ${step.service} from the replica key sets there`
        : `${key} scheduled for deletion in ${step.pendingWindowInDays} days`;
  }
}
