/**
 * Generates docs/resource.md, the user reference of the resource type, from the schema:
 * syntax, every property (type, default, constraints, required, update behaviour) and the
 * Fn::GetAtt attributes.
 */
import type { GeneratedFile, Generator } from './types';
import { SCHEMA, resolveRef, type PropertySchema, type ResourceSchema } from './schema-source';

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
  updateBehaviour: string | undefined,
  heading: string,
): string[] {
  const lines = [`${heading} ${name}`, '', sub.description ?? '', ''];
  lines.push(`- Required: ${required ? 'Yes' : 'No'}`);
  lines.push(`- Type: ${typeName(schema, sub)}`);
  if (sub.default !== undefined) lines.push(`- Default: \`${JSON.stringify(sub.default)}\``);
  for (const c of constraints(sub)) lines.push(`- ${c}`);
  if (updateBehaviour) lines.push(`- Update requires: ${updateBehaviour}`);
  lines.push('');
  return lines;
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

export function renderResourceDoc(schema: ResourceSchema = SCHEMA): string {
  const createOnly = pointerSet(schema.createOnlyProperties);
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
    const update = createOnly.has(pointer) ? 'Replacement' : 'No interruption (updated in place)';
    lines.push(...propertySection(schema, name, sub, required.has(name), update, '###'));
    if (writeOnly.has(pointer)) lines.splice(lines.length - 1, 0, '- Write-only: not returned by read or `Fn::GetAtt`.');
  }
  lines.push(...attributes(schema));
  lines.push('## Definitions', '');
  for (const [definition, sub] of Object.entries(schema.definitions ?? {})) {
    lines.push(`### ${definition}`, '', sub.description ?? '', '');
    const inner = new Set(sub.required ?? []);
    for (const [name, child] of Object.entries(sub.properties ?? {})) {
      lines.push(...propertySection(schema, name, child, inner.has(name), undefined, '####'));
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
