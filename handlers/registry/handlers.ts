/**
 * Registry adapter: the entry points CloudFormation invokes (`dist/handlers.entrypoint`). Each
 * handler builds an OperationInput, runs the key-set operation and maps the outcome; all
 * failures go through errors.ts.
 */
import 'reflect-metadata';
import {
  Action,
  BaseResource,
  HandlerSignatures,
  type LoggerProxy,
  type ProgressEvent,
  type ResourceHandlerRequest,
  type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import * as operations from '../../resource-type/operations';
import type { OperationInput, OperationOutcome } from '../../resource-type/operations/types';
import { ResourceModel, TypeConfigurationModel } from '../../resource-type/model/models';
import { toHandlerException } from './errors';
import { buildOperationInput } from './operation-input';
import { progressLogger, toProgressEvent, type RegistryAction } from './progress';
import { removeFixedShutdownDelay } from './shutdown';

type Operation = (input: OperationInput) => Promise<OperationOutcome>;

const OPERATIONS: Readonly<Record<RegistryAction, Operation>> = {
  CREATE: (input) => operations.createKeySet(input),
  READ: (input) => operations.readKeySet(input),
  UPDATE: (input) => operations.updateKeySet(input),
  DELETE: (input) => operations.deleteKeySet(input),
  LIST: (input) => operations.listKeySets(input),
};

function handlerFor(action: RegistryAction) {
  return async (
    session: SessionProxy | null | undefined,
    request: ResourceHandlerRequest<ResourceModel>,
    callbackContext: unknown,
    logger: LoggerProxy,
    _typeConfiguration: TypeConfigurationModel,
  ): Promise<ProgressEvent<ResourceModel>> => {
    const identifier = String(request.desiredResourceState?.projectCode ?? request.logicalResourceIdentifier ?? '');
    try {
      const input = { ...buildOperationInput(session, request, callbackContext), onProgress: progressLogger(logger) };
      return toProgressEvent(action, await OPERATIONS[action](input));
    } catch (error) {
      throw toHandlerException(error, ResourceModel.TYPE_NAME, identifier);
    }
  };
}

const handlers = new HandlerSignatures<ResourceModel, TypeConfigurationModel>();
for (const action of Object.keys(OPERATIONS) as RegistryAction[]) handlers.set(action as Action, handlerFor(action));

class Resource extends BaseResource<ResourceModel, TypeConfigurationModel> {}
removeFixedShutdownDelay(Resource);

export const resource = new Resource(ResourceModel.TYPE_NAME, ResourceModel, undefined, handlers, TypeConfigurationModel);

/**
 * The lib keeps the caller session of an earlier invocation when a request carries no
 * credentials (warm containers). Forget it first, so such a request fails with InvalidCredentials
 * instead of running with someone else's stale credentials.
 */
function forgetCallerSession(): void {
  (resource as unknown as { callerSession: unknown }).callerSession = null;
}

export const entrypoint: typeof resource.entrypoint = (event, context) => {
  forgetCallerSession();
  return resource.entrypoint(event, context);
};

export const testEntrypoint: typeof resource.testEntrypoint = (event, context) => {
  forgetCallerSession();
  return resource.testEntrypoint(event, context);
};
