/**
 * Checks of Org::Security::ServiceKmsKeys usages against our schema: ajv on the raw Properties with intrinsic
 * functions accepted where a value is computed (every Fn::If branch combination), Ref types against the schema
 * (list parameters only where arrays go), readOnly properties never set, GetAtt paths that exist.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { isListParameterType } from '../../../cli/cloudformation/evaluator';
import { SCHEMA_PATH } from './template-files';
import type { CfnTemplate } from '../../../cli/cloudformation/yaml';

export const TYPE_NAME = 'Org::Security::ServiceKmsKeys';

type JsonSchema = Record<string, unknown>;
export const SCHEMA = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JsonSchema & {
  properties: Record<string, JsonSchema>;
  definitions: Record<string, JsonSchema>;
  readOnlyProperties: string[];
  handlers: Record<string, { permissions: string[]; timeoutInMinutes?: number }>;
};

/** Intrinsic functions that compute a value (Fn::If is expanded before validation). */
const VALUE_FUNCTIONS = [
  'Ref',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::ImportValue',
  'Fn::Base64',
];

function relax(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relax);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === 'definitions') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, relax(v)]));
    } else if (key === 'items') out[key] = relax(value);
    else out[key] = value;
  }
  return { anyOf: [out, { $ref: '#/definitions/__Intrinsic' }] };
}

/** Our schema where any subvalue may instead be a value-computing intrinsic function. */
function relaxedSchema(): JsonSchema {
  const { handlers: _h, tagging: _t, definitions: _d, ...rest } = SCHEMA as JsonSchema;
  const relaxedRoot = (relax(rest) as { anyOf: [JsonSchema] }).anyOf[0];
  const definitions = Object.fromEntries(Object.entries(SCHEMA.definitions).map(([k, v]) => [k, relax(v)]));
  definitions.__Intrinsic = {
    type: 'object',
    minProperties: 1,
    maxProperties: 1,
    propertyNames: { enum: VALUE_FUNCTIONS },
  };
  return { ...relaxedRoot, definitions };
}

function newAjv(): Ajv {
  return new Ajv({ strict: false, allErrors: true, validateFormats: false });
}

let strictValidator: ValidateFunction | undefined;
let relaxedValidator: ValidateFunction | undefined;

/** ajv against the schema as published (rendered values). */
export function validateStrict(properties: unknown): string[] {
  strictValidator ??= newAjv().compile(SCHEMA);
  return strictValidator(properties) ? [] : (strictValidator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** ajv against the schema with intrinsic functions accepted for computed values. */
export function validateRelaxed(properties: unknown): string[] {
  relaxedValidator ??= newAjv().compile(relaxedSchema());
  if (relaxedValidator(properties)) return [];
  // anyOf reports every branch; keep the ones from the real schema branch, they say what is wrong.
  return (relaxedValidator.errors ?? [])
    .filter((e) => !e.schemaPath.includes('__Intrinsic') && e.keyword !== 'anyOf')
    .map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** Condition names used by Fn::If inside a value. */
export function ifConditions(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => ifConditions(v, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Fn::If') found.add(String((v as unknown[])[0]));
      ifConditions(v, found);
    }
  }
  return found;
}

const NO_VALUE = Symbol('NoValue');

/** Replaces each Fn::If by the branch the assignment selects, dropping AWS::NoValue. */
export function chooseBranches(value: unknown, assignment: Record<string, boolean>): unknown {
  const pick = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(pick).filter((x) => x !== NO_VALUE);
    if (typeof v !== 'object' || v === null) return v;
    const entries = Object.entries(v);
    if (entries.length === 1 && entries[0][0] === 'Ref' && entries[0][1] === 'AWS::NoValue') return NO_VALUE;
    if (entries.length === 1 && entries[0][0] === 'Fn::If') {
      const [name, whenTrue, whenFalse] = entries[0][1] as [string, unknown, unknown];
      return pick(assignment[name] ? whenTrue : whenFalse);
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of entries) {
      const picked = pick(x);
      if (picked !== NO_VALUE) out[k] = picked;
    }
    return out;
  };
  return pick(value);
}

/** Every true/false assignment of the given condition names. */
export function assignments(names: string[]): Array<Record<string, boolean>> {
  if (names.length > 12) throw new Error(`Too many conditions (${names.length}) to enumerate; split the resource.`);
  const all: Array<Record<string, boolean>> = [];
  for (let bits = 0; bits < 1 << names.length; bits++) {
    all.push(Object.fromEntries(names.map((n, i) => [n, (bits & (1 << i)) !== 0])));
  }
  return all;
}

function resolveRef(node: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const name = ref.replace('#/definitions/', '');
  return SCHEMA.definitions[name];
}

/**
 * Walks data and schema together and reports Refs to parameters whose kind does not fit: a list parameter where
 * the schema expects a scalar, or a scalar parameter where it expects an array.
 */
export function refKindProblems(data: unknown, schemaNode: JsonSchema, template: CfnTemplate, at = ''): string[] {
  const node = resolveRef(schemaNode);
  const problems: string[] = [];
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const entries = Object.entries(data);
    if (entries.length === 1 && entries[0][0] === 'Ref') {
      const param = template.Parameters?.[String(entries[0][1])];
      if (param) {
        const wantsArray = node.type === 'array';
        if (wantsArray !== isListParameterType(param.Type)) {
          problems.push(
            `${at || '/'}: Ref ${String(entries[0][1])} is a ${param.Type} parameter but the schema expects ${String(node.type)}`,
          );
        }
      }
      return problems;
    }
    const props = (node.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, value] of entries) {
      if (props[key]) problems.push(...refKindProblems(value, props[key], template, `${at}/${key}`));
    }
  } else if (Array.isArray(data) && node.items) {
    data.forEach((item, i) => problems.push(...refKindProblems(item, node.items as JsonSchema, template, `${at}/${i}`)));
  }
  return problems;
}

/** Whether a dotted GetAtt attribute (e.g. Keys.KeyArns.S3) is a property path of the schema. */
export function isSchemaPath(attribute: string): boolean {
  let node: JsonSchema = { properties: SCHEMA.properties };
  for (const part of attribute.split('.')) {
    node = resolveRef(node);
    const props = node.properties as Record<string, JsonSchema> | undefined;
    if (!props || !props[part]) return false;
    node = props[part];
  }
  return true;
}

/** Top-level property names that are readOnly in the schema. */
export const READ_ONLY_TOP_LEVEL = SCHEMA.readOnlyProperties.map((p) => p.replace('/properties/', '').split('/')[0]);
