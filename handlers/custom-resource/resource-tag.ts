import { createHash } from 'node:crypto';
import { ValidationError, type ValidationIssue } from '../../resource-type/core/errors';
import type { KeySetSpec } from '../../resource-type/core/types';
import { MAX_TAGS_PER_KEY, OWNERSHIP_TAG_COUNT } from '../../resource-type/validation';
import type { CustomResourceEvent } from './protocol';

/**
 * A tag the provider puts on every key (as a stack-level tag of the operations) naming the
 * custom resource that owns the key set: a digest of StackId and LogicalResourceId. It lets the
 * provider recognise its own key set when CloudFormation rolls a replacement back (Update to the
 * old ProjectCode on the new id) without ever adopting another resource's key set.
 */
export const RESOURCE_TAG_KEY = 'servicekmskeys-custom-resource';

export function resourceTagValue(event: CustomResourceEvent): string {
  return createHash('sha256').update(`${event.StackId}\n${event.LogicalResourceId}`).digest('hex').slice(0, 40);
}

/** True when the key set's reported Tags carry this resource's tag (on every key). */
export function carriesResourceTag(properties: Readonly<Record<string, unknown>> | undefined, event: CustomResourceEvent): boolean {
  const tags = properties?.Tags;
  if (!Array.isArray(tags)) return false;
  const value = resourceTagValue(event);
  return tags.some(
    (tag) => (tag as { Key?: unknown; Value?: unknown })?.Key === RESOURCE_TAG_KEY && (tag as { Value?: unknown }).Value === value,
  );
}

/**
 * Checks the provider adds on top of the registry type's validator, because the resource tag is one
 * more tag on every key: the user's Tags must not set it (a user value would override it, since stack
 * tags have the lowest precedence, and break owner recognition), and every key must have room for it
 * within KMS's 50 tags (the validator counts the user's and the ownership tags only). Without this,
 * a key set at exactly 50 tags would pass validation and fail half-way with a KMS TagException.
 */
export function checkResourceTagRoom(spec: KeySetSpec): void {
  const issues: ValidationIssue[] = [];
  const reserved = (key: string) => key.toLowerCase() === RESOURCE_TAG_KEY;
  spec.tags.forEach((tag, i) => {
    if (reserved(tag.Key))
      issues.push({
        property: `Tags/${i}/Key`,
        value: tag.Key,
        message: `is set by the custom resource provider on every key to name the owning resource; choose another tag key.`,
      });
  });
  const setKeys = new Set(spec.tags.map((t) => t.Key));
  spec.services.forEach((key, i) => {
    key.tags.forEach((tag, j) => {
      if (reserved(tag.Key))
        issues.push({
          property: `Services/${i}/Tags/${j}/Key`,
          value: tag.Key,
          message: `is set by the custom resource provider on every key to name the owning resource; choose another tag key.`,
        });
    });
    const count = new Set([...setKeys, ...key.tags.map((t) => t.Key)]).size + OWNERSHIP_TAG_COUNT + 1;
    if (count > MAX_TAGS_PER_KEY)
      issues.push({
        property: `Services/${i}/Tags`,
        value: count,
        message: `the ${key.service} key would carry ${count} tags (key set Tags + per-key Tags + ${OWNERSHIP_TAG_COUNT} ownership tags + the custom resource provider's ${RESOURCE_TAG_KEY} tag); KMS allows ${MAX_TAGS_PER_KEY}. Remove a tag.`,
      });
  });
  if (issues.length > 0) throw new ValidationError(issues);
}
