/**
 * A small CloudFormation template evaluator, shared by the CLI (`plan`, `start` render templates with it) and the
 * template tests and org simulation: resolves Parameters (with their constraints; list members space-trimmed as
 * CloudFormation does), Rules with their rule functions (`checkRules`), Conditions, Mappings (Fn::FindInMap) and the
 * intrinsic functions our templates use (Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::Split, Fn::Select, Fn::If,
 * Fn::Equals/Not/And/Or, Condition, AWS::NoValue). Resource references are answered by callbacks so a simulation
 * can plug in the physical ids and attributes of the resources it created. Not covered: ImportValue, GetAZs, Cidr,
 * Base64, Length/ToJsonString/ForEach and other Transforms, FindInMap default values, dynamic references, nested
 * stacks.
 */
import type { CfnTemplate } from './yaml';

/** Marker for `Ref: AWS::NoValue`: removed from the enclosing list or object. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Where and as whom the stack is deployed. */
export interface StackEnvironment {
  accountId: string;
  region: string;
  /** @default 'aws' */
  partition?: string;
  /** @default 'test-stack' */
  stackName?: string;
}

export type ParameterValue = string | string[];

export interface EvaluationContext {
  env: Required<StackEnvironment>;
  parameters: Record<string, ParameterValue>;
  conditions: Record<string, boolean>;
  /** The template's Mappings section (Fn::FindInMap). @default {} */
  mappings?: CfnTemplate['Mappings'];
  /** Physical id (the Ref value) of a resource of the template. */
  resourceRef: (logicalId: string) => string;
  /** Fn::GetAtt of a resource of the template. */
  getAtt: (logicalId: string, attribute: string) => unknown;
}

const LIST_TYPES = /^(CommaDelimitedList|List<.+>)$/;

export function isListParameterType(type: string): boolean {
  return LIST_TYPES.test(type);
}

function pseudoParameter(name: string, env: Required<StackEnvironment>): ParameterValue | typeof NO_VALUE | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return env.accountId;
    case 'AWS::Region':
      return env.region;
    case 'AWS::Partition':
      return env.partition;
    case 'AWS::StackName':
      return env.stackName;
    case 'AWS::StackId':
      return `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${env.stackName}/00000000-0000-0000-0000-000000000000`;
    case 'AWS::URLSuffix':
      return env.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

/** Names a pseudo parameter CloudFormation defines (used by reference checks). */
export function isPseudoParameter(name: string): boolean {
  return /^AWS::(AccountId|Region|Partition|StackName|StackId|URLSuffix|NotificationARNs|NoValue)$/.test(name);
}

/**
 * Applies defaults and checks every constraint CloudFormation checks before it creates anything
 * (AllowedValues, AllowedPattern per list element, Min/MaxLength, Min/MaxValue, missing values). List parameters
 * (CommaDelimitedList, List<...>) are split at commas and each member is space-trimmed, as CloudFormation does, so
 * "a, b" is ['a', 'b'].
 */
export function resolveParameters(template: CfnTemplate, given: Record<string, string>): Record<string, ParameterValue> {
  const declared = template.Parameters ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw new Error(`Parameter ${name} is not declared by the template.`);
  }
  const resolved: Record<string, ParameterValue> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const raw = name in given ? given[name] : spec.Default === undefined ? undefined : String(spec.Default);
    if (raw === undefined) throw new Error(`Parameter ${name} has no value and no Default: pass a value.`);
    const isList = isListParameterType(spec.Type);
    const items = isList ? raw.split(',').map((item) => item.trim()) : [raw];
    for (const item of items) {
      const allowed = spec.AllowedValues as unknown[] | undefined;
      if (allowed && !allowed.map(String).includes(item)) {
        throw new Error(`Parameter ${name}: '${item}' is not one of ${allowed.join(', ')}.`);
      }
      if (typeof spec.AllowedPattern === 'string' && !new RegExp(spec.AllowedPattern).test(item)) {
        throw new Error(`Parameter ${name}: '${item}' does not match AllowedPattern ${spec.AllowedPattern}.`);
      }
      if (typeof spec.MinLength === 'number' && item.length < spec.MinLength)
        throw new Error(`Parameter ${name} is shorter than MinLength.`);
      if (typeof spec.MaxLength === 'number' && item.length > spec.MaxLength)
        throw new Error(`Parameter ${name} is longer than MaxLength.`);
      if (spec.Type === 'Number') {
        const n = Number(item);
        if (item.trim() === '' || Number.isNaN(n)) throw new Error(`Parameter ${name}: '${item}' is not a number.`);
        if (typeof spec.MinValue === 'number' && n < spec.MinValue) throw new Error(`Parameter ${name}: ${n} < MinValue ${spec.MinValue}.`);
        if (typeof spec.MaxValue === 'number' && n > spec.MaxValue) throw new Error(`Parameter ${name}: ${n} > MaxValue ${spec.MaxValue}.`);
      }
    }
    resolved[name] = isList ? items : raw;
  }
  return resolved;
}

function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
}

/** Splits a Fn::Sub template into literal text and `${…}` variables (`${!x}` is the literal `${x}`). */
export function subVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    if (!match[1].startsWith('!')) names.push(match[1].trim());
  }
  return names;
}

function toText(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${where}: expected a string, got ${JSON.stringify(value)}.`);
}

function evaluateCondition(value: unknown, ctx: EvaluationContext): boolean {
  const result = evaluate(value, ctx);
  if (typeof result !== 'boolean') throw new Error(`Condition did not evaluate to a boolean: ${JSON.stringify(value)}`);
  return result;
}

/** Evaluates a template value. Lists and objects drop members that evaluate to AWS::NoValue. */
export function evaluate(value: unknown, ctx: EvaluationContext): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => evaluate(item, ctx)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (!isIntrinsic(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const evaluated = evaluate(item, ctx);
      if (evaluated !== NO_VALUE) out[key] = evaluated;
    }
    return out;
  }
  const [fn, arg] = Object.entries(value)[0];
  switch (fn) {
    case 'Ref': {
      const name = toText(arg, 'Ref');
      const pseudo = pseudoParameter(name, ctx.env);
      if (pseudo !== undefined) return pseudo;
      if (name in ctx.parameters) return ctx.parameters[name];
      return ctx.resourceRef(name);
    }
    case 'Condition': {
      const name = toText(arg, 'Condition');
      if (!(name in ctx.conditions)) throw new Error(`Condition ${name} is not defined.`);
      return ctx.conditions[name];
    }
    case 'Fn::GetAtt': {
      const [logicalId, attribute] =
        typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : (arg as [string, unknown]);
      return ctx.getAtt(logicalId, toText(evaluate(attribute, ctx), 'Fn::GetAtt attribute'));
    }
    case 'Fn::Sub': {
      const [text, map] = typeof arg === 'string' ? [arg, {}] : (arg as [string, Record<string, unknown>]);
      const variables: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(map)) variables[key] = evaluate(item, ctx);
      return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
        if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
        const name = inner.trim();
        if (name in variables) return toText(variables[name], `Fn::Sub \${${name}}`);
        if (name.includes('.')) {
          const dot = name.indexOf('.');
          return toText(ctx.getAtt(name.slice(0, dot), name.slice(dot + 1)), `Fn::Sub \${${name}}`);
        }
        return toText(evaluate({ Ref: name }, ctx), `Fn::Sub \${${name}}`);
      });
    }
    case 'Fn::Join': {
      const [delimiter, list] = arg as [string, unknown];
      const items = evaluate(list, ctx);
      if (!Array.isArray(items)) throw new Error(`Fn::Join: expected a list, got ${JSON.stringify(items)}.`);
      return items.map((item) => toText(item, 'Fn::Join item')).join(delimiter);
    }
    case 'Fn::Split': {
      const [delimiter, source] = arg as [string, unknown];
      return toText(evaluate(source, ctx), 'Fn::Split source').split(delimiter);
    }
    case 'Fn::Select': {
      const [index, list] = arg as [unknown, unknown];
      const items = evaluate(list, ctx);
      const i = Number(evaluate(index, ctx));
      if (!Array.isArray(items) || !(i >= 0 && i < items.length)) throw new Error(`Fn::Select: index ${i} out of range.`);
      return items[i];
    }
    case 'Fn::FindInMap':
      return findInMap(arg, ctx);
    case 'Fn::If': {
      const [name, whenTrue, whenFalse] = arg as [string, unknown, unknown];
      if (!(name in ctx.conditions)) throw new Error(`Fn::If: condition ${name} is not defined.`);
      return evaluate(ctx.conditions[name] ? whenTrue : whenFalse, ctx);
    }
    case 'Fn::Equals': {
      const [a, b] = (arg as unknown[]).map((item) => evaluate(item, ctx));
      return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
    }
    case 'Fn::Not':
      return !evaluateCondition((arg as unknown[])[0], ctx);
    case 'Fn::And':
      return (arg as unknown[]).every((item) => evaluateCondition(item, ctx));
    case 'Fn::Or':
      return (arg as unknown[]).some((item) => evaluateCondition(item, ctx));
    default:
      throw new Error(`${fn} is not supported by the test evaluator.`);
  }
}

/**
 * Fn::FindInMap [MapName, TopLevelKey, SecondLevelKey]: each argument may be a Ref or another intrinsic function; the
 * value (a string or a list) comes from the template's Mappings. A missing map or key fails like CloudFormation does.
 */
function findInMap(arg: unknown, ctx: EvaluationContext): unknown {
  if (!Array.isArray(arg) || arg.length !== 3) {
    throw new Error(`Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey], got ${JSON.stringify(arg)}.`);
  }
  const [map, top, second] = arg.map((item, i) => toText(evaluate(item, ctx), `Fn::FindInMap argument ${i + 1}`));
  const mapping = (ctx.mappings ?? {})[map] as Record<string, Record<string, unknown>> | undefined;
  if (mapping === undefined) throw new Error(`Fn::FindInMap: the template has no mapping ${map} in Mappings.`);
  const value = mapping[top]?.[second];
  if (value === undefined) throw new Error(`Fn::FindInMap [${map}, ${top}, ${second}]: mapping ${map} has no value for ${top}/${second}.`);
  return value;
}

function unresolvedResource(logicalId: string): never {
  throw new Error(`Resource ${logicalId} is referenced but no resolver was given for it.`);
}

/** Evaluates the Conditions section in dependency order (conditions may reference other conditions). */
export function evaluateConditions(
  template: CfnTemplate,
  env: Required<StackEnvironment>,
  parameters: Record<string, ParameterValue>,
): Record<string, boolean> {
  const conditions: Record<string, boolean> = {};
  const definitions = template.Conditions ?? {};
  const visiting = new Set<string>();
  const proxy = new Proxy(conditions, {
    has: (_target, name) => typeof name === 'string' && name in definitions,
    get: (_target, name) => (typeof name === 'string' ? resolve(name) : undefined),
  });
  const ctx: EvaluationContext = {
    env,
    parameters,
    conditions: proxy,
    mappings: template.Mappings,
    resourceRef: unresolvedResource,
    getAtt: unresolvedResource,
  };
  function resolve(name: string): boolean {
    if (name in conditions) return conditions[name];
    if (visiting.has(name)) throw new Error(`Condition ${name} depends on itself.`);
    visiting.add(name);
    conditions[name] = evaluateCondition(definitions[name], ctx);
    return conditions[name];
  }
  for (const name of Object.keys(definitions)) resolve(name);
  return conditions;
}

export function withDefaults(env: StackEnvironment): Required<StackEnvironment> {
  return { partition: 'aws', stackName: 'test-stack', ...env };
}

/** Logical ids a value depends on (Ref to resources, GetAtt, Fn::Sub variables), excluding parameters. */
export function referencedResources(value: unknown, template: CfnTemplate, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedResources(item, template, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string' && item in template.Resources) found.add(item);
      else if (key === 'Fn::GetAtt') found.add(Array.isArray(item) ? String(item[0]) : String(item).split('.')[0]);
      else if (key === 'Fn::Sub') {
        const text = typeof item === 'string' ? item : (item as [string, Record<string, unknown>])[0];
        const locals = typeof item === 'string' ? {} : (item as [string, Record<string, unknown>])[1];
        for (const name of subVariables(text)) {
          const head = name.split('.')[0];
          if (!(name in locals) && head in template.Resources) found.add(head);
        }
        if (typeof item !== 'string') referencedResources(locals, template, found);
      } else referencedResources(item, template, found);
    }
  }
  return found;
}

/** Resources in an order that creates every resource after the ones it references or DependsOn. */
export function creationOrder(template: CfnTemplate): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`Circular dependency through ${id}.`);
    state.set(id, 'visiting');
    const resource = template.Resources[id];
    const deps = referencedResources(resource.Properties ?? {}, template);
    const explicit = resource.DependsOn === undefined ? [] : Array.isArray(resource.DependsOn) ? resource.DependsOn : [resource.DependsOn];
    for (const dep of [...deps, ...explicit]) visit(dep);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of Object.keys(template.Resources)) visit(id);
  return order;
}

/** A list value of a rule function (a list parameter, or a literal list of strings). */
function ruleList(value: unknown, ctx: EvaluationContext, fn: string): string[] {
  const list = evaluate(value, ctx);
  if (!Array.isArray(list)) throw new Error(`${fn}: expected a list, got ${JSON.stringify(list)}.`);
  return list.map((item) => toText(item, fn));
}

/**
 * Rule assertions: the condition functions plus the rule-only functions Fn::Contains, Fn::EachMemberEquals and
 * Fn::EachMemberIn (valid only in Rules, so they are not part of `evaluate`).
 */
function evaluateAssertion(value: unknown, ctx: EvaluationContext): boolean {
  if (!isIntrinsic(value)) return evaluateCondition(value, ctx);
  const [fn, arg] = Object.entries(value)[0];
  switch (fn) {
    case 'Fn::Not':
      return !evaluateAssertion((arg as unknown[])[0], ctx);
    case 'Fn::And':
      return (arg as unknown[]).every((item) => evaluateAssertion(item, ctx));
    case 'Fn::Or':
      return (arg as unknown[]).some((item) => evaluateAssertion(item, ctx));
    case 'Fn::Contains': {
      const [list, item] = arg as [unknown, unknown];
      return ruleList(list, ctx, fn).includes(toText(evaluate(item, ctx), fn));
    }
    case 'Fn::EachMemberEquals': {
      const [list, item] = arg as [unknown, unknown];
      const expected = toText(evaluate(item, ctx), fn);
      return ruleList(list, ctx, fn).every((member) => member === expected);
    }
    case 'Fn::EachMemberIn': {
      const [list, allowed] = arg as [unknown, unknown];
      const allowedList = ruleList(allowed, ctx, fn);
      return ruleList(list, ctx, fn).every((member) => allowedList.includes(member));
    }
    default:
      return evaluateCondition(value, ctx);
  }
}

/**
 * Checks the template's Rules (RuleCondition + Assertions) the way CloudFormation does before creating a stack.
 * Supports the rule functions our templates use: Fn::And/Or/Not/Equals, Fn::Contains, Fn::EachMemberEquals,
 * Fn::EachMemberIn and Ref.
 */
export function checkRules(template: CfnTemplate, ctx: EvaluationContext): void {
  const rules =
    (
      template as {
        Rules?: Record<string, { RuleCondition?: unknown; Assertions: Array<{ Assert: unknown; AssertDescription?: string }> }>;
      }
    ).Rules ?? {};
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.RuleCondition !== undefined && !evaluateAssertion(rule.RuleCondition, ctx)) continue;
    for (const assertion of rule.Assertions) {
      if (!evaluateAssertion(assertion.Assert, ctx))
        throw new Error(`Rule ${name} failed: ${assertion.AssertDescription ?? 'assertion is false'}`);
    }
  }
}

export interface RenderedResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface RenderOptions {
  env: StackEnvironment;
  parameters: Record<string, string>;
  /** Overrides computed condition values (to exercise every branch). */
  conditionOverrides?: Record<string, boolean>;
  resourceRef?: (logicalId: string, type: string) => string;
  getAtt?: (logicalId: string, attribute: string, type: string) => unknown;
}

export interface RenderedStack {
  parameters: Record<string, ParameterValue>;
  conditions: Record<string, boolean>;
  /** Active resources (their Condition holds) in creation order, with evaluated Properties. */
  resources: RenderedResource[];
  outputs: Record<string, unknown>;
  context: EvaluationContext;
}

/**
 * Evaluates a whole template. Without resolvers, a resource's Ref is `<logicalId>-physical-id` and GetAtt is
 * `<logicalId>.<attribute>`; a simulation passes resolvers that answer from what it deployed.
 */
export function renderTemplate(template: CfnTemplate, options: RenderOptions): RenderedStack {
  const env = withDefaults(options.env);
  const parameters = resolveParameters(template, options.parameters);
  const conditions = { ...evaluateConditions(template, env, parameters), ...(options.conditionOverrides ?? {}) };
  const typeOf = (id: string): string => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(`Resource ${id} is not declared by the template.`);
    const condition = resource.Condition;
    if (condition !== undefined && !conditions[condition])
      throw new Error(`Resource ${id} is referenced but its condition ${condition} is false.`);
    return resource.Type;
  };
  const context: EvaluationContext = {
    env,
    parameters,
    conditions,
    mappings: template.Mappings,
    resourceRef: (id) => {
      const type = typeOf(id);
      return options.resourceRef ? options.resourceRef(id, type) : `${id}-physical-id`;
    },
    getAtt: (id, attribute) => {
      const type = typeOf(id);
      return options.getAtt ? options.getAtt(id, attribute, type) : `${id}.${attribute}`;
    },
  };
  checkRules(template, context);
  const resources: RenderedResource[] = [];
  for (const logicalId of creationOrder(template)) {
    const resource = template.Resources[logicalId];
    if (resource.Condition !== undefined && !conditions[resource.Condition]) continue;
    resources.push({ logicalId, type: resource.Type, properties: evaluate(resource.Properties ?? {}, context) as Record<string, unknown> });
  }
  const outputs: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !conditions[output.Condition]) continue;
    outputs[name] = evaluate(output.Value, context);
  }
  return { parameters, conditions, resources, outputs, context };
}
