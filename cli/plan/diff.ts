/**
 * `plan --diff`: what an UPDATE with these properties would change in an existing key set. Reads live state
 * with the engine's own reader and resolver (resource-type/live, resource-type/operations/state) and plans with
 * the engine's planner (resource-type/plan), exactly as converge does, then stops: the gateway it uses only
 * permits read actions, so a bug here cannot write.
 */
import type { DeploymentTarget, KeySetSpec, PolicyStatement } from '../../resource-type/core/types';
import { GatewayFactory, realTiming } from '../../resource-type/gateway';
import { Waiting } from '../../resource-type/gateway/interrupt';
import { resumeContext } from '../../resource-type/operations/context';
import { HANDLER_PERMISSIONS } from '../../resource-type/operations/permissions';
import type { Session } from '../../resource-type/operations/session';
import { planKeySet } from '../../resource-type/operations/plan-key-set';
import { resolveState } from '../../resource-type/operations/state';
import { engineTuning } from '../../resource-type/operations/tuning';
import { mutatingCallCount, nonEmpty } from '../../resource-type/plan/planner';
import type { Step } from '../../resource-type/plan/types';
import { parsePolicy, policyByteSize } from '../../resource-type/policy';

/** Read-only actions the diff may call: the READ handler's plus ListKeys (orphan scan). */
export const DIFF_ACTIONS: readonly string[] = [...HANDLER_PERMISSIONS.read, 'kms:ListKeys'];

export interface KeyDiff {
  readonly service: string;
  /** Live key id, when there is one. */
  readonly keyId?: string;
  /** 'create' (no key yet), 'change', 'in-sync', 'remove' (service no longer in the properties). */
  readonly status: 'create' | 'change' | 'in-sync' | 'remove';
  /** What would change, one line each. */
  readonly changes: readonly string[];
}

export interface LiveDiff {
  readonly exists: boolean;
  readonly keys: readonly KeyDiff[];
  /** State-changing calls the UPDATE would make (waits excluded). */
  readonly mutatingCalls: number;
  /** KMS calls the diff made (all reads). */
  readonly readCalls: number;
}

export interface DiffOptions {
  /** Explicit KMS endpoint; unset = the SDK's standard configuration (AWS_ENDPOINT_URL_KMS, profiles). */
  readonly endpoint?: string;
  /** Stack-level tags CloudFormation would add to every key. */
  readonly stackTags?: Readonly<Record<string, string>>;
  /** @default 20000 */
  readonly timeoutMs?: number;
}

function statementsBySid(text: string | undefined): Map<string, PolicyStatement> {
  const out = new Map<string, PolicyStatement>();
  if (!text) return out;
  try {
    parsePolicy(text).Statement.forEach((st, i) => out.set(st.Sid ?? `#${i + 1}`, st));
  } catch {
    // An unparsable live policy shows up as a full replacement.
  }
  return out;
}

/** "statements + A, - B, ~ C (1,234 → 1,456 bytes)". */
export function policyChange(live: string | undefined, desired: string): string {
  const before = statementsBySid(live);
  const after = statementsBySid(desired);
  const parts: string[] = [];
  for (const [sid, st] of after) {
    const old = before.get(sid);
    if (!old) parts.push(`+ ${sid}`);
    else if (JSON.stringify(old) !== JSON.stringify(st)) parts.push(`~ ${sid}`);
  }
  for (const sid of before.keys()) if (!after.has(sid)) parts.push(`- ${sid}`);
  const bytes = `${live === undefined ? '?' : policyByteSize(live).toLocaleString('en-US')} → ${policyByteSize(desired).toLocaleString('en-US')} bytes`;
  return `key policy: ${parts.length > 0 ? parts.join(', ') : 'same statements, different text'} (${bytes})`;
}

function stepInWords(
  step: Step,
  live: {
    policy?: string;
    rotation?: { enabled: boolean; periodInDays?: number };
    enabled?: boolean;
    description?: string;
    tags?: Readonly<Record<string, string>>;
  },
): string {
  switch (step.kind) {
    case 'createKey':
      return `create the key (${step.multiRegion ? 'multi-Region primary' : 'single-Region'}) with its key policy and tags`;
    case 'replicateKey':
      return `replicate the primary key ${step.primaryKeyId} from ${step.primaryRegion}`;
    case 'waitUntilUsable':
      return 'wait until the key is usable';
    case 'putKeyPolicy':
      return policyChange(live.policy, step.policy);
    case 'enableKeyRotation':
      return `rotation: ${live.rotation?.enabled ? `every ${live.rotation.periodInDays ?? '?'} days` : 'off'} → every ${step.periodInDays} days`;
    case 'disableKeyRotation':
      return 'rotation: on → off';
    case 'enableKey':
      return 'enable the key';
    case 'disableKey':
      return 'disable the key';
    case 'cancelKeyDeletion':
      return 'cancel the pending deletion of the key';
    case 'updateKeyDescription':
      return `description: "${live.description ?? ''}" → "${step.description}"`;
    case 'tagResource':
      return `tags: ${Object.entries(step.tags)
        .map(([k, v]) => `${live.tags?.[k] === undefined ? '+' : '~'} ${k}=${v}`)
        .join(', ')}`;
    case 'untagResource':
      return `tags: ${step.tagKeys.map((k) => `- ${k}`).join(', ')}`;
    case 'createAlias':
      return `create the alias ${step.aliasName}`;
    case 'updateAlias':
      return `point the alias ${step.aliasName} at this key`;
    case 'deleteAlias':
      return `delete the alias ${step.aliasName}`;
    case 'scheduleKeyDeletion':
      return `schedule the key for deletion in ${step.pendingWindowInDays} days`;
  }
}

/** Reads the live key set and plans the UPDATE, without any state-changing call. */
export async function liveDiff(spec: KeySetSpec, target: DeploymentTarget, options: DiffOptions = {}): Promise<LiveDiff> {
  const tuning = engineTuning();
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let readCalls = 0;
  const factory = new GatewayFactory({
    deadline,
    timing: realTiming,
    retry: tuning.retry,
    quotaHeadroom: tuning.quotaHeadroom,
    endpoint: options.endpoint,
    callTimeoutMs: tuning.callTimeoutMs,
    handler: 'plan --diff',
    allowedActions: new Set(DIFF_ACTIONS),
    onCall: () => {
      readCalls++;
    },
  });
  const session: Session = {
    handler: 'read',
    tuning: { ...tuning, primaryWaitMs: 0 },
    timing: realTiming,
    deadline,
    gw: factory.forRegion(target.region),
    gwFor: (region) => factory.forRegion(region),
    close: () => factory.destroy(),
  };
  try {
    const ctx = resumeContext(undefined, 'update', 'servicekmskeys-plan-diff', Date.now());
    const state = await resolveState(session, spec, ctx, 'update');
    const {
      desired,
      keys: sequences,
      removals,
    } = planKeySet(spec, target, state, {
      mode: 'update',
      createdBy: 'servicekmskeys-plan-diff',
      stackTags: options.stackTags,
    });
    const keys: KeyDiff[] = desired.map((d, i) => {
      const live = state.services.get(d.service)?.key;
      const steps = sequences[i]!.steps;
      const words = steps
        .filter((s) => s.kind !== 'waitUntilUsable')
        .map((s) =>
          stepInWords(s, {
            policy: live?.policy,
            rotation: live?.rotation,
            enabled: live?.info.enabled,
            description: live?.info.description,
            tags: live?.tags,
          }),
        );
      return {
        service: d.service,
        keyId: live?.info.keyId,
        status: !live ? 'create' : steps.length === 0 ? 'in-sync' : 'change',
        changes: words,
      };
    });
    for (const { key, sequence } of removals) {
      keys.push({ service: key.service, keyId: key.info.keyId, status: 'remove', changes: sequence.steps.map((s) => stepInWords(s, {})) });
    }
    const exists = [...state.live.owned.values()].length > 0;
    return { exists, keys, mutatingCalls: mutatingCallCount(nonEmpty([...sequences, ...removals.map((r) => r.sequence)])), readCalls };
  } catch (error) {
    if (error instanceof Waiting)
      throw new Error(
        `The primary keys of key set ${spec.projectCode} were not found in ${spec.primaryRegion}: deploy the primary key set first (${error.message}).`,
      );
    throw error;
  } finally {
    session.close();
  }
}
