import type { KeyRecord } from '../state';
import type { CallContext } from './context';
import type { Engine } from './engine';
import { resolveKey, type ResolveOptions } from './resolve';

export type { Operation } from './engine';

/** Resolves the KeyId of a key-management operation (own account + Region; key ID or key ARN). */
export function findKey(engine: Engine, ctx: CallContext, keyId: string, options: ResolveOptions = {}): KeyRecord {
  return resolveKey(engine, ctx, keyId, options);
}
