import type { ResourceProperties } from '../../resource-type/core/types';
import { coerceProperties } from './coerce';
import type { RawProperties } from './protocol';

/** Protocol properties CloudFormation adds to ResourceProperties; they are not part of the key set. */
const PROTOCOL_PROPERTIES = ['ServiceToken', 'ServiceTimeout'] as const;

/** ResourceProperties as the schema's PascalCase JSON: protocol keys removed, scalars typed. */
export function keySetProperties(raw: RawProperties | undefined): ResourceProperties {
  const copy: Record<string, unknown> = { ...(raw ?? {}) };
  for (const name of PROTOCOL_PROPERTIES) delete copy[name];
  return coerceProperties(copy);
}
