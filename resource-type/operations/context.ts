/**
 * The callbackContext this engine returns with IN_PROGRESS and reads back on the next
 * invocation. Plain JSON; unknown or foreign contexts are ignored (a fresh start is always safe
 * because every invocation re-reads live state and re-plans).
 *
 * {
 *   "engine": "servicekmskeys/1",
 *   "op": "create" | "update" | "delete",
 *   "token": "<created-by token: the first invocation's client request token>",
 *   "startedAt": <epoch ms of the first invocation>,
 *   "invocations": <count>,
 *   "phase": "converge" | "rollback",
 *   "createdKeys": { "<service>": "<key id>" },   // keys this operation created or recovered, for rollback
 *   "touched": true,                               // a mutating call was attempted (a failed create rolls back)
 *   "foundKeySet": true,                           // delete: the key set existed when the delete began
 *   "failure": { "code": "...", "message": "..." }, // during rollback: the error to report at the end
 *   "waitingForPrimarySince": <epoch ms>,          // replica key sets waiting for primary keys
 *   "waitingForRotationSince": <epoch ms>          // replica key sets waiting for the primary's rotation to match
 * }
 */
import type { KeySetErrorCode } from '../core/errors';
import { jsonCopy } from './json';

export const CONTEXT_ENGINE = 'servicekmskeys/1';

export interface EngineContext {
  readonly engine: typeof CONTEXT_ENGINE;
  readonly op: 'create' | 'update' | 'delete';
  readonly token: string;
  readonly startedAt: number;
  invocations: number;
  phase: 'converge' | 'rollback';
  createdKeys: Record<string, string>;
  /** A mutating call was attempted or keys of this operation were found: a failed create rolls back. */
  touched?: boolean;
  /** Delete: an invocation saw a usable key of the set (so the delete is not NotFound). */
  foundKeySet?: boolean;
  failure?: { code: KeySetErrorCode; message: string };
  waitingForPrimarySince?: number;
  waitingForRotationSince?: number;
}

export function resumeContext(
  raw: Readonly<Record<string, unknown>> | undefined,
  op: EngineContext['op'],
  requestToken: string,
  now: number,
): EngineContext {
  if (raw && raw.engine === CONTEXT_ENGINE && raw.op === op && typeof raw.token === 'string' && typeof raw.startedAt === 'number') {
    const copy = jsonCopy(raw) as unknown as EngineContext;
    return {
      ...copy,
      invocations: (copy.invocations ?? 0) + 1,
      createdKeys: { ...(copy.createdKeys ?? {}) },
      phase: copy.phase ?? 'converge',
    };
  }
  return { engine: CONTEXT_ENGINE, op, token: requestToken, startedAt: now, invocations: 1, phase: 'converge', createdKeys: {} };
}

export function contextToJson(ctx: EngineContext): Record<string, unknown> {
  return JSON.parse(JSON.stringify(ctx)) as Record<string, unknown>;
}
