/**
 * Converts between the generated models (camelCase fields holding Map, Set and bigint values)
 * and the plain PascalCase JSON the core works on (objects, arrays, numbers; no nulls).
 */
import type { BaseModel } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import type { ResourceProperties } from '../core/types';
import { ResourceModel } from './models';

/** Deep copy of JSON-like data: Map → object, Set → array, bigint → number, null/undefined dropped. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Map) return toPlain(Object.fromEntries(value));
  if (value instanceof Set) return toPlain([...value]);
  if (Array.isArray(value)) return value.map(toPlain).filter((item) => item !== undefined);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const plain = toPlain(item);
      if (plain !== undefined) out[key] = plain;
    }
    return out;
  }
  return value;
}

/** A model as plain PascalCase properties (the schema's shape). An absent model gives `{}`. */
export function modelToProperties(model: BaseModel | null | undefined): ResourceProperties {
  if (!model) return {};
  return (toPlain(model.serialize()) ?? {}) as ResourceProperties;
}

/** Plain PascalCase properties as a fresh ResourceModel (strings recast, input never shared). */
export function propertiesToModel(properties: ResourceProperties): ResourceModel {
  return ResourceModel.deserialize(toPlain(properties) as Record<string, unknown>);
}
