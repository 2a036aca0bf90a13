import { KeySetError } from '../core/errors';
import type { DeploymentTarget, ResourceProperties } from '../core/types';
import { isUsable, readLiveKeySet, type LiveKeySet } from '../live/reader';
import { renderKeySet } from '../policy';
import type { LiveKey } from '../plan/types';
import { validateProperties } from '../validation';
import { readModel } from './report';
import { toFailure } from '../gateway/errors';
import { openSession } from './session';
import type { OperationInput, OperationOutcome } from './types';

export function projectCodeOf(properties: ResourceProperties): string {
  const code = properties.ProjectCode;
  if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(code)) {
    throw new KeySetError(
      'NotFound',
      `No key set identifier: ProjectCode ${JSON.stringify(code)} is not a valid project code; pass the key set's ProjectCode (1-64 letters, digits, _ or -).`,
    );
  }
  return code;
}

/** NotFound for a key set that does not exist (READ, UPDATE, DELETE say the same thing). */
export function keySetNotFound(projectCode: string, region: string): KeySetError {
  return new KeySetError(
    'NotFound',
    `Key set ${projectCode} does not exist in ${region}: no usable key tagged servicekmskeys:project=${projectCode} is reached through an alias under alias/${projectCode}/ (keys pending deletion count as deleted). Check ProjectCode, the account and the Region; to bring back keys pending deletion, cancel their deletion (aws kms cancel-key-deletion) before the window ends, then update the stack.`,
  );
}

/** One usable key of ours per service, reached through that service's alias. */
export function keySetKeys(live: LiveKeySet): LiveKey[] {
  const keys: LiveKey[] = [];
  for (const [service, target] of live.aliases) {
    const key = target ? live.owned.get(target) : undefined;
    if (key && key.service === service && isUsable(key)) keys.push(key);
  }
  return keys;
}

/** Policies the request model renders, per service (undefined when the model does not validate). */
function desiredPolicies(properties: ResourceProperties, target: DeploymentTarget): Map<string, string> | undefined {
  try {
    const spec = validateProperties(properties, target);
    return new Map(renderKeySet(spec, target).map((r) => [r.service, r.policyText]));
  } catch {
    return undefined;
  }
}

/**
 * READ: the key set's live state in the model's shape (see report.ts for what is reported).
 * Missing, or all keys pending deletion → NotFound. Calls: ListAliases + 4 reads per key.
 */
export async function readKeySet(input: OperationInput): Promise<OperationOutcome> {
  const projectCode = projectCodeOf(input.properties);
  const session = openSession(input, 'read');
  try {
    const live = await readLiveKeySet(session.gw, projectCode, { details: true, concurrency: session.tuning.readConcurrency });
    const keys = keySetKeys(live);
    if (keys.length === 0) {
      throw keySetNotFound(projectCode, input.target.region);
    }
    return {
      status: 'SUCCESS',
      properties: readModel({
        target: input.target,
        projectCode,
        request: input.properties,
        keys,
        desiredPolicies: desiredPolicies(input.properties, input.target),
        stackTags: input.stackTags,
      }),
    };
  } catch (error) {
    // READ and LIST cannot return IN_PROGRESS: an interruption ends with its mapped cause.
    throw toFailure(error, input.target.region);
  } finally {
    session.close();
  }
}
