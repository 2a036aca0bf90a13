import { Store, type KeyRecord } from '../state';
import type { CallContext, Json } from './context';

/** Runtime settings the operations read (mutable through the admin API). */
export interface EngineSettings {
  replicaCreatingMs: number;
  consistencyWindowMs: number;
}

/**
 * Decides whether the caller may run `action` on `key` (undefined for CreateKey/ListKeys/...).
 * Throws AccessDeniedException. Installed by the server (authorization mode or the cross-account check).
 */
export type Authorizer = (ctx: CallContext, action: string, key: KeyRecord | undefined, extra?: Record<string, unknown>) => void;

export interface Engine {
  store: Store;
  settings: EngineSettings;
  authorize: Authorizer;
  /** Charges extra requests to a quota bucket (ReplicateKey's CreateKey in the replica Region, ...). */
  charge?: (accountId: string, region: string, operation: string, requests: number) => void;
}

export type Operation = (engine: Engine, ctx: CallContext, input: Json) => Json | Promise<Json>;
