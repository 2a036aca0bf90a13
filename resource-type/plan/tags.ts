import { CREATED_BY_TAG, OWNERSHIP_TAG_PREFIX } from '../core/ownership';

export interface TagDiff {
  /** Tags to add or overwrite (TagResource overwrites values in place). */
  readonly set: Record<string, string>;
  /** Tag keys to remove: only keys no longer wanted, never ownership tags. */
  readonly remove: string[];
}

/**
 * Desired vs live tags of one key. Changed values are overwritten in place by TagResource, so
 * only removed keys are untagged and a tag is never missing in between. The created-by tag of
 * an existing key is never changed (it records which operation created the key), except for a
 * key being recovered from pending deletion, which the recovering operation takes over.
 */
export function diffTags(
  live: Readonly<Record<string, string>>,
  desired: Readonly<Record<string, string>>,
  options: { replaceCreatedBy?: boolean } = {},
): TagDiff {
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (key === CREATED_BY_TAG && live[key] !== undefined && !options.replaceCreatedBy) continue;
    if (live[key] !== value) set[key] = value;
  }
  const remove = Object.keys(live).filter((key) => !(key in desired) && !key.startsWith(OWNERSHIP_TAG_PREFIX) && !key.startsWith('aws:'));
  return { set, remove };
}
