/**
 * Org::Security::ServiceKmsKeys resources: CREATE and DELETE through our registry `entrypoint`, only where the
 * type is registered (as CloudFormation refuses unknown types), with the caller credentials of that account and
 * Region's registered execution role. `Fn::GetAtt` answers from the returned model, and only for the schema's
 * read-only properties (the only attributes CloudFormation exposes).
 */
import schema from '../../../schema/org-security-servicekmskeys.json';
import { runHandler, TYPE_NAME } from './registry-invoker';
import type { ProvisionRequest, ProvisionedResource, ResourceProvisioner, TypeRegistration } from './world';

const READ_ONLY = new Set(schema.readOnlyProperties.map((p) => p.replace('/properties/', '')));

function registrationFor(request: ProvisionRequest): TypeRegistration {
  const registration = request.world.registrationIn(request.stack.accountId, request.stack.region);
  if (!registration?.isDefault) {
    throw new Error(
      `${request.logicalId}: ${TYPE_NAME} is not registered in ${request.stack.accountId} ${request.stack.region} (Unrecognized resource types).`,
    );
  }
  return registration;
}

function attributeOf(model: Record<string, unknown>, logicalId: string): (attribute: string) => unknown {
  return (attribute) => {
    const path = attribute.split('.');
    if (!READ_ONLY.has(path[0])) throw new Error(`${logicalId}: ${attribute} is not a GetAtt attribute of ${TYPE_NAME}.`);
    let value: unknown = model;
    for (const part of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (value === undefined) throw new Error(`${logicalId}: attribute ${attribute} has no value.`);
    return value;
  };
}

export const keySetResource: ResourceProvisioner = {
  async create(request): Promise<ProvisionedResource> {
    const registration = registrationFor(request);
    const { model } = await runHandler({
      world: request.world,
      action: 'CREATE',
      stack: request.stack,
      logicalId: request.logicalId,
      properties: request.properties,
      credentials: registration.callerCredentials,
    });
    if (!model) throw new Error(`${request.logicalId}: CREATE returned SUCCESS without a resource model.`);
    return {
      logicalId: request.logicalId,
      type: request.type,
      physicalId: String(model.ProjectCode),
      getAtt: attributeOf(model, request.logicalId),
      state: { model },
    };
  },
  async delete(request): Promise<void> {
    const registration = registrationFor(request);
    await runHandler({
      world: request.world,
      action: 'DELETE',
      stack: request.stack,
      logicalId: request.logicalId,
      properties: request.properties,
      credentials: registration.callerCredentials,
    });
  },
};
