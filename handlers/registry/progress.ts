/** Maps an OperationOutcome to the lib's ProgressEvent for each action. */
import { OperationStatus, ProgressEvent } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import type { OperationOutcome } from '../../resource-type/operations/types';
import type { ResourceModel } from '../../resource-type/model/models';
import { propertiesToModel } from '../../resource-type/model/properties';

export type RegistryAction = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';

export function toProgressEvent(action: RegistryAction, outcome: OperationOutcome): ProgressEvent<ResourceModel> {
  if (outcome.status === 'IN_PROGRESS') {
    // The full model (with its primary identifier) is fed back on the next invocation.
    const event = ProgressEvent.progress<ProgressEvent<ResourceModel>>(
      propertiesToModel(outcome.properties),
      structuredClone(outcome.callbackContext),
    );
    event.callbackDelaySeconds = outcome.callbackDelaySeconds;
    if (outcome.message) event.message = outcome.message;
    return event;
  }
  if (action === 'DELETE') return ProgressEvent.success<ProgressEvent<ResourceModel>>();
  if (action === 'LIST') {
    return ProgressEvent.builder<ProgressEvent<ResourceModel>>()
      .status(OperationStatus.Success)
      .resourceModels((outcome.list ?? []).map(propertiesToModel))
      .build();
  }
  return ProgressEvent.success<ProgressEvent<ResourceModel>>(outcome.properties ? propertiesToModel(outcome.properties) : undefined);
}
