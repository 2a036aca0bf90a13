import { CREATED_BY_TAG, aliasNameFor } from '../core/ownership';
import { mapBounded } from '../gateway/concurrency';
import { ownsKey, readKey, readLiveKeySet, scanForOrphans } from '../live/reader';
import { nonEmpty, planRemoval } from '../plan/planner';
import type { KeySequence } from '../plan/types';
import { resumeContext } from './context';
import { executePlan, executionEnv } from './execute';
import type { Session } from './session';
import { openSession } from './session';
import { resumeOrFail } from './resume';
import type { OperationInput, OperationOutcome, ProgressNote } from './types';

/** Keys removed by a failed create never held data: the shortest window KMS allows. */
export const ROLLBACK_WINDOW_DAYS = 7;

const PROJECT_CODE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Removes what one create made in this Region: every key of key set `projectCode` tagged
 * `servicekmskeys:created-by=<token>` (found through the set's aliases, by the ids the create
 * recorded, and by a ListKeys scan for keys that never got an alias) is scheduled for deletion
 * (7 days), then the aliases that point at such a key are deleted. Keys of other operations, keys
 * without our ownership tags and aliases pointing elsewhere are never touched.
 */
export async function removeKeysOfCreate(
  session: Session,
  projectCode: string,
  token: string,
  createdKeyIds: readonly string[],
  onProgress?: (note: ProgressNote) => void,
): Promise<number> {
  const { gw } = session;
  const live = await readLiveKeySet(gw, projectCode, { details: false, concurrency: session.tuning.readConcurrency });
  const unseen = createdKeyIds.filter((id) => !live.owned.has(id));
  await mapBounded(unseen, session.tuning.readConcurrency, async (keyId) => {
    const { key } = await readKey(gw, keyId, false);
    if (key && ownsKey(key.tags, projectCode)) live.owned.set(key.info.keyId, key);
  });
  for (const orphan of await scanForOrphans(
    gw,
    live,
    { createdBy: token },
    { details: false, concurrency: session.tuning.readConcurrency },
  ))
    live.owned.set(orphan.info.keyId, orphan);
  const recorded = new Set(createdKeyIds);
  const sequences: KeySequence[] = [];
  for (const key of live.owned.values()) {
    if (key.tags[CREATED_BY_TAG] !== token && !recorded.has(key.info.keyId)) continue;
    const aliasNames = [...live.aliases]
      .filter(([, target]) => target === key.info.keyId)
      .map(([service]) => aliasNameFor(projectCode, service));
    sequences.push({ service: key.service, steps: planRemoval(key, aliasNames, ROLLBACK_WINDOW_DAYS) });
  }
  const work = nonEmpty(sequences);
  await executePlan(work, executionEnv(session, onProgress));
  return work.length;
}

/**
 * The rollback of a create that stopped without finishing (a custom resource Create cut off by
 * its time budget or deadline guard, answered with the failed-create marker): removes exactly what
 * that create made — keys of `properties.ProjectCode` tagged created-by = `requestToken` (the
 * create's RequestId) and their aliases. SUCCESS when nothing (more) is left, also when the create
 * made nothing or the ProjectCode is not valid (such a create never reached KMS). Uses only the
 * delete handler's permissions; IN_PROGRESS with a callbackContext when the deadline comes first.
 */
export async function rollbackCreateKeySet(input: OperationInput): Promise<OperationOutcome> {
  const code = input.properties.ProjectCode;
  if (typeof code !== 'string' || !PROJECT_CODE.test(code)) return { status: 'SUCCESS' };
  const session = openSession(input, 'delete');
  const ctx = resumeContext(input.callbackContext, 'delete', input.requestToken, session.timing.now());
  try {
    await removeKeysOfCreate(session, code, ctx.token, [], input.onProgress);
    return { status: 'SUCCESS' };
  } catch (error) {
    return resumeOrFail(error, session, ctx, input, 'Still removing the keys of the failed create');
  } finally {
    session.close();
  }
}
