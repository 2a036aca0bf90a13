import { KeySetError } from '../../resource-type/core/errors';
import type { DeploymentTarget, ResourceProperties } from '../../resource-type/core/types';
import { createKeySet, deleteKeySet, readKeySet, rollbackCreateKeySet, updateKeySet } from '../../resource-type/operations';
import { validateProperties } from '../../resource-type/validation';
import { keySetData } from './data';
import { keySetPhysicalId, parseFailedCreatePhysicalId, parseKeySetPhysicalId } from './physical-id';
import { keySetProperties } from './properties';
import { carriesResourceTag, checkResourceTagRoom, RESOURCE_TAG_KEY, resourceTagValue } from './resource-tag';
import type { CustomResourceEvent } from './protocol';
import type { Outcome } from './responder';
import { runToCompletion, type KeySetOperation } from './run-operation';

/** The core operations the provider runs. */
export interface KeySetOperations {
  readonly create: KeySetOperation;
  readonly update: KeySetOperation;
  readonly delete: KeySetOperation;
  readonly read: KeySetOperation;
  /** Removes what one create (requestToken = its RequestId) made. */
  readonly rollbackCreate: KeySetOperation;
}

export const CORE_OPERATIONS: KeySetOperations = {
  create: createKeySet,
  update: updateKeySet,
  delete: deleteKeySet,
  read: readKeySet,
  rollbackCreate: rollbackCreateKeySet,
};

/** What a request needs besides the event. */
export interface RequestScope {
  readonly event: CustomResourceEvent;
  readonly target: DeploymentTarget;
  /** Epoch ms by which the operations must hand back control. */
  readonly deadline: number;
  readonly note: (message: string, fields?: Record<string, unknown>) => void;
  readonly operations: KeySetOperations;
}

function operationInput(scope: RequestScope, properties: ResourceProperties, previousProperties?: ResourceProperties) {
  return {
    target: scope.target,
    properties,
    ...(previousProperties ? { previousProperties } : {}),
    // The same for every delivery of one request: the operations' created-by ownership tag makes a
    // re-delivered request adopt what an earlier run made instead of duplicating keys.
    requestToken: scope.event.RequestId,
    stackTags: { [RESOURCE_TAG_KEY]: resourceTagValue(scope.event) },
    deadline: scope.deadline,
    onProgress: (progress: { service?: string; region: string; message: string }) => scope.note(progress.message, { ...progress }),
  };
}

/**
 * Validated properties of the event: same coercion, same validator, same messages as the registry type,
 * then the provider's own check that its resource tag fits on every key.
 */
function desiredProperties(scope: RequestScope): ResourceProperties & { ProjectCode: string } {
  const properties = keySetProperties(scope.event.ResourceProperties);
  const spec = validateProperties(properties, scope.target);
  checkResourceTagRoom(spec);
  return { ...properties, ProjectCode: spec.projectCode };
}

function isValid(properties: ResourceProperties, target: DeploymentTarget): boolean {
  try {
    validateProperties(properties, target);
    return true;
  } catch {
    return false;
  }
}

/** True when the existing key set of this ProjectCode is this resource's own (it carries the resource tag). */
async function isOwnKeySet(scope: RequestScope, projectCode: string): Promise<boolean> {
  // Read without stackTags: the resource tag is then reported among the key set's Tags.
  const { stackTags: _omitted, ...input } = operationInput(scope, { ProjectCode: projectCode });
  const outcome = await scope.operations.read(input);
  return outcome.status === 'SUCCESS' && carriesResourceTag(outcome.properties, scope.event);
}

async function createNew(scope: RequestScope, properties: ResourceProperties & { ProjectCode: string }): Promise<Outcome> {
  const physicalResourceId = keySetPhysicalId(scope.target, properties.ProjectCode);
  const action = `Creating key set ${properties.ProjectCode}`;
  let result: ResourceProperties | undefined;
  try {
    result = await runToCompletion(scope.operations.create, operationInput(scope, properties), action);
  } catch (error) {
    if (!(error instanceof KeySetError && error.code === 'AlreadyExists') || !(await isOwnKeySet(scope, properties.ProjectCode)))
      throw error;
    // CloudFormation rolling a replacement back: the key set is this resource's own, from before the
    // replacement. Converge it in place (an update never removes keys when it fails) and hand its id back.
    scope.note('the key set already belongs to this resource (replacement rolled back): updating it in place', { physicalResourceId });
    result = await runToCompletion(
      scope.operations.update,
      operationInput(scope, properties),
      `Updating key set ${properties.ProjectCode}`,
    );
  }
  return { status: 'SUCCESS', physicalResourceId, data: keySetData(result?.Keys) };
}

export async function handleCreate(scope: RequestScope): Promise<Outcome> {
  return createNew(scope, desiredProperties(scope));
}

/** The primary Region as it matters for the keys: absent means "this Region". */
function effectivePrimaryRegion(properties: ResourceProperties, target: DeploymentTarget): unknown {
  return properties.PrimaryRegion ?? target.region;
}

/** The primary Region of the existing key set (its replicas' primary, else this Region). */
async function livePrimaryRegion(scope: RequestScope, projectCode: string): Promise<unknown> {
  const outcome = await scope.operations.read(operationInput(scope, { ProjectCode: projectCode }));
  return outcome.status === 'SUCCESS' ? effectivePrimaryRegion(outcome.properties ?? {}, scope.target) : undefined;
}

export async function handleUpdate(scope: RequestScope): Promise<Outcome> {
  const { event, target } = scope;
  const properties = desiredProperties(scope);
  const current = parseKeySetPhysicalId(event.PhysicalResourceId);
  const newId = keySetPhysicalId(target, properties.ProjectCode);
  if (!current || event.PhysicalResourceId !== newId) {
    // Replacement (ProjectCode changed, or the old id names no key set of ours): create the new
    // key set and return its id. CloudFormation deletes the old id afterwards; never here.
    scope.note('replacement: creating the new key set', { oldPhysicalResourceId: event.PhysicalResourceId, newPhysicalResourceId: newId });
    return createNew(scope, properties);
  }
  const previous = keySetProperties(event.OldResourceProperties);
  // A rollback Update carries the rejected properties as the old ones: hand them on only when valid.
  const previousIsValid = isValid(previous, target);
  const desiredPrimary = effectivePrimaryRegion(properties, target);
  if (effectivePrimaryRegion(previous, target) !== desiredPrimary) {
    // OldResourceProperties are what CloudFormation last asked for, not necessarily what exists (a
    // rollback after this very refusal): the live key set decides.
    const livePrimary = await livePrimaryRegion(scope, properties.ProjectCode);
    if (livePrimary !== desiredPrimary) {
      throw new KeySetError(
        'NotUpdatable',
        `PrimaryRegion cannot change from ${livePrimary} to ${desiredPrimary} while ProjectCode stays "${properties.ProjectCode}": a replacement key set would need the same aliases alias/${properties.ProjectCode}/<service> as the existing one. Change ProjectCode together with PrimaryRegion (CloudFormation then replaces the key set), or remove the resource and add it again.`,
      );
    }
  }
  const result = await runToCompletion(
    scope.operations.update,
    operationInput(scope, properties, previousIsValid ? previous : undefined),
    `Updating key set ${properties.ProjectCode}`,
  );
  return { status: 'SUCCESS', physicalResourceId: newId, data: keySetData(result?.Keys) };
}

/**
 * A Delete whose id names neither a key set nor a failed Create (an id this provider never handed
 * out, such as a library's default) has nothing to delete: answered before anything else.
 */
export function nothingToDelete(event: CustomResourceEvent): Outcome | undefined {
  if (event.RequestType !== 'Delete' || parseKeySetPhysicalId(event.PhysicalResourceId)) return undefined;
  if (parseFailedCreatePhysicalId(event.PhysicalResourceId)) return undefined;
  return { status: 'SUCCESS', physicalResourceId: event.PhysicalResourceId ?? '' };
}

/**
 * The rollback Delete of a failed Create (marker id `servicekmskeys-create-failed/<RequestId>`): a
 * Create that failed on its own already removed what it made; one stopped by the time budget or the
 * deadline guard did not. Either way, remove exactly the keys that Create made (tagged
 * servicekmskeys:created-by=<its RequestId>) and the aliases pointing at them; nothing else —
 * another stack's key set with the same ProjectCode is never touched.
 */
async function rollBackFailedCreate(scope: RequestScope, createRequestId: string): Promise<Outcome> {
  const physicalResourceId = scope.event.PhysicalResourceId ?? '';
  const properties = keySetProperties(scope.event.ResourceProperties);
  const input = { ...operationInput(scope, properties), requestToken: createRequestId };
  scope.note('delete of a failed Create: removing the keys that Create made, if any', { physicalResourceId, createRequestId });
  await runToCompletion(scope.operations.rollbackCreate, input, `Removing the keys of the failed Create ${createRequestId}`);
  return { status: 'SUCCESS', physicalResourceId };
}

export async function handleDelete(scope: RequestScope): Promise<Outcome> {
  const { event, target } = scope;
  const physicalResourceId = event.PhysicalResourceId ?? '';
  const failedCreate = parseFailedCreatePhysicalId(event.PhysicalResourceId);
  if (failedCreate) return rollBackFailedCreate(scope, failedCreate);
  const keySet = parseKeySetPhysicalId(event.PhysicalResourceId);
  if (!keySet || keySet.accountId !== target.accountId || keySet.region !== target.region) {
    // Not a key set of this account and Region: nothing of ours to delete.
    scope.note('delete: the physical id names no key set of this account and Region; nothing to do', { physicalResourceId });
    return { status: 'SUCCESS', physicalResourceId };
  }
  const properties = { ...keySetProperties(event.ResourceProperties), ProjectCode: keySet.projectCode };
  try {
    await runToCompletion(scope.operations.delete, operationInput(scope, properties), `Deleting key set ${keySet.projectCode}`);
  } catch (error) {
    // Already gone (an earlier delivery of this Delete, or removed by hand): the goal is reached.
    if (!(error instanceof KeySetError && error.code === 'NotFound')) throw error;
    scope.note('delete: the key set does not exist (any more)', { physicalResourceId });
  }
  return { status: 'SUCCESS', physicalResourceId };
}
