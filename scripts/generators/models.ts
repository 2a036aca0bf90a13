/**
 * Generates resource-type/model/models.ts from the schema, in the style of the CloudFormation
 * TypeScript plugin (one BaseModel class per object, @Expose/@Transform/@Type), so the
 * registry lib deserializes requests exactly as it would with `cfn generate`.
 */
import type { GeneratedFile, Generator } from './types';
import { SCHEMA, resolveRef, type PropertySchema, type ResourceSchema } from './schema-source';

export const MODELS_PATH = 'resource-type/model/models.ts';

/** Field names that would clash with JS/TS keywords or BaseModel members get a trailing `_`. */
const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'as',
  'implements',
  'interface',
  'let',
  'package',
  'private',
  'protected',
  'public',
  'static',
  'yield',
  'any',
  'boolean',
  'constructor',
  'declare',
  'get',
  'module',
  'require',
  'number',
  'set',
  'string',
  'symbol',
  'type',
  'from',
  'of',
  'value',
  'serialize',
  'deserialize',
  'toJSON',
  'getTypeName',
]);

/** TypeScript field name for a schema property name (PascalCase → camelCase, reserved → `name_`). */
export function fieldName(property: string): string {
  const camel = property.charAt(0).toLowerCase() + property.slice(1);
  return RESERVED.has(camel) ? `${camel}_` : camel;
}

/** How one property is declared: its TS type and either a sub-model or a transformValue wrapper. */
interface FieldType {
  readonly ts: string;
  /** Set when the value is (a container of) a generated model class. */
  readonly model?: string;
  readonly wrapper?: 'String' | 'Integer' | 'Boolean' | 'Number' | 'Object';
  /** Containers from the outside in: Array, Set, Map. */
  readonly containers: readonly string[];
}

interface ModelClass {
  readonly name: string;
  readonly schema: PropertySchema;
}

class ModelCollector {
  readonly classes: ModelClass[] = [];

  constructor(private readonly schema: ResourceSchema) {}

  addClass(name: string, schema: PropertySchema): void {
    if (this.classes.some((c) => c.name === name)) return;
    this.classes.push({ name, schema });
    for (const [property, sub] of Object.entries(schema.properties ?? {})) this.typeOf(property, sub);
  }

  typeOf(property: string, sub: PropertySchema): FieldType {
    if (sub.$ref) {
      const target = resolveRef(this.schema, sub.$ref);
      if (target.schema.properties) {
        this.addClass(target.name, target.schema);
        return { ts: target.name, model: target.name, containers: [] };
      }
      return this.typeOf(property, target.schema);
    }
    if (Array.isArray(sub.type)) return { ts: 'object', wrapper: 'Object', containers: [] };
    switch (sub.type) {
      case 'string':
        return { ts: 'string', wrapper: 'String', containers: [] };
      case 'integer':
        return { ts: 'integer', wrapper: 'Integer', containers: [] };
      case 'number':
        return { ts: 'number', wrapper: 'Number', containers: [] };
      case 'boolean':
        return { ts: 'boolean', wrapper: 'Boolean', containers: [] };
      case 'array': {
        const item = sub.items ? this.typeOf(property, sub.items) : { ts: 'object', wrapper: 'Object' as const, containers: [] };
        // class-transformer builds arrays for @Type fields, so model containers stay arrays.
        const isSet = sub.insertionOrder === false && sub.uniqueItems === true && !item.model;
        const container = isSet ? 'Set' : 'Array';
        return { ...item, ts: `${container}<${item.ts}>`, containers: [container, ...item.containers] };
      }
      case 'object':
        if (sub.properties) {
          this.addClass(property, sub);
          return { ts: property, model: property, containers: [] };
        }
        return { ts: 'Map<string, object>', wrapper: 'Object', containers: ['Map'] };
      default:
        return { ts: 'object', wrapper: 'Object', containers: [] };
    }
  }
}

function renderField(property: string, type: FieldType): string[] {
  const field = fieldName(property);
  const lines = [`    @Expose({ name: '${property}' })`];
  if (type.model) {
    lines.push(`    @Type(() => ${type.model})`);
  } else {
    lines.push(
      '    @Transform(',
      `        ({ value, obj }) => transformValue(${type.wrapper}, '${field}', value, obj, [${type.containers.join(', ')}]),`,
      '        { toClassOnly: true },',
      '    )',
    );
  }
  lines.push(`    ${field}?: Optional<${type.ts}>;`);
  return lines;
}

function identifierKey(pointer: string): string {
  return `IDENTIFIER_KEY_${pointer
    .replace(/^\/properties\//, '')
    .replace(/\//g, '_')
    .toUpperCase()}`;
}

function renderIdentifierMembers(schema: ResourceSchema): string[] {
  const identifiers = [schema.primaryIdentifier, ...(schema.additionalIdentifiers ?? [])];
  const keys = [...new Set(identifiers.flat())];
  const lines: string[] = [];
  for (const key of keys) {
    lines.push('    @Exclude()', `    protected readonly ${identifierKey(key)}: string = '${key}';`, '');
  }
  const identifierBody = (pointers: readonly string[], indent: string): string[] => [
    ...pointers.flatMap((p) => {
      const field = fieldName(p.replace(/^\/properties\//, '').split('/')[0]);
      return [`${indent}if (this.${field} != null) {`, `${indent}    identifier[this.${identifierKey(p)}] = this.${field};`, `${indent}}`];
    }),
  ];
  lines.push(
    '    @Exclude()',
    '    public getPrimaryIdentifier(): Dict | null {',
    '        const identifier: Dict = {};',
    ...identifierBody(schema.primaryIdentifier, '        '),
    '        // only return the identifier if it can be used, i.e. if all components are present',
    `        return Object.keys(identifier).length === ${schema.primaryIdentifier.length} ? identifier : null;`,
    '    }',
    '',
    '    @Exclude()',
    '    public getAdditionalIdentifiers(): Array<Dict> | null {',
    '        const identifiers: Array<Dict> = new Array<Dict>();',
  );
  for (const additional of schema.additionalIdentifiers ?? []) {
    lines.push(
      '        {',
      '            const identifier: Dict = {};',
      ...identifierBody(additional, '            '),
      `            if (Object.keys(identifier).length === ${additional.length}) identifiers.push(identifier);`,
      '        }',
    );
  }
  lines.push(
    '        // only return the identifiers if any can be used',
    '        return identifiers.length === 0 ? null : identifiers;',
    '    }',
  );
  return lines;
}

export function renderModels(schema: ResourceSchema = SCHEMA): string {
  const collector = new ModelCollector(schema);
  collector.addClass('ResourceModel', schema);
  const wrappers = new Set<string>();
  const body: string[] = [];
  for (const model of collector.classes) {
    const isResource = model.name === 'ResourceModel';
    body.push(`export class ${model.name} extends BaseModel {`);
    body.push('    @Exclude()', `    public static override readonly TYPE_NAME: string = '${schema.typeName}';`, '');
    if (isResource) body.push(...renderIdentifierMembers(schema), '');
    for (const [property, sub] of Object.entries(model.schema.properties ?? {})) {
      const type = collector.typeOf(property, sub);
      if (type.wrapper) wrappers.add(type.wrapper);
      body.push(...renderField(property, type), '');
    }
    if (body[body.length - 1] === '') body.pop();
    body.push('}', '');
  }
  body.push(
    'export class TypeConfigurationModel extends BaseModel {',
    '    @Exclude()',
    `    public static override readonly TYPE_NAME: string = '${schema.typeName}';`,
    '}',
    '',
  );

  const libImports = ['BaseModel', 'Dict', 'integer', 'Optional', 'transformValue'];
  if (wrappers.has('Integer')) libImports.push('Integer');
  libImports.sort((a, b) => a.localeCompare(b));
  return [
    '// Generated from schema/org-security-servicekmskeys.json by scripts/generators/models.ts — do not edit.',
    '// Run "npm run generate" after changing the schema; "npm run check:generated" fails when this file is stale.',
    '/* eslint-disable */',
    `import { ${libImports.join(', ')} } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';`,
    "import { Exclude, Expose, Transform, Type } from 'class-transformer';",
    '',
    ...body,
  ].join('\n');
}

export const modelsGenerator: Generator = {
  name: 'models',
  generate(): GeneratedFile[] {
    return [{ path: MODELS_PATH, content: renderModels() }];
  },
};
