/**
 * The simulated cloud the stacks are deployed into: the KMS/STS emulator (KMS itself, identity policies, the
 * organization) plus the bits of CloudFormation and IAM state the emulator does not hold (roles, registered
 * types, exports, stacks). Provisioners of each resource type read and write it.
 */
import type { RunningEmulator } from '../../../emulator';
import type { CfnTemplate } from '../../../cli/cloudformation/yaml';
import type { ParameterValue } from '../../../cli/cloudformation/evaluator';

/** A resource a provisioner created: what Ref and Fn::GetAtt answer, and what its delete needs. */
export interface ProvisionedResource {
  logicalId: string;
  type: string;
  /** The value of `Ref`. */
  physicalId: string;
  /** `Fn::GetAtt` (throws for attributes the type does not have). */
  getAtt(attribute: string): unknown;
  /** Provisioner-specific state kept for delete. */
  state: Record<string, unknown>;
}

/** Where a stack (or stack instance) lives. */
export interface StackLocation {
  accountId: string;
  region: string;
  partition: string;
  stackName: string;
  stackId: string;
}

export interface ProvisionRequest {
  world: World;
  stack: StackLocation;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface ResourceProvisioner {
  create(request: ProvisionRequest): Promise<ProvisionedResource>;
  delete(request: ProvisionRequest, resource: ProvisionedResource): Promise<void>;
}

export interface DeployedStack {
  location: StackLocation;
  template: CfnTemplate;
  templateFile: string;
  parameters: Record<string, ParameterValue>;
  /** Created resources in creation order, with the properties they were created with. */
  resources: Array<{ resource: ProvisionedResource; properties: Record<string, unknown> }>;
  outputs: Record<string, unknown>;
  exports: string[];
}

export interface StackInstance {
  accountId: string;
  region: string;
  stack: DeployedStack;
}

export interface SimulatedStackSet {
  name: string;
  /** The StackSet resource's evaluated Properties. */
  properties: Record<string, unknown>;
  /** Template path relative to the repository root. */
  templateFile: string;
  instances: Map<string, StackInstance>;
}

/** The private type registered in one account + Region (AWS::CloudFormation::ResourceVersion + default version). */
export interface TypeRegistration {
  typeName: string;
  versionArn: string;
  executionRoleArn: string;
  isDefault: boolean;
  /** Credentials of the execution role's session CloudFormation passes to the handlers (caller credentials). */
  callerCredentials: { accessKeyId: string; secretAccessKey: string };
}

/** An IAM role: its inline policies plus the managed policies attached to it. */
export interface IamRole {
  arn: string;
  inlinePolicies: Record<string, object>;
  managedPolicyArns: string[];
}

/** A handler invocation, as CloudFormation would log it (for assertions on how the handlers were driven). */
export interface HandlerInvocation {
  action: string;
  accountId: string;
  region: string;
  stackName: string;
  logicalId: string;
  status: string;
  callerArn: string;
  /** When the invocation started and when it answered (epoch ms). */
  startedAt: number;
  at: number;
}

const where = (accountId: string, region: string): string => `${accountId}/${region}`;

export class World {
  readonly roles = new Map<string, IamRole>();
  readonly managedPolicies = new Map<string, { document: object; roles: string[] }>();
  readonly typeRegistrations = new Map<string, TypeRegistration>();
  readonly exports = new Map<string, unknown>();
  readonly stacks = new Map<string, DeployedStack>();
  /** StackSets by name, with their stack instances by `<account>/<region>`. */
  readonly stackSets = new Map<string, SimulatedStackSet>();
  readonly invocations: HandlerInvocation[] = [];
  /** Principal (session ARN) each access key acts as, mirrored from what was registered in the emulator. */
  readonly sessions = new Map<string, string>();
  private counter = 0;

  constructor(
    readonly emulator: RunningEmulator,
    readonly provisioners: Record<string, ResourceProvisioner>,
  ) {}

  /** A deterministic, unique suffix (CloudFormation's generated names end with a random one). */
  nextSuffix(): string {
    this.counter += 1;
    return `SIM${String(this.counter).padStart(9, '0')}`;
  }

  registrationIn(accountId: string, region: string): TypeRegistration | undefined {
    return this.typeRegistrations.get(where(accountId, region));
  }

  setRegistration(accountId: string, region: string, registration: TypeRegistration | undefined): void {
    if (registration) this.typeRegistrations.set(where(accountId, region), registration);
    else this.typeRegistrations.delete(where(accountId, region));
  }

  exportKey(accountId: string, region: string, name: string): string {
    return `${where(accountId, region)}/${name}`;
  }

  stackKey(accountId: string, region: string, stackName: string): string {
    return `${where(accountId, region)}/${stackName}`;
  }

  /**
   * Pushes a role's effective identity policies (inline + attached managed) to the emulator. The emulator can
   * only add identity policies, so a detached or deleted policy cannot be taken back (see docs/org-simulation.md).
   */
  publishIdentityPolicy(roleArn: string, document: object): void {
    this.emulator.admin.putIdentityPolicy(roleArn, document);
  }
}
