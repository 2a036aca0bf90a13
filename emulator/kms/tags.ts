import { tagError } from '../errors';
import { findKey, type Operation } from './ops-common';
import { list, str, KEY_ID_RULE } from './input';
import { paginate } from './pagination';
import { requireState } from './states';
import type { Json } from './context';

export const MAX_TAGS_PER_KEY = 50;

/** Validates a Tags list (TagException for every tag rule) and returns it as ordered entries. */
export function parseTags(input: Json): Array<[string, string]> {
  const raw = list(input, 'Tags') ?? [];
  const seen = new Set<string>();
  const result: Array<[string, string]> = [];
  for (const item of raw) {
    const tag = (item ?? {}) as Json;
    const key = tag.TagKey;
    const value = tag.TagValue;
    if (typeof key !== 'string' || key.length < 1 || key.length > 128)
      throw tagError(`Tag key ${JSON.stringify(key)} is not valid: a tag key must be 1-128 characters.`);
    if (typeof value !== 'string' || value.length > 256)
      throw tagError(`Tag value for key "${key}" is not valid: a tag value must be a string of 0-256 characters.`);
    if (key.toLowerCase().startsWith('aws:')) throw tagError(`Tag key "${key}" uses the reserved prefix "aws:".`);
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(key) || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value))
      throw tagError(`Tag "${key}" contains characters that are not allowed in tags (letters, digits, spaces and _.:/=+-@).`);
    if (seen.has(key)) throw tagError(`Tag key "${key}" appears more than once in the request; tag keys must be unique.`);
    seen.add(key);
    result.push([key, value]);
  }
  if (result.length > MAX_TAGS_PER_KEY)
    throw tagError(`The request has ${result.length} tags; a KMS key can have at most ${MAX_TAGS_PER_KEY}.`);
  return result;
}

export const TagResource: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  if (input.Tags === undefined) str(input, 'Tags', { required: true });
  const tags = parseTags(input);
  engine.authorize(ctx, 'kms:TagResource', key);
  requireState(key, 'TagResource');
  const merged = new Map(key.tags);
  for (const [k, v] of tags) merged.set(k, v);
  if (merged.size > MAX_TAGS_PER_KEY)
    throw tagError(`Tagging would give ${key.arn} ${merged.size} tags; a KMS key can have at most ${MAX_TAGS_PER_KEY}.`);
  key.tags = merged;
  return {};
};

export const UntagResource: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  const keys = list(input, 'TagKeys') ?? str(input, 'TagKeys', { required: true });
  for (const k of keys as unknown[]) {
    if (typeof k !== 'string' || k.length < 1 || k.length > 128)
      throw tagError(`Tag key ${JSON.stringify(k)} is not valid: a tag key must be 1-128 characters.`);
    if (k.toLowerCase().startsWith('aws:')) throw tagError(`Tag key "${k}" uses the reserved prefix "aws:".`);
  }
  engine.authorize(ctx, 'kms:UntagResource', key);
  requireState(key, 'UntagResource');
  for (const k of keys as string[]) key.tags.delete(k);
  return {};
};

export const ListResourceTags: Operation = (engine, ctx, input) => {
  const key = findKey(engine, ctx, str(input, 'KeyId', KEY_ID_RULE));
  engine.authorize(ctx, 'kms:ListResourceTags', key);
  const tags = [...key.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  const { page, ...rest } = paginate(input, tags, `ListResourceTags/${key.arn}`, { max: 50, default: 50 });
  return { Tags: page, ...rest };
};
