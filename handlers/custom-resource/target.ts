import { KeySetError } from '../../resource-type/core/errors';
import { partitionOf } from '../../resource-type/core/partition';
import type { DeploymentTarget } from '../../resource-type/core/types';

const ARN = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):([0-9]{12}):/;

interface ArnParts {
  readonly region: string;
  readonly accountId: string;
}

function parseArn(value: string | undefined): ArnParts | undefined {
  const match = value === undefined ? null : ARN.exec(value);
  return match ? { region: match[3], accountId: match[4] } : undefined;
}

/**
 * Where the key set lives: the stack's account (from the StackId ARN) and the Region the function
 * runs in (AWS_REGION, else the StackId's Region; a ServiceToken must be in the stack's Region).
 * The function's own role provides the credentials, so a stack in another account (a central
 * provider) is refused rather than creating keys whose policies name the wrong account.
 */
export function deploymentTarget(stackId: string, env: NodeJS.ProcessEnv, invokedFunctionArn?: string): DeploymentTarget {
  const stack = parseArn(stackId);
  if (!stack) {
    throw new KeySetError(
      'InvalidRequest',
      `StackId "${stackId}" is not a CloudFormation stack ARN; the request cannot be attributed to an account.`,
    );
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || stack.region;
  const fn = parseArn(invokedFunctionArn);
  if (fn && fn.accountId !== stack.accountId) {
    throw new KeySetError(
      'InvalidRequest',
      `The stack is in account ${stack.accountId} but this provider function runs in account ${fn.accountId} with its own role, so it can only manage key sets in ${fn.accountId}; deploy the provider in account ${stack.accountId} (one provider per account and Region).`,
    );
  }
  return { accountId: stack.accountId, region, partition: partitionOf(region) };
}
