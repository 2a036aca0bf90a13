import type { DeploymentTarget } from '../../resource-type/core/types';

/**
 * Physical ids. A key set is identified by account, Region and ProjectCode (its aliases are
 * alias/<ProjectCode>/<service> in that account and Region), so the id is stable across updates
 * and changes exactly when the key set is replaced. A Create that fails returns a marker id that
 * names no key set but carries the Create's RequestId, so the rollback Delete removes exactly the
 * keys that Create made (tagged servicekmskeys:created-by=<RequestId>) and nothing else.
 */
const KEY_SET_PREFIX = 'servicekmskeys';
const FAILED_CREATE_PREFIX = 'servicekmskeys-create-failed';

const KEY_SET_ID = /^servicekmskeys\/([0-9]{12})\/([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9])\/([A-Za-z0-9_-]{1,64})$/;

export interface KeySetId {
  readonly accountId: string;
  readonly region: string;
  readonly projectCode: string;
}

/** `servicekmskeys/<account>/<region>/<ProjectCode>` */
export function keySetPhysicalId(target: DeploymentTarget, projectCode: string): string {
  return [KEY_SET_PREFIX, target.accountId, target.region, projectCode].join('/');
}

/** The key set a physical id names, or undefined for ids this provider did not hand out as key sets. */
export function parseKeySetPhysicalId(physicalId: string | undefined): KeySetId | undefined {
  const match = physicalId === undefined ? null : KEY_SET_ID.exec(physicalId);
  return match ? { accountId: match[1], region: match[2], projectCode: match[3] } : undefined;
}

/** `servicekmskeys-create-failed/<RequestId>`: returned with FAILED when a Create did not produce a key set. */
export function failedCreatePhysicalId(requestId: string): string {
  // RequestIds are UUIDs; cap anyway so the id stays far below the 1 KB limit.
  return `${FAILED_CREATE_PREFIX}/${requestId.slice(0, 200)}`;
}

/** The RequestId of the failed Create a marker id names, or undefined for any other id. */
export function parseFailedCreatePhysicalId(physicalId: string | undefined): string | undefined {
  const prefix = `${FAILED_CREATE_PREFIX}/`;
  if (physicalId === undefined || !physicalId.startsWith(prefix)) return undefined;
  const requestId = physicalId.slice(prefix.length);
  return requestId.length > 0 ? requestId : undefined;
}
