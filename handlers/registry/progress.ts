/** Maps an OperationOutcome to the lib's ProgressEvent for each action. */
import { OperationStatus, ProgressEvent } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import type { LoggerProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import type { OperationOutcome, ProgressNote } from '../../resource-type/operations/types';
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

/**
 * Progress notes go to the handler's log (CloudWatch Logs of the type; the console locally), one
 * line per key and Region, e.g. `[eu-west-1 s3] created the s3 key 1234abcd-...`.
 */
export function progressLogger(logger: Pick<LoggerProxy, 'log'> | undefined): ((note: ProgressNote) => void) | undefined {
  if (!logger) return undefined;
  return (note) => logger.log(`[${note.region}${note.service ? ` ${note.service}` : ''}] ${note.message}`);
}
