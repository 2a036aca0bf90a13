/**
 * The registration of our private type (stacksets/register-type.yaml): AWS::CloudFormation::ResourceVersion,
 * AWS::CloudFormation::ResourceDefaultVersion and the handler log group; and the activation of the published public
 * type (stacksets/activate-public-type.yaml): AWS::CloudFormation::TypeActivation. A registered or activated type
 * records the handler execution role; CloudFormation later invokes the handlers with credentials of a session of that role,
 * which the simulation registers in the emulator as the caller principal of a fresh access key.
 */
import { TYPE_NAME } from './registry-invoker';
import type { ProvisionedResource, ProvisionRequest, ResourceProvisioner } from './world';

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

/**
 * Makes the type usable in the stack's account and Region with `roleArn` as its execution role: the handlers run as
 * a session of that role, so a fresh access key maps to it in the emulator.
 */
function register(request: ProvisionRequest, roleArn: string, versionArn: string): void {
  const { world, stack } = request;
  if (!world.roles.has(roleArn)) throw new Error(`${request.logicalId}: execution role ${roleArn} does not exist.`);
  if (world.registrationIn(stack.accountId, stack.region)) {
    throw new Error(`${TYPE_NAME} is already registered in ${stack.accountId} ${stack.region}.`);
  }
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
}

export const resourceVersion: ResourceProvisioner = {
  async create(request): Promise<ProvisionedResource> {
    const { properties: p, stack } = request;
    if (p.TypeName !== TYPE_NAME)
      throw new Error(`${request.logicalId}: the simulation registers only ${TYPE_NAME}, not ${String(p.TypeName)}.`);
    if (!/^s3:\/\/[a-z0-9.-]+\/.+\.zip$/.test(String(p.SchemaHandlerPackage))) {
      throw new Error(`${request.logicalId}: SchemaHandlerPackage ${String(p.SchemaHandlerPackage)} is not an s3:// URL of a .zip.`);
    }
    const typeArn = `arn:${stack.partition}:cloudformation:${stack.region}:${stack.accountId}:type/resource/${TYPE_NAME.replace(/::/g, '-')}`;
    const versionArn = `${typeArn}/00000001`;
    register(request, String(p.ExecutionRoleArn), versionArn);
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

/**
 * Activation of the published public type (the publisher's package is not modelled: the same handlers run). Checks
 * what CloudFormation needs: our type name, a 40-character publisher id, a major version, an existing execution role.
 */
export const typeActivation: ResourceProvisioner = {
  async create(request): Promise<ProvisionedResource> {
    const { properties: p, stack } = request;
    if (p.Type !== 'RESOURCE' || p.TypeName !== TYPE_NAME) {
      throw new Error(
        `${request.logicalId}: the simulation activates only the RESOURCE ${TYPE_NAME}, not ${String(p.Type)} ${String(p.TypeName)}.`,
      );
    }
    if (!/^[0-9a-zA-Z]{40}$/.test(String(p.PublisherId)))
      throw new Error(`${request.logicalId}: PublisherId ${String(p.PublisherId)} is not a publisher id.`);
    if (!/^[1-9][0-9]*$/.test(String(p.MajorVersion)))
      throw new Error(`${request.logicalId}: MajorVersion ${String(p.MajorVersion)} is not a major version.`);
    // An activated public type gets a type ARN in the account and Region, like a private one.
    const typeArn = `arn:${stack.partition}:cloudformation:${stack.region}:${stack.accountId}:type/resource/${TYPE_NAME.replace(/::/g, '-')}`;
    register(request, String(p.ExecutionRoleArn), `${typeArn}/00000001`);
    return {
      logicalId: request.logicalId,
      type: request.type,
      physicalId: typeArn,
      getAtt: attributes({ Arn: typeArn }, request.type),
      state: {},
    };
  },
  async delete(request): Promise<void> {
    request.world.setRegistration(request.stack.accountId, request.stack.region, undefined);
  },
};
