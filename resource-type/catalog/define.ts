import { GRANT_ACTIONS, KEY_USAGE_ACTIONS, KMS } from './actions';
import type { ServiceDefinition, ViaServiceRule } from './types';

type Defaults =
  | 'keyUserActions'
  | 'crossAccountActions'
  | 'directGrants'
  | 'supportsMultiRegion'
  | 'supportsAlias'
  | 'servicePrincipals'
  | 'eventSources'
  | 'options'
  | 'viaService';

/** Builds a catalog entry with the common defaults filled in. */
export function defineService(def: Omit<ServiceDefinition, Defaults> & Partial<Pick<ServiceDefinition, Defaults>>): ServiceDefinition {
  return {
    keyUserActions: KEY_USAGE_ACTIONS,
    crossAccountActions: KEY_USAGE_ACTIONS,
    directGrants: true,
    supportsMultiRegion: true,
    supportsAlias: true,
    servicePrincipals: [],
    eventSources: [],
    options: [],
    viaService: [],
    ...def,
  };
}

/** The usual integration: usage through the service plus GIFAR-gated CreateGrant. */
export function viaService(
  id: string,
  hosts: readonly string[],
  actions: readonly string[],
  why: string,
  extra: Partial<ViaServiceRule> = {},
): ViaServiceRule {
  return { id, hosts, actions, why, ...extra };
}

export const WITH_CREATE_GRANT: readonly string[] = [KMS.CreateGrant];
export { GRANT_ACTIONS };
