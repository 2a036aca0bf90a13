import { KeySetError } from '../../resource-type/core/errors';
import type { OperationInput, OperationOutcome } from '../../resource-type/operations';
import type { ResourceProperties } from '../../resource-type/core/types';

export type KeySetOperation = (input: OperationInput) => Promise<OperationOutcome>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs an operation to the end inside this one invocation: where the registry would re-invoke the
 * handler after an IN_PROGRESS outcome, this waits the requested delay and calls the operation
 * again with the returned callbackContext and properties. Stops with NotStabilized when the next
 * round would start after `input.deadline`. Failures propagate as the KeySetError they are.
 */
export async function runToCompletion(
  operation: KeySetOperation,
  input: OperationInput,
  action: string,
): Promise<ResourceProperties | undefined> {
  let current = input;
  for (let round = 1; ; round++) {
    const outcome = await operation(current);
    if (outcome.status === 'SUCCESS') return outcome.properties;
    const waitMs = Math.max(0, outcome.callbackDelaySeconds) * 1000;
    if (Date.now() + waitMs >= input.deadline) {
      const progress = outcome.message ? ` Last progress: ${outcome.message}` : '';
      throw new KeySetError(
        'NotStabilized',
        `${action} did not finish within the provider function's time budget (${round} round(s)).${progress} Retry the stack operation: the operation resumes from what exists, or raise the function Timeout and ServiceTimeout.`,
      );
    }
    await sleep(waitMs);
    current = { ...input, properties: outcome.properties, callbackContext: outcome.callbackContext };
  }
}
