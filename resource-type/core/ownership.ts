/**
 * Ownership tags: every key this type creates carries them, and no handler reads as ours,
 * modifies or deletes a key that does not carry them with the expected values.
 */
export const OWNERSHIP_TAG_PREFIX = 'servicekmskeys:';
export const PROJECT_TAG = 'servicekmskeys:project';
export const SERVICE_TAG = 'servicekmskeys:service';
/** Identifies the create operation (client request token) that made the key; used to adopt orphans. */
export const CREATED_BY_TAG = 'servicekmskeys:created-by';

export function aliasNameFor(projectCode: string, service: string): string {
  return `alias/${projectCode}/${service}`;
}

export function ownershipTags(projectCode: string, service: string, createdBy: string): Record<string, string> {
  return { [PROJECT_TAG]: projectCode, [SERVICE_TAG]: service, [CREATED_BY_TAG]: createdBy };
}

/** True when the tags mark the key as ours for this project code and service. */
export function isOwnedBy(tags: Readonly<Record<string, string>>, projectCode: string, service: string): boolean {
  return tags[PROJECT_TAG] === projectCode && tags[SERVICE_TAG] === service;
}
