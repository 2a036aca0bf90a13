import { getServiceDefinition } from '../catalog';
import { mapBounded } from '../gateway/concurrency';
import { readLiveKeySet } from '../live/reader';
import { keySetKeys } from './read';
import { readModel } from './report';
import { toFailure } from '../gateway/errors';
import { openSession } from './session';
import type { OperationInput, OperationOutcome } from './types';

const ALIAS = /^alias\/([A-Za-z0-9_-]{1,64})\/([a-z0-9]+)$/;

/**
 * LIST: every key set of ours in the account and Region, in one response (the registry lib
 * drops nextToken). Key sets are found through aliases `alias/<ProjectCode>/<service>` of
 * catalog services whose keys carry our ownership tags; each is reported like READ without a
 * request model (so no KeyPolicy, which needs the model to compare against).
 */
export async function listKeySets(input: OperationInput): Promise<OperationOutcome> {
  const session = openSession(input, 'list');
  try {
    const aliases = await session.gw.listAliases();
    const codes = new Set<string>();
    for (const a of aliases) {
      const m = ALIAS.exec(a.aliasName);
      if (m && m[1] !== 'aws' && getServiceDefinition(m[2])) codes.add(m[1]);
    }
    const models = await mapBounded([...codes].sort(), 2, async (projectCode) => {
      const live = await readLiveKeySet(session.gw, projectCode, { details: true, concurrency: session.tuning.readConcurrency, aliases });
      const keys = keySetKeys(live);
      return keys.length > 0 ? readModel({ target: input.target, projectCode, request: { ProjectCode: projectCode }, keys }) : undefined;
    });
    return { status: 'SUCCESS', list: models.filter((m) => m !== undefined) };
  } catch (error) {
    // READ and LIST cannot return IN_PROGRESS: an interruption ends with its mapped cause.
    throw toFailure(error, input.target.region);
  } finally {
    session.close();
  }
}
