import { Store, type KeyRecord } from '../state';
import type { CallContext, Json } from './context';

/** Runtime settings the operations read (mutable through the admin API). */
export interface EngineSettings {
  replicaCreatingMs: number;
  consistencyWindowMs: number;
  /** After PutKeyPolicy / CreateAlias / UpdateAlias, reads return the previous value for this long. */
  staleReadMs: number;
}

/** An alias as an IAM resource (CreateAlias/UpdateAlias/DeleteAlias need IAM permission on it). */
export interface AliasTarget {
  aliasArn: string;
  accountId: string;
}

/**
 * Decides whether the caller may run `action` on a key, an alias, or nothing specific (undefined: CreateKey,
 * ListKeys, ...). Throws AccessDeniedException. Authorization mode, or outside it the cross-account check.
 */
export type Authorizer = (
  ctx: CallContext,
  action: string,
  target: KeyRecord | AliasTarget | undefined,
  extra?: Record<string, unknown>,
) => void;

export function isAliasTarget(target: KeyRecord | AliasTarget | undefined): target is AliasTarget {
  return target !== undefined && 'aliasArn' in target;
}

export interface Engine {
  store: Store;
  settings: EngineSettings;
  authorize: Authorizer;
  /** Charges extra requests to a quota bucket (ReplicateKey's CreateKey in the replica Region, ...). */
  charge?: (accountId: string, region: string, operation: string, requests: number) => void;
}

export type Operation = (engine: Engine, ctx: CallContext, input: Json) => Json | Promise<Json>;
