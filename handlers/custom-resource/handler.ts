import { KeySetError } from '../../resource-type/core/errors';
import { consoleLogger, type Logger } from './log';
import type { DeploymentTarget } from '../../resource-type/core/types';
import { failedCreatePhysicalId, parseFailedCreatePhysicalId } from './physical-id';
import type { CustomResourceEvent, LambdaContext } from './protocol';
import {
  CORE_OPERATIONS,
  handleCreate,
  handleDelete,
  handleUpdate,
  nothingToDelete,
  type KeySetOperations,
  type RequestScope,
} from './requests';
import { Responder, type Outcome } from './responder';
import type { SendOptions } from './send';
import { deploymentTarget } from './target';

export interface HandlerOptions {
  /** Environment to read the Region from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Time kept back from the Lambda timeout: the deadline guard sends FAILED this long before the
   * function would be killed. @default 5% of the remaining time, between 2 s and 20 s
   */
  readonly reserveMs?: number;
  /** Retry settings of the response PUT. @default see SendOptions */
  readonly send?: SendOptions;
  /** @default JSON lines on the console */
  readonly log?: Logger;
  /** Wraps or replaces core operations (tests simulate an operation that overruns its deadline). @default the core operations */
  readonly operations?: Partial<KeySetOperations>;
}

function reserveFor(remainingMs: number): number {
  return Math.min(20_000, Math.max(2_000, Math.round(remainingMs * 0.05)));
}

/** Physical id for a FAILED response: the current one, or the marker when a Create made nothing. */
function physicalIdOnFailure(event: CustomResourceEvent): string {
  return event.PhysicalResourceId || failedCreatePhysicalId(event.RequestId);
}

/**
 * Where the request's key set lives. Undefined for the rollback Delete of a Create that was refused
 * because the request could not be attributed to this account (that Create made nothing, and the
 * stack must be able to roll back); any other request that cannot be attributed fails.
 */
function targetOf(event: CustomResourceEvent, env: NodeJS.ProcessEnv, functionArn: string | undefined): DeploymentTarget | undefined {
  try {
    return deploymentTarget(event.StackId, env, functionArn);
  } catch (error) {
    if (event.RequestType === 'Delete' && parseFailedCreatePhysicalId(event.PhysicalResourceId)) return undefined;
    throw error;
  }
}

function reasonFor(error: unknown, context: LambdaContext): string {
  if (error instanceof KeySetError) return error.message;
  const where = context.logStreamName ? ` (log stream ${context.logStreamName})` : '';
  return `Internal failure in the ServiceKmsKeys provider: ${(error as Error)?.message ?? String(error)}. See the function's logs${where}.`;
}

async function dispatch(event: CustomResourceEvent, scope: RequestScope): Promise<Outcome> {
  switch (event.RequestType) {
    case 'Create':
      return handleCreate(scope);
    case 'Update':
      return handleUpdate(scope);
    case 'Delete':
      return handleDelete(scope);
    default:
      throw new KeySetError('InvalidRequest', `RequestType "${String(event.RequestType)}" is not one of Create, Update, Delete.`);
  }
}

/**
 * The Lambda handler for `Custom::ServiceKmsKeys`. Always answers: with the result, with FAILED
 * on any error, or — from the deadline guard — with FAILED shortly before the function times out.
 */
export function createHandler(options: HandlerOptions = {}) {
  const log = options.log ?? consoleLogger;
  return async function handler(event: CustomResourceEvent, context: LambdaContext): Promise<void> {
    const remainingMs = context.getRemainingTimeInMillis();
    const end = Date.now() + remainingMs;
    const reserveMs = options.reserveMs ?? reserveFor(remainingMs);
    const guardAt = end - reserveMs;
    const fields = {
      requestId: event.RequestId,
      requestType: event.RequestType,
      logicalResourceId: event.LogicalResourceId,
      physicalResourceId: event.PhysicalResourceId,
    };
    log('info', 'request received', { ...fields, remainingMs });
    const responder = new Responder(event, log, { ...options.send, giveUpAt: end - 250 });

    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => {
          // The work is already sending its own response: let it finish (the handler awaits it).
          if (responder.done) return;
          log('error', 'deadline guard: sending FAILED before the function times out', fields);
          responder
            .respond({
              status: 'FAILED',
              physicalResourceId: physicalIdOnFailure(event),
              reason: `The ServiceKmsKeys provider ran out of time: the ${event.RequestType} did not finish within the function timeout (${Math.round(remainingMs / 1000)} s). Retry the stack operation (the work resumes from what exists), or raise the function Timeout and ServiceTimeout.`,
            })
            .then(resolve, reject);
        },
        Math.max(0, guardAt - Date.now()),
      );
    });

    const work = (async () => {
      let outcome: Outcome;
      try {
        const noop = nothingToDelete(event);
        const target = noop ? undefined : targetOf(event, options.env ?? process.env, context.invokedFunctionArn);
        if (noop || !target) {
          log('info', 'delete: the physical id names no key set of this provider and no create of this account; nothing to do', fields);
          outcome = { status: 'SUCCESS', physicalResourceId: event.PhysicalResourceId ?? '' };
        } else {
          const scope: RequestScope = {
            event,
            target,
            deadline: guardAt - Math.min(5_000, reserveMs / 2),
            note: (message, extra) => log('info', message, { ...fields, ...extra }),
            operations: { ...CORE_OPERATIONS, ...options.operations },
          };
          outcome = await dispatch(event, scope);
        }
      } catch (error) {
        log('error', 'request failed', { ...fields, error: (error as Error)?.stack ?? String(error) });
        outcome = { status: 'FAILED', physicalResourceId: physicalIdOnFailure(event), reason: reasonFor(error, context) };
      }
      if (responder.done) {
        log('warn', 'work finished after the deadline guard answered; result not sent', { ...fields, status: outcome.status });
        return;
      }
      await responder.respond(outcome);
    })();

    try {
      await Promise.race([work, guard]);
    } finally {
      clearTimeout(timer);
    }
  };
}
