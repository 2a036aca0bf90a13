import schemaJson from '../../schema/org-security-servicekmskeys.json';

/** The subset of JSON Schema keywords the generators read. */
export interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly $ref?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, PropertySchema>>;
  readonly items?: PropertySchema;
  readonly insertionOrder?: boolean;
  readonly uniqueItems?: boolean;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly [keyword: string]: unknown;
}

export interface HandlerSchema {
  readonly permissions: readonly string[];
  readonly timeoutInMinutes?: number;
}

export interface ResourceSchema extends PropertySchema {
  readonly typeName: string;
  readonly definitions?: Readonly<Record<string, PropertySchema>>;
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly primaryIdentifier: readonly string[];
  readonly additionalIdentifiers?: readonly (readonly string[])[];
  readonly readOnlyProperties?: readonly string[];
  readonly writeOnlyProperties?: readonly string[];
  readonly createOnlyProperties?: readonly string[];
  readonly handlers?: Readonly<Record<string, HandlerSchema>>;
  readonly tagging?: Readonly<Record<string, unknown>>;
}

/** The resource schema, bundled at build time so generators and tests need no path lookup. */
export const SCHEMA = schemaJson as unknown as ResourceSchema;

/** Path of the schema in the repository (for messages and doc links). */
export const SCHEMA_PATH = 'schema/org-security-servicekmskeys.json';

/** Resolves a local `#/definitions/X` reference to its name and schema. */
export function resolveRef(schema: ResourceSchema, ref: string): { name: string; schema: PropertySchema } {
  const match = /^#\/definitions\/([A-Za-z0-9]+)$/.exec(ref);
  const target = match ? schema.definitions?.[match[1]] : undefined;
  if (!match || !target) throw new Error(`${SCHEMA_PATH}: unresolvable $ref "${ref}"; only #/definitions/<Name> is supported.`);
  return { name: match[1], schema: target };
}
