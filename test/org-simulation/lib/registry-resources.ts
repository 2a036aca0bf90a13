/**
 * The registration of our private type (stacksets/register-type.yaml): AWS::CloudFormation::ResourceVersion,
 * AWS::CloudFormation::ResourceDefaultVersion and the handler log group. A registered version records the
 * handler execution role; CloudFormation later invokes the handlers with credentials of a session of that role,
 * which the simulation registers in the emulator as the caller principal of a fresh access key.
 */
import { TYPE_NAME } from './registry-invoker';
import type { ProvisionedResource, ResourceProvisioner } from './world';

function attributes(values: Record<string, unknown>, type: string): (attribute: string) => unknown {
  return (attribute) => {
    if (!(attribute in values)) throw new Error(`${type} has no attribute ${attribute}.`);
    return values[attribute];
  };
}

export const logGroup: ResourceProvisioner = {
  async create(request): Promise<ProvisionedResource> {
    const name = String(request.properties.LogGroupName);
    const arn = `arn:${request.stack.partition}:logs:${request.stack.region}:${request.stack.accountId}:log-group:${name}:*`;
    return {
      logicalId: request.logicalId,
      type: request.type,
      physicalId: name,
      getAtt: attributes({ Arn: arn }, request.type),
      state: {},
    };
  },
  async delete(): Promise<void> {},
};

export const resourceVersion: ResourceProvisioner = {
  async create(request): Promise<ProvisionedResource> {
    const { properties: p, world, stack } = request;
    if (p.TypeName !== TYPE_NAME)
      throw new Error(`${request.logicalId}: the simulation registers only ${TYPE_NAME}, not ${String(p.TypeName)}.`);
    if (!/^s3:\/\/[a-z0-9.-]+\/.+\.zip$/.test(String(p.SchemaHandlerPackage))) {
      throw new Error(`${request.logicalId}: SchemaHandlerPackage ${String(p.SchemaHandlerPackage)} is not an s3:// URL of a .zip.`);
    }
    const roleArn = String(p.ExecutionRoleArn);
    if (!world.roles.has(roleArn)) throw new Error(`${request.logicalId}: execution role ${roleArn} does not exist.`);
    if (world.registrationIn(stack.accountId, stack.region)) {
      throw new Error(`${TYPE_NAME} is already registered in ${stack.accountId} ${stack.region}.`);
    }
    const typeArn = `arn:${stack.partition}:cloudformation:${stack.region}:${stack.accountId}:type/resource/${TYPE_NAME.replace(/::/g, '-')}`;
    const versionArn = `${typeArn}/00000001`;
    // The handlers run as a session of the execution role: a fresh access key maps to it in the emulator.
    const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
    const accessKeyId = `ASIA${stack.accountId}${world.nextSuffix()}`;
    const session = `arn:${stack.partition}:sts::${stack.accountId}:assumed-role/${roleName}/CloudFormationHandlers`;
    world.emulator.admin.registerAccount(accessKeyId, stack.accountId, session);
    world.sessions.set(accessKeyId, session);
    world.setRegistration(stack.accountId, stack.region, {
      typeName: TYPE_NAME,
      versionArn,
      executionRoleArn: roleArn,
      isDefault: true,
      callerCredentials: { accessKeyId, secretAccessKey: 'simulated-secret' },
    });
    return {
      logicalId: request.logicalId,
      type: request.type,
      physicalId: versionArn,
      getAtt: attributes({ Arn: versionArn, TypeArn: typeArn, VersionId: '00000001', IsDefaultVersion: true }, request.type),
      state: {},
    };
  },
  async delete(request): Promise<void> {
    request.world.setRegistration(request.stack.accountId, request.stack.region, undefined);
  },
};

export const resourceDefaultVersion: ResourceProvisioner = {
  async create(request): Promise<ProvisionedResource> {
    const { world, stack, properties } = request;
    const registration = world.registrationIn(stack.accountId, stack.region);
    if (!registration || registration.versionArn !== properties.TypeVersionArn) {
      throw new Error(
        `${request.logicalId}: ${String(properties.TypeVersionArn)} is not a registered version in ${stack.accountId} ${stack.region}.`,
      );
    }
    registration.isDefault = true;
    const typeArn = registration.versionArn.slice(0, registration.versionArn.lastIndexOf('/'));
    return {
      logicalId: request.logicalId,
      type: request.type,
      physicalId: typeArn,
      getAtt: attributes({ Arn: typeArn }, request.type),
      state: {},
    };
  },
  async delete(): Promise<void> {},
};
