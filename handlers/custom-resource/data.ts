/**
 * `Data` of a successful response: per-service attributes for Fn::GetAtt, flat and compact because
 * the whole response must fit in 4,096 bytes. Attribute names use the schema's service names
 * (those of Keys.KeyArns in the registry type): `S3.KeyArn`, `S3.KeyId`, `S3.AliasName`,
 * `DynamoDb.KeyArn`, `SecretsManager.KeyId`, ...
 */

/** Attribute suffix per Keys map of the operation's result, in the order they are given up when space runs out. */
export const ATTRIBUTES = [
  { suffix: 'AliasName', keysMap: 'AliasNames' },
  { suffix: 'KeyId', keysMap: 'KeyIds' },
  { suffix: 'KeyArn', keysMap: 'KeyArns' },
] as const;

export type AttributeSuffix = (typeof ATTRIBUTES)[number]['suffix'];

function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) if (typeof item === 'string') out[name] = item;
  return out;
}

/** Flat Data from the `Keys` property the operations return ({KeyArns, KeyIds, AliasNames} by service name). */
export function keySetData(keys: unknown): Record<string, string> {
  const source = keys !== null && typeof keys === 'object' ? (keys as Record<string, unknown>) : {};
  const data: Record<string, string> = {};
  const services = new Set<string>();
  for (const { keysMap } of ATTRIBUTES) for (const name of Object.keys(stringMap(source[keysMap]))) services.add(name);
  for (const service of [...services].sort()) {
    // Arn first: it is what most templates reference.
    for (const { suffix, keysMap } of [...ATTRIBUTES].reverse()) {
      const value = stringMap(source[keysMap])[service];
      if (value !== undefined) data[`${service}.${suffix}`] = value;
    }
  }
  return data;
}

/** Data without the attributes of one kind (used to shrink a response that is too large). */
export function withoutAttribute(data: Readonly<Record<string, string>>, suffix: AttributeSuffix): Record<string, string> {
  return Object.fromEntries(Object.entries(data).filter(([name]) => !name.endsWith(`.${suffix}`)));
}
