import { createHash } from 'node:crypto';
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
