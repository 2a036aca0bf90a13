/**
 * The naive baseline wired into the same registry lib as the product, so the benchmark drives
 * both through an `entrypoint` with the same HandlerRequests (and both pay the same lib overhead:
 * the lib's fixed 1 s sleep is removed from both).
 * Validation and policy rendering are the product's; only the execution is naive.
 */
import 'reflect-metadata';
import {
  Action,
  BaseResource,
  HandlerSignatures,
  exceptions,
  ProgressEvent,
  type ResourceHandlerRequest,
  type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { partitionOf } from '../../resource-type/core/partition';
import { ResourceModel, TypeConfigurationModel } from '../../resource-type/model/models';
import { modelToProperties, propertiesToModel } from '../../resource-type/model/properties';
import { removeFixedShutdownDelay } from '../../handlers/registry/shutdown';
import { validateProperties } from '../../resource-type/validation';
import { naiveCreate, naiveDelete, naiveRead, naiveUpdate, type NaiveInput } from './operations';

type NaiveAction = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE';
const OPERATIONS: Record<NaiveAction, (input: NaiveInput) => Promise<void>> = {
  CREATE: naiveCreate,
  READ: naiveRead,
  UPDATE: naiveUpdate,
  DELETE: naiveDelete,
};

function handlerFor(action: NaiveAction) {
  return async (
    session: SessionProxy | null | undefined,
    request: ResourceHandlerRequest<ResourceModel>,
  ): Promise<ProgressEvent<ResourceModel>> => {
    const credentials = session?.configuration?.credentials;
    if (!credentials?.accessKeyId || !credentials.secretAccessKey)
      throw new exceptions.InvalidCredentials('The naive handler needs caller credentials.');
    const properties = modelToProperties(request.desiredResourceState);
    const target = { accountId: request.awsAccountId, region: request.region, partition: partitionOf(request.region) };
    try {
      await OPERATIONS[action]({
        spec: validateProperties(properties, target),
        target,
        credentials: {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken,
        },
        requestToken: request.clientRequestToken,
        stackTags: request.desiredResourceTags,
      });
    } catch (error) {
      throw new exceptions.InternalFailure(`Naive ${action} failed: ${(error as Error).message}`);
    }
    if (action === 'DELETE') return ProgressEvent.success<ProgressEvent<ResourceModel>>();
    return ProgressEvent.success<ProgressEvent<ResourceModel>>(propertiesToModel(properties));
  };
}

const handlers = new HandlerSignatures<ResourceModel, TypeConfigurationModel>();
for (const action of Object.keys(OPERATIONS) as NaiveAction[]) handlers.set(action as Action, handlerFor(action));

class NaiveResource extends BaseResource<ResourceModel, TypeConfigurationModel> {}
// The same per-invocation overhead as ours: without the lib's fixed 1 s sleep (handlers/registry/shutdown.ts),
// so the comparison measures the KMS work, not a lib artifact only one side had removed.
removeFixedShutdownDelay(NaiveResource);

const resource = new NaiveResource(ResourceModel.TYPE_NAME, ResourceModel, undefined, handlers, TypeConfigurationModel);

export const naiveEntrypoint = (event: unknown, context: unknown): Promise<unknown> =>
  resource.entrypoint(event as never, context as never);
