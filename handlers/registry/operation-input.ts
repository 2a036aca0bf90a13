/**
 * Builds the protocol-neutral OperationInput from a registry request. The request and the
 * callback context are deep-frozen by the lib, so everything handed on is a fresh copy.
 */
import type { ResourceHandlerRequest, SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { exceptions } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { partitionOf } from '../../resource-type/core/partition';
import type { InvocationCredentials, OperationInput } from '../../resource-type/operations/types';
import { modelToProperties } from '../../resource-type/model/properties';
import type { ResourceModel } from '../../resource-type/model/models';

/** Work budget per invocation: the contract allows 60 s; the lib adds ~1 s and we keep headroom. */
export const INVOCATION_BUDGET_MS = 40_000;

/** Caller credentials from `session.configuration` (the only supported route); fails when absent. */
export function callerCredentials(session: SessionProxy | null | undefined): InvocationCredentials {
  const credentials = session?.configuration?.credentials;
  if (!credentials?.accessKeyId || !credentials.secretAccessKey) {
    throw new exceptions.InvalidCredentials(
      "No caller credentials were sent with the request; CloudFormation must invoke the handler with the caller's credentials (check the type's execution role).",
    );
  }
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

function copyContext(context: unknown): Record<string, unknown> | undefined {
  if (!context || typeof context !== 'object' || Object.keys(context).length === 0) return undefined;
  return structuredClone(context) as Record<string, unknown>;
}

function copyTags(tags: Readonly<Record<string, string>> | undefined | null): Record<string, string> | undefined {
  return tags && Object.keys(tags).length > 0 ? { ...tags } : undefined;
}

export function buildOperationInput(
  session: SessionProxy | null | undefined,
  request: ResourceHandlerRequest<ResourceModel>,
  callbackContext: unknown,
  now: number = Date.now(),
): OperationInput {
  const credentials = callerCredentials(session);
  const previous = modelToProperties(request.previousResourceState);
  return {
    target: { accountId: request.awsAccountId, region: request.region, partition: partitionOf(request.region) },
    properties: modelToProperties(request.desiredResourceState),
    ...(Object.keys(previous).length > 0 ? { previousProperties: previous } : {}),
    credentials,
    stackTags: copyTags(request.desiredResourceTags),
    ...(Object.keys(previous).length > 0 ? { previousStackTags: copyTags(request.previousResourceTags) } : {}),
    requestToken: request.clientRequestToken,
    callbackContext: copyContext(callbackContext),
    deadline: now + INVOCATION_BUDGET_MS,
  };
}
