/**
 * Test helpers: the CloudFormation meta-schema validators (ajv, as ../shared/cfn-meta-schema/README.md
 * describes) and the extra checks `cfn validate` makes (contract-tests.md §8), which CI treats as errors.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** In CI the repository is cloned elsewhere with a copy of shared/ beside it. */
export const META_SCHEMA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'cfn-meta-schema');
export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema', 'org-security-servicekmskeys.json');

type Json = Record<string, unknown>;

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
}

export function loadSchema(): Json {
  return readJson(SCHEMA_FILE);
}

/** The meta-schema validator `cfn validate` uses (errors). */
export function metaSchemaValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(readJson(path.join(META_SCHEMA_DIR, 'base.definition.schema.v1.json')));
  ajv.addSchema(readJson(path.join(META_SCHEMA_DIR, 'provider.configuration.definition.schema.v1.json')));
  return ajv.compile(readJson(path.join(META_SCHEMA_DIR, 'provider.definition.schema.v1.json')));
}

/** The stricter validator (`cfn validate` warns "would fail from next major version"): additionalProperties required. */
export function strictMetaSchemaValidator(): ValidateFunction {
  const base = readJson(path.join(META_SCHEMA_DIR, 'base.definition.schema.v1.json'));
  const validations = (base.definitions as Json).validations as Json;
  validations.dependencies = {
    ...(validations.dependencies as Json),
    properties: { not: { required: ['patternProperties'] }, required: ['additionalProperties'] },
    patternProperties: { not: { required: ['properties'] }, required: ['additionalProperties'] },
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(base);
  ajv.addSchema(readJson(path.join(META_SCHEMA_DIR, 'provider.configuration.definition.schema.v1.json')));
  return ajv.compile(readJson(path.join(META_SCHEMA_DIR, 'provider.definition.schema.v1.json')));
}

/** `json.dumps(schema)` with Python's default separators and ensure_ascii, as cfn measures the size. */
export function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string')
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(value);
}

const KEYWORDS_BY_TYPE: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['minItems', 'maxItems', 'uniqueItems', 'items', 'insertionOrder', 'arrayType', 'contains'],
  object: ['properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties'],
};
const LIST_PARAMETER_NAMES = new Set(['MaxResults', 'NextToken', 'PageToken', 'MaxItems', 'Marker', 'Limit', 'PageSize']);
export const MAX_SCHEMA_BYTES = 60 * 1024;

interface Visit {
  readonly where: string;
  readonly schema: Json;
}

/** Every sub-schema (definitions, properties, items), each once; `$ref`s are checked to resolve. */
function walk(schema: Json, problems: string[]): Visit[] {
  const visits: Visit[] = [];
  const definitions = (schema.definitions ?? {}) as Record<string, Json>;
  const visitNode = (where: string, node: Json): void => {
    visits.push({ where, schema: node });
    if (typeof node.$ref === 'string') {
      const match = /^#\/definitions\/(.+)$/.exec(node.$ref);
      if (!match || !definitions[match[1]]) problems.push(`${where}: $ref ${node.$ref} does not resolve`);
    }
    for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
      visitNode(`${where}/properties/${name}`, child);
    }
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) visitNode(`${where}/items`, node.items as Json);
  };
  for (const [name, definition] of Object.entries(definitions)) visitNode(`#/definitions/${name}`, definition);
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>))
    visitNode(`#/properties/${name}`, property);
  return visits;
}

function typesOf(node: Json): string[] {
  if (Array.isArray(node.type)) return node.type as string[];
  return typeof node.type === 'string' ? [node.type] : [];
}

/** The checks `cfn validate` makes beyond the meta-schema; returns one sentence per problem. */
export function cfnValidateProblems(schema: Json, rawText: string = JSON.stringify(schema)): string[] {
  const problems: string[] = [];
  const pointers = (key: string) => new Set((schema[key] ?? []) as string[]);
  const readOnly = pointers('readOnlyProperties');
  const createOnly = pointers('createOnlyProperties');
  const writeOnly = pointers('writeOnlyProperties');
  const required = new Set(((schema.required ?? []) as string[]).map((name) => `/properties/${name}`));
  const topProperties = (schema.properties ?? {}) as Record<string, Json>;

  const size = Buffer.byteLength(pythonJsonDumps(schema));
  if (size > MAX_SCHEMA_BYTES) problems.push(`schema is ${size} bytes; the limit is ${MAX_SCHEMA_BYTES}`);
  if (!/^[\x00-\x7f]*$/.test(rawText)) problems.push('schema contains non-ASCII characters');
  if ('remote' in schema) problems.push('top-level "remote" is reserved');

  for (const pointer of (schema.primaryIdentifier ?? []) as string[]) {
    if (!readOnly.has(pointer) && !createOnly.has(pointer))
      problems.push(`primaryIdentifier ${pointer} is neither readOnly nor createOnly`);
  }
  for (const pointer of readOnly) {
    if (createOnly.has(pointer)) problems.push(`${pointer} is both readOnly and createOnly`);
    if (writeOnly.has(pointer)) problems.push(`${pointer} is both readOnly and writeOnly`);
    if (required.has(pointer)) problems.push(`${pointer} is both readOnly and required`);
  }
  for (const pointer of pointers('conditionalCreateOnlyProperties')) {
    if (createOnly.has(pointer) || readOnly.has(pointer)) problems.push(`conditionalCreateOnly ${pointer} overlaps createOnly/readOnly`);
  }
  for (const key of ['readOnlyProperties', 'createOnlyProperties', 'writeOnlyProperties', 'primaryIdentifier']) {
    for (const pointer of pointers(key)) {
      const name = /^\/properties\/([^/]+)/.exec(pointer)?.[1];
      if (!name || !topProperties[name]) problems.push(`${key} entry ${pointer} names no property`);
    }
  }
  for (const name of Object.keys(topProperties)) {
    if (LIST_PARAMETER_NAMES.has(name)) problems.push(`top-level property ${name} is named like a list parameter`);
  }

  const tagging = schema.tagging as Json | undefined;
  if (!tagging) problems.push('no tagging block');
  else if (tagging.taggable) {
    const tagProperty = String(tagging.tagProperty ?? '/properties/Tags').replace('/properties/', '');
    if (!topProperties[tagProperty]) problems.push(`tagging.tagProperty names no property (${tagProperty})`);
  }

  const permissions = [
    ...Object.values((schema.handlers ?? {}) as Record<string, Json>).flatMap((h) => (h.permissions ?? []) as string[]),
    ...(((tagging?.permissions ?? []) as string[]) ?? []),
  ];
  for (const permission of permissions) {
    if (permission.includes('*')) problems.push(`permission ${permission} contains *`);
    if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(permission)) problems.push(`permission ${permission} is not service:Action`);
  }

  for (const { where, schema: node } of walk(schema, problems)) {
    for (const name of Object.keys((node.properties ?? {}) as Json)) {
      if (/^[a-z]/.test(name)) problems.push(`${where}: property ${name} starts with a lowercase letter`);
    }
    const types = typesOf(node);
    if (types.includes('array') && !('insertionOrder' in node)) problems.push(`${where}: array without explicit insertionOrder`);
    if ((node.properties || node.patternProperties) && node.additionalProperties !== false) {
      problems.push(`${where}: object without additionalProperties: false`);
    }
    if (typeof node.pattern === 'string') {
      if (node.pattern.includes('arn:aws:')) problems.push(`${where}: pattern hard-codes the partition (arn:aws:)`);
      try {
        new RegExp(node.pattern);
      } catch {
        problems.push(`${where}: pattern does not compile`);
      }
    }
    if (Array.isArray(node.enum) && node.enum.length > 15) problems.push(`${where}: enum has ${node.enum.length} values (more than 15)`);
    if ('arrayType' in node && !types.includes('array')) problems.push(`${where}: arrayType on a non-array`);
    if (types.length > 0) {
      for (const [type, keywords] of Object.entries(KEYWORDS_BY_TYPE)) {
        if (types.includes(type)) continue;
        for (const keyword of keywords) {
          const allowedElsewhere = types.some((t) => KEYWORDS_BY_TYPE[t]?.includes(keyword));
          if (keyword in node && !allowedElsewhere) problems.push(`${where}: ${keyword} does not apply to type ${types.join('|')}`);
        }
      }
    }
    if (!node.$ref && typeof node.description !== 'string' && !where.endsWith('/items')) problems.push(`${where}: no description`);
  }
  return [...new Set(problems)];
}
