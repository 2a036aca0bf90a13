import schemaJson from '../../schema/org-security-servicekmskeys.json';

/**
 * CloudFormation hands custom resources every scalar as a string ("true", "365"). This walks the
 * values alongside the resource schema and turns strings back into the boolean / integer / number
 * the schema declares. A string that does not parse is left untouched so the validator rejects it
 * with exactly the message the registry type gives. Free-form values (key policies, conditions,
 * principals) are passed through as they are: IAM accepts string condition values.
 */

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
}

interface RootSchema extends SchemaNode {
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

const SCHEMA = schemaJson as unknown as RootSchema;

function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/definitions/', '');
  return SCHEMA.definitions[name] ?? {};
}

function scalarFrom(text: string, type: string): unknown {
  switch (type) {
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      return text;
    case 'integer':
      return /^-?[0-9]{1,15}$/.test(text.trim()) ? Number(text.trim()) : text;
    case 'number': {
      const trimmed = text.trim();
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
    }
    default:
      return text;
  }
}

function coerceValue(value: unknown, node: SchemaNode): unknown {
  const schema = resolve(node);
  // Union types (object|string, string|array) are free-form: keep the value as given.
  if (typeof schema.type !== 'string') return value;
  if (typeof value === 'string') return scalarFrom(value, schema.type);
  if (schema.type === 'array' && Array.isArray(value) && schema.items) {
    const items = schema.items;
    return value.map((item) => coerceValue(item, items));
  }
  if (schema.type === 'object' && schema.properties && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return coerceObject(value as Record<string, unknown>, schema.properties);
  }
  return value;
}

function coerceObject(value: Record<string, unknown>, properties: Readonly<Record<string, SchemaNode>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const node = properties[name];
    // Unknown properties stay as they are; the validator reports them.
    out[name] = node ? coerceValue(item, node) : item;
  }
  return out;
}

/** Resource properties with string scalars converted to the schema's types (input not modified). */
export function coerceProperties(properties: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return coerceObject({ ...properties }, SCHEMA.properties ?? {});
}
