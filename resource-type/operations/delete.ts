import { aliasNameFor } from '../core/ownership';
import { isUsable, readLiveKeySet, scanForOrphans } from '../live/reader';
import { nonEmpty, planRemoval } from '../plan/planner';
import type { KeySequence } from '../plan/types';
import { resumeContext } from './context';
import { executePlan, executionEnv } from './execute';
import { keySetNotFound, projectCodeOf } from './read';
import { openSession } from './session';
import { resumeOrFail } from './resume';
import type { OperationInput, OperationOutcome } from './types';

function pendingWindow(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 7 && n <= 30 ? n : 30;
}

/**
 * DELETE: every key of ours in the set (through its aliases, plus keys of ours for the project
 * that lost their alias) is scheduled for deletion (PendingWindowInDays, default 30), then its
 * aliases are deleted (this order survives a crash: a scheduled key never loses
 * track of its alias). Keys already pending count as deleted; a key set with no usable key is
 * NotFound. In a replica key set this Region's keys are the replicas, so only they are scheduled.
 * Returns no model.
 */
export async function deleteKeySet(input: OperationInput): Promise<OperationOutcome> {
  const projectCode = projectCodeOf(input.properties);
  const window = pendingWindow(input.properties.PendingWindowInDays);
  const session = openSession(input, 'delete');
  const ctx = resumeContext(input.callbackContext, 'delete', input.requestToken, session.timing.now());
  try {
    const live = await readLiveKeySet(session.gw, projectCode, { details: false, concurrency: session.tuning.readConcurrency });
    // NotFound only when no invocation of this delete ever saw a usable key of the set.
    if ([...live.owned.values()].some(isUsable)) ctx.foundKeySet = true;
    // Keys of ours that lost their alias (deleted or retargeted out of band) are deleted too.
    for (const orphan of await scanForOrphans(session.gw, live, {}, { details: false, concurrency: session.tuning.readConcurrency }))
      live.owned.set(orphan.info.keyId, orphan);
    const sequences: KeySequence[] = [...live.owned.values()].map((key) => ({
      service: key.service,
      steps: planRemoval(
        key,
        [...live.aliases].filter(([, target]) => target === key.info.keyId).map(([service]) => aliasNameFor(projectCode, service)),
        window,
      ),
    }));
    await executePlan(nonEmpty(sequences), executionEnv(session, input.onProgress));
    if (!ctx.foundKeySet) throw keySetNotFound(projectCode, input.target.region);
    return { status: 'SUCCESS' };
  } catch (error) {
    return resumeOrFail(error, session, ctx, input, 'Still deleting');
  } finally {
    session.close();
  }
}
