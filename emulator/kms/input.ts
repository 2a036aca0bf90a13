import { constraint } from '../errors';
import type { Json } from './context';

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** Reads a string member with KMS's shape constraints (violations are ValidationException, as in AWS). */
export function str(input: Json, name: string, rule: StringRule & { required: true }): string;
export function str(input: Json, name: string, rule?: StringRule): string | undefined;
export function str(input: Json, name: string, rule: StringRule = {}): string | undefined {
  const field = name.charAt(0).toLowerCase() + name.slice(1);
  const value = input[name];
  if (value === undefined || value === null) {
    if (rule.required) throw constraint(field, null, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') throw constraint(field, value, 'Member must be a string');
  if (rule.min !== undefined && value.length < rule.min)
    throw constraint(field, value, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value.length > rule.max)
    throw constraint(field, value, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value))
    throw constraint(field, value, `Member must satisfy regular expression pattern: ${rule.pattern.source}`);
  return value;
}

export function int(input: Json, name: string, rule: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
  const field = name.charAt(0).toLowerCase() + name.slice(1);
  const value = input[name];
  if (value === undefined || value === null) {
    if (rule.required) throw constraint(field, null, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) throw constraint(field, value, 'Member must be an integer');
  if (rule.min !== undefined && value < rule.min)
    throw constraint(field, value, `Member must have value greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value > rule.max)
    throw constraint(field, value, `Member must have value less than or equal to ${rule.max}`);
  return value;
}

export function bool(input: Json, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw constraint(name.charAt(0).toLowerCase() + name.slice(1), value, 'Member must be a boolean');
  return value;
}

export function oneOf<T extends string>(input: Json, name: string, allowed: readonly T[]): T | undefined {
  const value = str(input, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw constraint(name.charAt(0).toLowerCase() + name.slice(1), value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return value as T;
}

export function list(input: Json, name: string, rule: { min?: number; max?: number } = {}): unknown[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const field = name.charAt(0).toLowerCase() + name.slice(1);
  if (!Array.isArray(value)) throw constraint(field, value, 'Member must be a list');
  if (rule.min !== undefined && value.length < rule.min)
    throw constraint(field, `[${value.length} items]`, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value.length > rule.max)
    throw constraint(field, `[${value.length} items]`, `Member must have length less than or equal to ${rule.max}`);
  return value;
}

export const KEY_ID_RULE = { required: true, min: 1, max: 2048 } as const;
