/**
 * AWS::IAM::Role and AWS::IAM::ManagedPolicy: IAM is global per account. A role's inline policies and the managed
 * policies attached to it become identity policies of that role in the emulator (the emulator applies them to
 * every session of the role). Attaching to a role that does not exist fails, as IAM does (NoSuchEntity).
 */
import type { ProvisionRequest, ProvisionedResource, ResourceProvisioner, World } from './world';

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** CloudFormation's generated physical names: <stack>-<logicalId>-<suffix>, at most `max` characters. */
function generatedName(request: ProvisionRequest, max: number): string {
  const suffix = request.world.nextSuffix();
  const head = `${request.stack.stackName}-${request.logicalId}`.slice(0, max - suffix.length - 1);
  return `${head}-${suffix}`;
}

function iamArn(request: ProvisionRequest, kind: 'role' | 'policy', path: unknown, name: string): string {
  const p = typeof path === 'string' ? path : '/';
  return `arn:${request.stack.partition}:iam::${request.stack.accountId}:${kind}${p}${name}`;
}

function attributes(values: Record<string, unknown>, type: string, logicalId: string): (attribute: string) => unknown {
  return (attribute) => {
    if (!(attribute in values)) throw new Error(`${type} ${logicalId} has no attribute ${attribute}.`);
    return values[attribute];
  };
}

/** Pre-existing roles (created outside the templates: key administrators, workload roles). */
export function declareExistingRole(world: World, roleArn: string): void {
  if (!world.roles.has(roleArn)) world.roles.set(roleArn, { arn: roleArn, inlinePolicies: {}, managedPolicyArns: [] });
}

export const iamRole: ResourceProvisioner = {
  async create(request): Promise<ProvisionedResource> {
    const { properties: p, world } = request;
    const name = typeof p.RoleName === 'string' ? p.RoleName : generatedName(request, 64);
    const arn = iamArn(request, 'role', p.Path, name);
    if (world.roles.has(arn)) throw new Error(`Role ${arn} already exists.`);
    if (!p.AssumeRolePolicyDocument) throw new Error(`${request.logicalId}: AssumeRolePolicyDocument is required.`);
    const inline: Record<string, object> = {};
    for (const policy of asList(p.Policies) as Array<{ PolicyName: string; PolicyDocument: object }>) {
      inline[policy.PolicyName] = policy.PolicyDocument;
      world.publishIdentityPolicy(arn, policy.PolicyDocument);
    }
    const managed = asList(p.ManagedPolicyArns).map(String);
    for (const policyArn of managed) {
      const policy = world.managedPolicies.get(policyArn);
      if (!policy) throw new Error(`${request.logicalId}: managed policy ${policyArn} does not exist (NoSuchEntity).`);
      world.publishIdentityPolicy(arn, policy.document);
    }
    world.roles.set(arn, { arn, inlinePolicies: inline, managedPolicyArns: managed });
    return {
      logicalId: request.logicalId,
      type: request.type,
      physicalId: name,
      getAtt: attributes({ Arn: arn, RoleId: `AROA${world.nextSuffix()}` }, request.type, request.logicalId),
      state: { arn },
    };
  },
  async delete(request, resource): Promise<void> {
    request.world.roles.delete(String(resource.state.arn));
  },
};

export const iamManagedPolicy: ResourceProvisioner = {
  async create(request): Promise<ProvisionedResource> {
    const { properties: p, world, stack } = request;
    if (p.Users !== undefined || p.Groups !== undefined) throw new Error(`${request.logicalId}: Users/Groups are not simulated.`);
    const name = typeof p.ManagedPolicyName === 'string' ? p.ManagedPolicyName : generatedName(request, 128);
    const arn = iamArn(request, 'policy', p.Path, name);
    if (world.managedPolicies.has(arn))
      throw new Error(`A policy called ${name} already exists in ${stack.accountId} (EntityAlreadyExists).`);
    const document = p.PolicyDocument as object;
    const roleArns = asList(p.Roles).map((role) => `arn:${stack.partition}:iam::${stack.accountId}:role/${String(role)}`);
    for (const roleArn of roleArns) {
      const role = world.roles.get(roleArn);
      if (!role) throw new Error(`${request.logicalId}: cannot attach to ${roleArn}: the role does not exist (NoSuchEntity).`);
      role.managedPolicyArns.push(arn);
      world.publishIdentityPolicy(roleArn, document);
    }
    world.managedPolicies.set(arn, { document, roles: roleArns });
    return {
      logicalId: request.logicalId,
      type: request.type,
      physicalId: arn,
      getAtt: attributes({ PolicyArn: arn }, request.type, request.logicalId),
      state: { arn },
    };
  },
  async delete(request, resource): Promise<void> {
    const arn = String(resource.state.arn);
    const policy = request.world.managedPolicies.get(arn);
    for (const roleArn of policy?.roles ?? []) {
      const role = request.world.roles.get(roleArn);
      if (role) role.managedPolicyArns = role.managedPolicyArns.filter((a) => a !== arn);
    }
    request.world.managedPolicies.delete(arn);
  },
};
