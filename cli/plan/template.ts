/**
 * Reads the input of `plan` and `start`: a file holding either the resource's Properties (JSON/YAML) or a
 * CloudFormation template with Org::Security::ServiceKmsKeys resources. Templates are evaluated with the
 * CloudFormation template evaluator the template tests and the org simulation use (cli/cloudformation/:
 * parameters and their constraints, Rules, Conditions, Mappings, Ref/Sub/Join/Select/Split/If/FindInMap/...).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeploymentTarget, ResourceProperties } from '../../resource-type/core/types';
import { checkRules, evaluate, evaluateConditions, NO_VALUE, resolveParameters, type EvaluationContext } from '../cloudformation/evaluator';
import { parseCfnYaml, type CfnTemplate } from '../cloudformation/yaml';
import { CliError, EXIT } from '../command';

export const TYPE_NAME = 'Org::Security::ServiceKmsKeys';

export interface InputDocument {
  readonly file: string;
  /** Parsed document: Properties, or a template (has Resources). */
  readonly data: Record<string, unknown>;
}

export function readInput(file: string, cwd: string): InputDocument {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, EXIT.invalidInput);
  }
  let data: unknown;
  try {
    // YAML 1.2 is a superset of JSON, so one parser serves both (short tags such as !Ref included).
    data = parseCfnYaml(text);
  } catch (error) {
    throw new CliError(`${file} is neither valid JSON nor YAML: ${(error as Error).message}`, EXIT.invalidInput);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new CliError(`${file} must hold an object (Properties or a template).`, EXIT.invalidInput);
  return { file, data: data as Record<string, unknown> };
}

export function isTemplate(doc: InputDocument): boolean {
  return 'Resources' in doc.data;
}

/** Logical ids of the Org::Security::ServiceKmsKeys resources of a template. */
export function keySetResources(doc: InputDocument): string[] {
  const resources = (doc.data.Resources ?? {}) as Record<string, { Type?: string } | null>;
  return Object.entries(resources)
    .filter(([, r]) => r?.Type === TYPE_NAME)
    .map(([id]) => id);
}

/** Names of the template's parameters (in declaration order). */
export function templateParameters(doc: InputDocument): Record<string, { Type: string; Default?: unknown; Description?: string }> {
  return ((doc.data.Parameters ?? {}) as Record<string, { Type: string; Default?: unknown; Description?: string }>) ?? {};
}

export interface EvaluateOptions {
  readonly target: DeploymentTarget;
  readonly parameters: Readonly<Record<string, string>>;
  /** Which key-set resource; required when the template has several. */
  readonly resource?: string;
  /** @default 'servicekmskeys' */
  readonly stackName?: string;
}

function unresolved(id: string): never {
  throw new CliError(`${id} is another resource of the template and cannot be resolved offline.`, EXIT.invalidInput);
}

/**
 * The Properties a stack would send for the chosen key-set resource, as CloudFormation would evaluate them in
 * `target`. References to other resources of the template cannot be known offline and fail with a message
 * naming the property.
 */
export function evaluateKeySetProperties(doc: InputDocument, options: EvaluateOptions): ResourceProperties {
  if (!isTemplate(doc)) return doc.data;
  const template = doc.data as unknown as CfnTemplate;
  const ours = keySetResources(doc);
  if (ours.length === 0) throw new CliError(`${doc.file} has no ${TYPE_NAME} resource.`, EXIT.invalidInput);
  let chosen = ours[0]!;
  if (options.resource) {
    if (!ours.includes(options.resource))
      throw new CliError(`${doc.file} has no ${TYPE_NAME} resource "${options.resource}"; it has: ${ours.join(', ')}.`, EXIT.usage);
    chosen = options.resource;
  } else if (ours.length > 1) {
    throw new CliError(
      `${doc.file} has ${ours.length} ${TYPE_NAME} resources (${ours.join(', ')}); choose one with --resource.`,
      EXIT.usage,
    );
  }
  const env = {
    accountId: options.target.accountId,
    region: options.target.region,
    partition: options.target.partition,
    stackName: options.stackName ?? 'servicekmskeys',
  };
  let parameters;
  try {
    parameters = resolveParameters(template, { ...options.parameters });
  } catch (error) {
    throw new CliError(`${doc.file}: ${(error as Error).message} (use --parameter Name=Value).`, EXIT.invalidInput);
  }
  const where = `Resources/${chosen}/Properties`;
  try {
    const conditions = evaluateConditions(template, env, parameters);
    const ctx: EvaluationContext = {
      env,
      parameters,
      conditions,
      mappings: template.Mappings,
      resourceRef: unresolved,
      getAtt: unresolved,
    };
    checkRules(template, ctx);
    const resource = template.Resources[chosen]!;
    if (resource.Condition !== undefined && !conditions[resource.Condition]) {
      throw new CliError(
        `${doc.file}: the condition ${resource.Condition} of ${chosen} is false with these parameters, so the stack would not create it.`,
        EXIT.invalidInput,
      );
    }
    const out: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(resource.Properties ?? {})) {
      const propertyCtx: EvaluationContext = {
        ...ctx,
        resourceRef: (id) => {
          throw new CliError(
            `${where}/${key}: cannot resolve Ref offline (${id} is another resource of the template); give the value with --parameter or plan the Properties directly.`,
            EXIT.invalidInput,
          );
        },
        getAtt: (id, attribute) => {
          throw new CliError(
            `${where}/${key}: cannot resolve Fn::GetAtt offline (${id}.${attribute} is another resource of the template); plan the Properties directly.`,
            EXIT.invalidInput,
          );
        },
      };
      let value: unknown;
      try {
        value = evaluate(raw, propertyCtx);
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`${doc.file}: ${where}/${key}: ${(error as Error).message}`, EXIT.invalidInput);
      }
      if (value !== NO_VALUE) out[key] = value;
    }
    return out;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${doc.file}: ${(error as Error).message}`, EXIT.invalidInput);
  }
}
