/**
 * Generates docs/resource.md, the user reference of the resource type, from the schema:
 * syntax, every property (type, default, constraints, required, update behaviour) and the
 * Fn::GetAtt attributes.
 */
import type { GeneratedFile, Generator } from './types';
import { SCHEMA, SCHEMA_PATH, resolveRef, type PropertySchema, type ResourceSchema } from './schema-source';
import { UPDATE_BEHAVIOUR } from './update-behaviour';

export const RESOURCE_DOC_PATH = 'docs/resource.md';

function pointerSet(pointers: readonly string[] | undefined): Set<string> {
  return new Set(pointers ?? []);
}

/** Markdown-safe single-line cell text. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function typeName(schema: ResourceSchema, sub: PropertySchema): string {
  if (sub.$ref) {
    const target = resolveRef(schema, sub.$ref);
    return target.schema.properties ? `[${target.name}](#${target.name.toLowerCase()})` : typeName(schema, target.schema);
  }
  if (Array.isArray(sub.type)) return sub.type.join(' or ');
  if (sub.type === 'array') return `list of ${sub.items ? typeName(schema, sub.items) : 'values'}`;
  if (sub.type === 'object' && !sub.properties) return 'object (free-form)';
  return String(sub.type ?? 'any');
}

function constraints(sub: PropertySchema): string[] {
  const out: string[] = [];
  if (sub.enum) out.push(`Allowed values: ${sub.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (sub.pattern) out.push(`Pattern: \`${sub.pattern}\``);
  if (sub.minLength !== undefined || sub.maxLength !== undefined) out.push(`Length: ${sub.minLength ?? 0}-${sub.maxLength ?? 'unbounded'}`);
  if (sub.minimum !== undefined || sub.maximum !== undefined)
    out.push(`Range: ${sub.minimum ?? 'unbounded'}-${sub.maximum ?? 'unbounded'}`);
  if (sub.minItems !== undefined || sub.maxItems !== undefined) out.push(`Items: ${sub.minItems ?? 0}-${sub.maxItems ?? 'unbounded'}`);
  if (sub.uniqueItems) out.push('Items must be unique');
  if (sub.insertionOrder === false) out.push('Order is not significant');
  if (sub.items && !sub.items.$ref) out.push(...constraints(sub.items).map((c) => `Each item: ${c}`));
  return out;
}

function propertySection(
  schema: ResourceSchema,
  name: string,
  sub: PropertySchema,
  required: boolean,
  updateBehaviour: string,
  heading: string,
): string[] {
  const lines = [`${heading} ${name}`, '', sub.description ?? '', ''];
  lines.push(`- Required: ${required ? 'Yes' : 'No'}`);
  lines.push(`- Type: ${typeName(schema, sub)}`);
  if (sub.default !== undefined) lines.push(`- Default: \`${JSON.stringify(sub.default)}\``);
  for (const c of constraints(sub)) lines.push(`- ${c}`);
  lines.push(`- Update requires: ${updateBehaviour}`);
  lines.push('');
  return lines;
}

/** Names of the definitions reachable through `$ref` from `roots` (items and nested properties included). */
function referencedDefinitions(schema: ResourceSchema, roots: readonly PropertySchema[]): string[] {
  const seen = new Set<string>();
  const visit = (sub: PropertySchema | undefined): void => {
    if (!sub) return;
    if (sub.$ref) {
      const { name, schema: target } = resolveRef(schema, sub.$ref);
      if (seen.has(name)) return;
      seen.add(name);
      visit(target);
    }
    visit(sub.items);
    for (const child of Object.values(sub.properties ?? {})) visit(child);
  };
  roots.forEach(visit);
  return Object.keys(schema.definitions ?? {}).filter((name) => seen.has(name));
}

/** Definitions used by writable properties: documented field by field, with update behaviour. */
export function writableDefinitions(schema: ResourceSchema = SCHEMA): string[] {
  const readOnly = pointerSet(schema.readOnlyProperties);
  return referencedDefinitions(
    schema,
    Object.entries(schema.properties)
      .filter(([name]) => !readOnly.has(`/properties/${name}`))
      .map(([, sub]) => sub),
  );
}

/**
 * The update behaviour of `key` (`Property` or `Definition.Property`); a writable property without
 * one is a generator error, so the reference can never silently omit it.
 */
function updateBehaviourOf(key: string, behaviour: Readonly<Record<string, string>>): string {
  const text = behaviour[key];
  if (!text) {
    throw new Error(`${SCHEMA_PATH}: property ${key} has no update behaviour; add it to scripts/generators/update-behaviour.ts.`);
  }
  return text;
}

/** Every key of UPDATE_BEHAVIOUR must name a writable property (no stale entries). */
function checkNoStaleEntries(schema: ResourceSchema, behaviour: Readonly<Record<string, string>>): void {
  const readOnly = pointerSet(schema.readOnlyProperties);
  const known = new Set(Object.keys(schema.properties).filter((name) => !readOnly.has(`/properties/${name}`)));
  for (const definition of writableDefinitions(schema)) {
    for (const name of Object.keys(schema.definitions?.[definition]?.properties ?? {})) known.add(`${definition}.${name}`);
  }
  const stale = Object.keys(behaviour).filter((key) => !known.has(key));
  if (stale.length > 0)
    throw new Error(`scripts/generators/update-behaviour.ts: ${stale.join(', ')} name no writable property of ${SCHEMA_PATH}.`);
}

function example(schema: ResourceSchema): string[] {
  const readOnly = pointerSet(schema.readOnlyProperties);
  const json: Record<string, string> = {};
  const yaml: string[] = [];
  for (const [name, sub] of Object.entries(schema.properties)) {
    if (readOnly.has(`/properties/${name}`)) continue;
    const placeholder =
      sub.type === 'array'
        ? `[ ${typeName(schema, sub.items ?? {}).replace(/\[|\]\(.*\)/g, '')}, ... ]`
        : typeName(schema, sub).replace(/\[|\]\(.*\)/g, '');
    json[name] = placeholder;
    yaml.push(`    ${name}: ${placeholder}`);
  }
  return [
    '### JSON',
    '',
    '```json',
    JSON.stringify({ Type: schema.typeName, Properties: json }, null, 2),
    '```',
    '',
    '### YAML',
    '',
    '```yaml',
    `Type: ${schema.typeName}`,
    'Properties:',
    ...yaml,
    '```',
    '',
  ];
}

function attributes(schema: ResourceSchema): string[] {
  const lines = [
    '## Return values',
    '',
    '### Ref',
    '',
    `\`Ref\` returns the primary identifier: ${schema.primaryIdentifier.map((p) => `\`${p.replace('/properties/', '')}\``).join(', ')}.`,
    '',
  ];
  lines.push('### Fn::GetAtt', '', '| Attribute | Description |', '| --- | --- |');
  const walk = (path: string, sub: PropertySchema): void => {
    const resolved = sub.$ref ? resolveRef(schema, sub.$ref).schema : sub;
    if (resolved.type === 'object' && resolved.properties) {
      for (const [name, child] of Object.entries(resolved.properties)) walk(`${path}.${name}`, child);
      return;
    }
    lines.push(`| \`${path}\` | ${cell(resolved.description ?? sub.description ?? '')} |`);
  };
  for (const pointer of schema.readOnlyProperties ?? []) {
    const name = pointer.replace('/properties/', '');
    const sub = schema.properties[name];
    if (sub) walk(name, sub);
  }
  lines.push('');
  return lines;
}

export function renderResourceDoc(schema: ResourceSchema = SCHEMA, behaviour: Readonly<Record<string, string>> = UPDATE_BEHAVIOUR): string {
  checkNoStaleEntries(schema, behaviour);
  const readOnly = pointerSet(schema.readOnlyProperties);
  const writeOnly = pointerSet(schema.writeOnlyProperties);
  const required = new Set(schema.required ?? []);
  const lines = [
    '<!-- Generated from schema/org-security-servicekmskeys.json by scripts/generators/resource-doc.ts — do not edit. -->',
    `# ${schema.typeName}`,
    '',
    schema.description ?? '',
    '',
    '## Syntax',
    '',
    ...example(schema),
    '## Properties',
    '',
  ];
  for (const [name, sub] of Object.entries(schema.properties)) {
    const pointer = `/properties/${name}`;
    if (readOnly.has(pointer)) continue;
    const update = updateBehaviourOf(name, behaviour);
    const createOnly = pointerSet(schema.createOnlyProperties).has(pointer);
    if (createOnly !== update.startsWith('Replacement')) {
      throw new Error(
        `${SCHEMA_PATH}: ${name} is ${createOnly ? '' : 'not '}createOnly, so its update behaviour must ${createOnly ? '' : 'not '}start with "Replacement".`,
      );
    }
    lines.push(...propertySection(schema, name, sub, required.has(name), update, '###'));
    if (writeOnly.has(pointer)) lines.splice(lines.length - 1, 0, '- Write-only: not returned by read or `Fn::GetAtt`.');
  }
  lines.push(...attributes(schema));
  lines.push(
    '## Definitions',
    '',
    'Nested types of the writable properties, field by field. The per-service attribute objects (KeyArns, KeyIds, AliasNames) are read-only and listed under Fn::GetAtt above.',
    '',
  );
  for (const definition of writableDefinitions(schema)) {
    const sub = schema.definitions![definition]!;
    lines.push(`### ${definition}`, '', sub.description ?? '', '');
    const inner = new Set(sub.required ?? []);
    for (const [name, child] of Object.entries(sub.properties ?? {})) {
      lines.push(...propertySection(schema, name, child, inner.has(name), updateBehaviourOf(`${definition}.${name}`, behaviour), '####'));
    }
  }
  lines.push('## Handler permissions', '', '| Handler | Timeout (minutes) | Permissions |', '| --- | --- | --- |');
  for (const [handler, spec] of Object.entries(schema.handlers ?? {})) {
    lines.push(`| ${handler} | ${spec.timeoutInMinutes ?? 'default (120)'} | ${spec.permissions.map((p) => `\`${p}\``).join(', ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}

export const resourceDocGenerator: Generator = {
  name: 'resource-doc',
  generate(): GeneratedFile[] {
    return [{ path: RESOURCE_DOC_PATH, content: renderResourceDoc() }];
  },
};
