/**
 * Creates and deletes one stack the way CloudFormation does: parameters checked, Rules asserted, Conditions
 * evaluated, then each active resource created in dependency order with its Properties evaluated just before
 * (so `Ref` / `Fn::GetAtt` see what the earlier resources really returned), outputs and exports last.
 * Deletion runs in reverse creation order. Template evaluation is the shared test evaluator.
 */
import path from 'node:path';
import { loadCfnTemplate, type CfnTemplate } from '../../../cli/cloudformation/yaml';
import {
  checkRules,
  creationOrder,
  evaluate,
  evaluateConditions,
  resolveParameters,
  withDefaults,
  type EvaluationContext,
} from '../../../cli/cloudformation/evaluator';
import { REPO_ROOT } from '../../templates/lib/template-files';
import type { DeployedStack, ProvisionRequest, ProvisionedResource, StackLocation, World } from './world';

const templates = new Map<string, CfnTemplate>();

/** Parses a template of the repository once (path relative to the repository root). */
export function templateAt(file: string): CfnTemplate {
  let template = templates.get(file);
  if (!template) {
    template = loadCfnTemplate(path.join(REPO_ROOT, file));
    templates.set(file, template);
  }
  return template;
}

export interface StackSpec {
  /** Template path relative to the repository root. */
  templateFile: string;
  accountId: string;
  region: string;
  partition: string;
  stackName: string;
  parameters: Record<string, string>;
}

function stackId(spec: StackSpec, suffix: string): string {
  return `arn:${spec.partition}:cloudformation:${spec.region}:${spec.accountId}:stack/${spec.stackName}/${suffix}`;
}

export async function createStack(world: World, spec: StackSpec): Promise<DeployedStack> {
  const key = world.stackKey(spec.accountId, spec.region, spec.stackName);
  if (world.stacks.has(key)) throw new Error(`Stack ${spec.stackName} already exists in ${spec.accountId} ${spec.region}.`);
  const template = templateAt(spec.templateFile);
  const location: StackLocation = {
    accountId: spec.accountId,
    region: spec.region,
    partition: spec.partition,
    stackName: spec.stackName,
    stackId: stackId(spec, world.nextSuffix().toLowerCase()),
  };
  const env = withDefaults({ accountId: spec.accountId, region: spec.region, partition: spec.partition, stackName: spec.stackName });
  const parameters = resolveParameters(template, spec.parameters);
  const conditions = evaluateConditions(template, env, parameters);
  const created = new Map<string, ProvisionedResource>();
  const createdResource = (logicalId: string): ProvisionedResource => {
    const resource = created.get(logicalId);
    if (!resource) throw new Error(`${spec.templateFile}: ${logicalId} is referenced before it was created (or its condition is false).`);
    return resource;
  };
  const context: EvaluationContext = {
    env,
    parameters,
    conditions,
    resourceRef: (logicalId) => createdResource(logicalId).physicalId,
    getAtt: (logicalId, attribute) => createdResource(logicalId).getAtt(attribute),
  };
  checkRules(template, context);

  const stack: DeployedStack = { location, template, templateFile: spec.templateFile, parameters, resources: [], outputs: {}, exports: [] };
  world.stacks.set(key, stack);
  try {
    for (const logicalId of creationOrder(template)) {
      const declared = template.Resources[logicalId];
      if (declared.Condition !== undefined && !conditions[declared.Condition]) continue;
      const provisioner = world.provisioners[declared.Type];
      if (!provisioner) throw new Error(`${spec.templateFile}: the simulation has no provisioner for ${declared.Type} (${logicalId}).`);
      const properties = evaluate(declared.Properties ?? {}, context) as Record<string, unknown>;
      const request: ProvisionRequest = { world, stack: location, logicalId, type: declared.Type, properties };
      const resource = await provisioner.create(request);
      created.set(logicalId, resource);
      stack.resources.push({ resource, properties });
    }
  } catch (error) {
    // CREATE_FAILED -> ROLLBACK: what was created is deleted again, then the failure is reported.
    await deleteStack(world, stack);
    throw error;
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !conditions[output.Condition]) continue;
    stack.outputs[name] = evaluate(output.Value, context);
    if (output.Export) {
      const exportName = String(evaluate(output.Export.Name, context));
      const exportKey = world.exportKey(spec.accountId, spec.region, exportName);
      if (world.exports.has(exportKey)) throw new Error(`Export ${exportName} already exists in ${spec.accountId} ${spec.region}.`);
      world.exports.set(exportKey, stack.outputs[name]);
      stack.exports.push(exportKey);
    }
  }
  return stack;
}

/** Deletes a stack's resources in reverse creation order, then its exports. */
export async function deleteStack(world: World, stack: DeployedStack): Promise<void> {
  const { location } = stack;
  for (const { resource, properties } of [...stack.resources].reverse()) {
    const provisioner = world.provisioners[resource.type];
    await provisioner.delete({ world, stack: location, logicalId: resource.logicalId, type: resource.type, properties }, resource);
    stack.resources.splice(
      stack.resources.findIndex((r) => r.resource === resource),
      1,
    );
  }
  for (const exportKey of stack.exports) world.exports.delete(exportKey);
  world.stacks.delete(world.stackKey(location.accountId, location.region, location.stackName));
}
