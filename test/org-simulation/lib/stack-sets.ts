/**
 * AWS::CloudFormation::StackSet (SERVICE_MANAGED) as CloudFormation StackSets would run it: the deployment
 * targets expanded against the organization (OUs include their child OUs, the management account is never a
 * target, AccountFilterType applied), one stack instance per account and Region, Regions in RegionOrder,
 * SEQUENTIAL or PARALLEL, accounts per Region bounded by MaxConcurrentCount/Percentage, failure tolerance
 * checked, capabilities required for IAM resources. Each instance is a real stack (stack.ts).
 */
import { mapBounded, settleBounded } from '../../../resource-type/gateway/concurrency';
import { partitionOf } from '../../../resource-type/core/partition';
import { createStack, deleteStack, templateAt } from './stack';
import type { ProvisionedResource, ResourceProvisioner, SimulatedStackSet, StackInstance, World } from './world';

export interface StackSetOptions {
  /** TemplateURL prefix that stands for `templateFolder` of the repository (the uploaded templates). */
  templateBaseUrl: string;
  /** @default 'stacksets' */
  templateFolder?: string;
  managementAccountId: string;
  /** account -> OU path (`o-x/r-y/ou-z/`) of every account of the organization. */
  accountPaths: Readonly<Record<string, string>>;
  /** Accounts registered as delegated administrators for StackSets (CallAs DELEGATED_ADMIN). @default [] */
  delegatedAdministrators?: string[];
}

interface DeploymentTargets {
  OrganizationalUnitIds?: string[];
  Accounts?: string[];
  AccountFilterType?: 'NONE' | 'INTERSECTION' | 'DIFFERENCE' | 'UNION';
}

interface OperationPreferences {
  RegionConcurrencyType?: 'SEQUENTIAL' | 'PARALLEL';
  RegionOrder?: string[];
  FailureToleranceCount?: number;
  FailureTolerancePercentage?: number;
  MaxConcurrentCount?: number;
  MaxConcurrentPercentage?: number | string;
}

const IAM_TYPES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Policy',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::InstanceProfile',
]);
const NAME_PROPERTIES = ['RoleName', 'ManagedPolicyName', 'UserName', 'GroupName', 'InstanceProfileName'];

/** CAPABILITY_IAM for IAM resources, CAPABILITY_NAMED_IAM when one of them has a custom name. */
function requiredCapability(templateFile: string): string | undefined {
  const resources = Object.values(templateAt(templateFile).Resources).filter((r) => IAM_TYPES.has(r.Type));
  if (resources.length === 0) return undefined;
  return resources.some((r) => NAME_PROPERTIES.some((n) => r.Properties?.[n] !== undefined)) ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM';
}

/** The accounts a SERVICE_MANAGED deployment target reaches. */
export function targetAccounts(targets: DeploymentTargets, options: StackSetOptions): string[] {
  const inOus = new Set<string>();
  for (const id of targets.OrganizationalUnitIds ?? []) {
    const matches = Object.entries(options.accountPaths).filter(([, path]) => path.split('/').includes(id));
    if (matches.length === 0 && !/^r-/.test(id)) throw new Error(`OU ${id} does not exist in the organization.`);
    for (const [account] of matches) inOus.add(account);
  }
  inOus.delete(options.managementAccountId); // service-managed StackSets never deploy to the management account
  const listed = new Set(targets.Accounts ?? []);
  const filter = targets.AccountFilterType ?? 'NONE';
  const result =
    filter === 'INTERSECTION'
      ? [...inOus].filter((a) => listed.has(a))
      : filter === 'DIFFERENCE'
        ? [...inOus].filter((a) => !listed.has(a))
        : filter === 'UNION'
          ? [...new Set([...inOus, ...listed])]
          : [...inOus];
  return result.sort();
}

function templateFileOf(url: string, options: StackSetOptions): string {
  const prefix = `${options.templateBaseUrl}/`;
  if (!url.startsWith(prefix)) throw new Error(`TemplateURL ${url} is not under ${options.templateBaseUrl}.`);
  return `${options.templateFolder ?? 'stacksets'}/${url.slice(prefix.length)}`;
}

function accountConcurrency(prefs: OperationPreferences, accounts: number): number {
  if (prefs.MaxConcurrentCount !== undefined) return Math.max(1, Number(prefs.MaxConcurrentCount));
  if (prefs.MaxConcurrentPercentage !== undefined) return Math.max(1, Math.floor((Number(prefs.MaxConcurrentPercentage) * accounts) / 100));
  return 1;
}

function failureTolerance(prefs: OperationPreferences, accounts: number): number {
  if (prefs.FailureToleranceCount !== undefined) return Number(prefs.FailureToleranceCount);
  if (prefs.FailureTolerancePercentage !== undefined) return Math.floor((Number(prefs.FailureTolerancePercentage) * accounts) / 100);
  return 0;
}

/** Regions in the order the operation visits them: RegionOrder first, then the rest as listed. */
function orderedRegions(regions: string[], prefs: OperationPreferences): string[] {
  const order = (prefs.RegionOrder ?? []).filter((r) => regions.includes(r));
  return [...order, ...regions.filter((r) => !order.includes(r))];
}

/**
 * Runs `work` for each (account, Region) of `targets`, Region by Region (SEQUENTIAL) or all Regions at once
 * (PARALLEL), accounts of a Region bounded by the concurrency preferences; fails once a Region has more failed
 * accounts than the tolerance allows (later Regions are then not started in SEQUENTIAL mode).
 */
export async function runOperation(
  targets: Array<{ accountId: string; region: string }>,
  prefs: OperationPreferences,
  work: (target: { accountId: string; region: string }) => Promise<void>,
): Promise<void> {
  const regions = orderedRegions([...new Set(targets.map((t) => t.region))], prefs);
  const runRegion = async (region: string): Promise<void> => {
    const inRegion = targets.filter((t) => t.region === region);
    const outcomes = await settleBounded(inRegion, accountConcurrency(prefs, inRegion.length), work);
    const failures = outcomes.filter((o) => !o.ok) as Array<{ ok: false; error: unknown }>;
    if (failures.length > failureTolerance(prefs, inRegion.length)) {
      const messages = failures.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)));
      throw new Error(`Stack instances failed in ${region}: ${messages.join(' | ')}`);
    }
  };
  if ((prefs.RegionConcurrencyType ?? 'SEQUENTIAL') === 'PARALLEL') await mapBounded(regions, regions.length, runRegion);
  else for (const region of regions) await runRegion(region);
}

const instanceKey = (accountId: string, region: string): string => `${accountId}/${region}`;

/** DeleteStackInstances: the chosen Regions (default all) of the StackSet, in `prefs` order. */
export async function deleteStackInstances(
  world: World,
  stackSet: SimulatedStackSet,
  prefs: OperationPreferences,
  regions?: string[],
): Promise<void> {
  const targets = [...stackSet.instances.values()].filter((i) => !regions || regions.includes(i.region));
  await runOperation(targets, prefs, async ({ accountId, region }) => {
    const instance = stackSet.instances.get(instanceKey(accountId, region))!;
    await deleteStack(world, instance.stack);
    stackSet.instances.delete(instanceKey(accountId, region));
  });
}

export function stackSetProvisioner(options: StackSetOptions): ResourceProvisioner {
  return {
    async create(request): Promise<ProvisionedResource> {
      const { properties: p, world, stack } = request;
      const name = String(p.StackSetName);
      if (p.PermissionModel !== 'SERVICE_MANAGED') throw new Error(`${name}: only SERVICE_MANAGED StackSets are simulated.`);
      const callAs = p.CallAs ?? 'SELF';
      const admins = options.delegatedAdministrators ?? [];
      if (callAs === 'SELF' && stack.accountId !== options.managementAccountId) {
        throw new Error(`${name}: CallAs SELF needs the management account, but the stack is in ${stack.accountId}.`);
      }
      if (callAs === 'DELEGATED_ADMIN' && !admins.includes(stack.accountId)) {
        throw new Error(`${name}: ${stack.accountId} is not a delegated administrator for StackSets.`);
      }
      if (world.stackSets.has(name)) throw new Error(`StackSet ${name} already exists (NameAlreadyExistsException).`);
      const templateFile = templateFileOf(String(p.TemplateURL), options);
      const capability = requiredCapability(templateFile);
      const capabilities = (p.Capabilities as string[] | undefined) ?? [];
      if (capability && !capabilities.includes(capability) && !capabilities.includes('CAPABILITY_NAMED_IAM')) {
        throw new Error(`${name}: ${templateFile} needs ${capability} (InsufficientCapabilities).`);
      }
      const parameters = Object.fromEntries(
        ((p.Parameters as Array<{ ParameterKey: string; ParameterValue: string }> | undefined) ?? []).map((x) => [
          x.ParameterKey,
          x.ParameterValue,
        ]),
      );
      const stackSet: SimulatedStackSet = { name, properties: p, templateFile, instances: new Map() };
      world.stackSets.set(name, stackSet);
      const targets: Array<{ accountId: string; region: string }> = [];
      for (const group of (p.StackInstancesGroup as Array<{ DeploymentTargets: DeploymentTargets; Regions: string[] }>) ?? []) {
        for (const region of group.Regions) {
          for (const accountId of targetAccounts(group.DeploymentTargets, options)) targets.push({ accountId, region });
        }
      }
      await runOperation(targets, (p.OperationPreferences as OperationPreferences) ?? {}, async ({ accountId, region }) => {
        const deployed = await createStack(world, {
          templateFile,
          accountId,
          region,
          partition: partitionOf(region),
          stackName: `StackSet-${name}-${world.nextSuffix().toLowerCase()}`,
          parameters,
        });
        const instance: StackInstance = { accountId, region, stack: deployed };
        stackSet.instances.set(instanceKey(accountId, region), instance);
      });
      const id = `${name}:${world.nextSuffix().toLowerCase()}`;
      return {
        logicalId: request.logicalId,
        type: request.type,
        physicalId: id,
        getAtt: (attribute) => {
          if (attribute !== 'StackSetId') throw new Error(`AWS::CloudFormation::StackSet has no attribute ${attribute}.`);
          return id;
        },
        state: { name },
      };
    },
    async delete(request, resource): Promise<void> {
      const stackSet = request.world.stackSets.get(String(resource.state.name));
      if (!stackSet) return;
      // Deleting the resource deletes the remaining instances with the StackSet's own operation preferences.
      await deleteStackInstances(request.world, stackSet, (stackSet.properties.OperationPreferences as OperationPreferences) ?? {});
      request.world.stackSets.delete(stackSet.name);
    },
  };
}
