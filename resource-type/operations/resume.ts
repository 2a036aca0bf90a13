import { isPersistentFailure, toFailure } from '../gateway/errors';
import { Interrupted } from '../gateway/interrupt';
import { contextToJson, type EngineContext } from './context';
import { jsonCopy } from './json';
import type { Session } from './session';
import type { OperationInput, OperationOutcome } from './types';

/**
 * What an invocation returns when its work was interrupted (deadline, throttling, a key not yet
 * visible): IN_PROGRESS so CloudFormation calls again with the context, unless the error cannot be
 * resumed or the operation's whole budget is spent, in which case the mapped failure is thrown.
 */
export function resumeOrFail(error: unknown, session: Session, ctx: EngineContext, input: OperationInput, doing: string): OperationOutcome {
  if (
    !(error instanceof Interrupted) ||
    isPersistentFailure(error) ||
    session.timing.now() - ctx.startedAt >= session.tuning.operationBudgetMs
  )
    throw toFailure(error, input.target.region);
  return {
    status: 'IN_PROGRESS',
    properties: jsonCopy(input.properties),
    callbackContext: contextToJson(ctx),
    callbackDelaySeconds: 1,
    message: `${doing}: ${error.message}`,
  };
}
