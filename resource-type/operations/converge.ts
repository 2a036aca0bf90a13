import { KeySetError, ValidationError } from '../core/errors';
import { CREATED_BY_TAG } from '../core/ownership';
import type { KeySetSpec } from '../core/types';
import { isPersistentFailure, toFailure, toKeySetError } from '../gateway/errors';
import { Interrupted, Waiting } from '../gateway/interrupt';
import type { KeyInfo } from '../gateway/kms-gateway';
import { isUsable } from '../live/reader';
import { assertTagLimit, buildDesiredKeys } from '../plan/desired';
import { isDriftRepair } from '../plan/drift';
import { nonEmpty } from '../plan/planner';
import type { DesiredKey, KeySequence, Step } from '../plan/types';
import { validateProperties } from '../validation';
import { contextToJson, resumeContext, type EngineContext } from './context';
import { ROLLBACK_WINDOW_DAYS, removeKeysOfCreate } from './rollback';
import { executePlan, executionEnv } from './execute';
import { planKeySet, type KeySetPlan } from './plan-key-set';
import { inProgressModel, keysOutput, successModel } from './report';
import { keySetNotFound } from './read';
import { openSession, type Session } from './session';
import { assertCreatable, assertNoForeignAliases, resolveState, type ResolvedState } from './state';
import type { OperationInput, OperationOutcome } from './types';

/** Passes (re-read → plan → execute) per invocation after an interrupted call with time left. */
const MAX_PASSES = 3;

/**
 * CREATE and UPDATE: validate (before any AWS call) → read live state → plan → execute, until
 * converged or the invocation deadline (then IN_PROGRESS with a callbackContext; the next
 * invocation re-reads and re-plans, which resumes exactly where this one stopped). A create that
 * cannot complete removes what it made (aliases deleted, keys scheduled) before failing.
 */
export async function converge(input: OperationInput, mode: 'create' | 'update'): Promise<OperationOutcome> {
  const spec = validateProperties(input.properties, input.target);
  assertTagLimit(spec, input.stackTags);
  const session = openSession(input, mode);
  const ctx = resumeContext(input.callbackContext, mode, input.requestToken, session.timing.now());
  try {
    if (ctx.phase === 'rollback') return await rollbackCreate(session, spec, ctx, input);
    for (let pass = 1; ; pass++) {
      try {
        return await convergePass(session, spec, ctx, input, mode);
      } catch (error) {
        if (!(error instanceof Interrupted) || isPersistentFailure(error)) throw error;
        if (session.timing.now() - ctx.startedAt >= session.tuning.operationBudgetMs) throw budgetSpent(error, spec, session);
        const timeLeft = session.deadline - session.timing.now() > 1000;
        if (error instanceof Waiting || !timeLeft || pass >= MAX_PASSES) return inProgress(input, ctx, session, error);
      }
    }
  } catch (error) {
    const failure = toFailure(error, session.gw.region);
    // Roll back only when this create may have made something (a mutating call was attempted,
    // or keys of ours from an earlier attempt of this create were found).
    if (mode !== 'create' || failure instanceof ValidationError || !ctx.touched || ctx.phase === 'rollback') throw failure;
    ctx.phase = 'rollback';
    ctx.failure = { code: failure.code, message: failure.message };
    return await rollbackCreate(session, spec, ctx, input);
  } finally {
    session.close();
  }
}

async function convergePass(
  session: Session,
  spec: KeySetSpec,
  ctx: EngineContext,
  input: OperationInput,
  mode: 'create' | 'update',
): Promise<OperationOutcome> {
  const state = await resolveState(session, spec, ctx, mode, input.onProgress);
  if (mode === 'create') assertCreatable(spec, state, ctx);
  if (mode === 'update' && ![...state.live.owned.values()].some(isUsable)) throw keySetNotFound(spec.projectCode, input.target.region);
  if (mode === 'update') assertNoForeignAliases(spec, state, 'ResourceConflict');
  // Plan everything before the first call: an impossible change (MultiRegion) fails with nothing done.
  const plan = planKeySet(spec, input.target, state, { mode, createdBy: ctx.token, stackTags: input.stackTags });
  const sequences: KeySequence[] = [...plan.keys, ...plan.removals.map((r) => r.sequence)];
  for (const seq of sequences)
    for (const step of seq.steps) if (step.kind === 'cancelKeyDeletion') ctx.createdKeys[step.service] = step.keyId;

  const created = new Map<string, KeyInfo>();
  const env = executionEnv(session, input.onProgress, {
    onKeyCreated: (service, info) => {
      created.set(service, info);
      ctx.createdKeys[service] = info.keyId;
    },
    onMutation: () => {
      ctx.touched = true;
    },
    isDriftRepair: input.onProgress && mode === 'update' ? driftClassifier(input, state, plan, ctx.token) : undefined,
  });
  await executePlan(nonEmpty(sequences), env);

  const keys = plan.desired.map((d) => {
    const info = created.get(d.service) ?? state.services.get(d.service)?.key?.info;
    return { service: d.service, keyId: info?.keyId ?? '', arn: info?.arn ?? '' };
  });
  return { status: 'SUCCESS', properties: successModel(input.properties, keysOutput(spec.projectCode, keys)) };
}

/**
 * Progress notes say "repaired drift" for steps that write a property the stack did not change
 * (previous and desired properties render the same value). Without valid previous properties no
 * step is called a repair.
 */
function driftClassifier(input: OperationInput, state: ResolvedState, plan: KeySetPlan, token: string): (step: Step) => boolean {
  let previous: Map<string, DesiredKey>;
  try {
    const spec = validateProperties(input.previousProperties ?? {}, input.target);
    const keys = buildDesiredKeys(spec, input.target, {
      createdBy: token,
      stackTags: input.previousStackTags,
      primaryKeys: state.primaryKeys,
    });
    previous = new Map(keys.map((k) => [k.service, k]));
  } catch {
    previous = new Map();
  }
  const desired = new Map(plan.desired.map((d) => [d.service, d]));
  return (step) =>
    isDriftRepair(step, desired.get(step.service), previous.get(step.service), state.services.get(step.service)?.key !== undefined);
}

function inProgress(input: OperationInput, ctx: EngineContext, session: Session, reason: Interrupted): OperationOutcome {
  return {
    status: 'IN_PROGRESS',
    properties: inProgressModel(input.properties),
    callbackContext: contextToJson(ctx),
    callbackDelaySeconds: reason instanceof Waiting ? session.tuning.waitCallbackDelaySeconds : 1,
    message: `Still working: ${reason.message}`,
  };
}

function budgetSpent(error: Interrupted, spec: KeySetSpec, session: Session): KeySetError {
  const minutes = Math.round(session.tuning.operationBudgetMs / 60_000);
  if (error.lastError) {
    const mapped = toKeySetError(error.lastError, { api: 'KMS', region: session.gw.region });
    return new KeySetError(mapped.code, `Key set ${spec.projectCode} did not converge within ${minutes} min: ${mapped.message}`);
  }
  return new KeySetError(
    'NotStabilized',
    `Key set ${spec.projectCode} did not converge within ${minutes} min (${error.message}). Retry the operation.`,
  );
}

/**
 * Removes everything this create made (rollback.ts: keys tagged with its created-by token or
 * recorded in the callbackContext, then their aliases), then fails with the create's error.
 */
async function rollbackCreate(session: Session, spec: KeySetSpec, ctx: EngineContext, input: OperationInput): Promise<OperationOutcome> {
  const failure = ctx.failure ?? { code: 'InternalFailure' as const, message: 'The create failed.' };
  try {
    await removeKeysOfCreate(session, spec.projectCode, ctx.token, Object.values(ctx.createdKeys), input.onProgress);
  } catch (error) {
    if (
      error instanceof Interrupted &&
      !isPersistentFailure(error) &&
      session.timing.now() - ctx.startedAt < session.tuning.operationBudgetMs * 2
    ) {
      return inProgress(input, ctx, session, error);
    }
    const cleanup = toFailure(error, session.gw.region);
    throw new KeySetError(
      failure.code,
      `${failure.message} Removing what this create made also failed (${cleanup.message}); delete keys tagged ${CREATED_BY_TAG}=${ctx.token} and their aliases by hand.`,
    );
  }
  throw new KeySetError(
    failure.code,
    `${failure.message} Nothing is left behind: the keys and aliases this create made were removed (keys scheduled for deletion in ${ROLLBACK_WINDOW_DAYS} days).`,
  );
}
