import { KeySetError } from '../core/errors';

/**
 * IAM actions of each gateway call. Every gateway method declares the actions it needs, so the
 * schema's `handlers.*.permissions` can be checked against what the code can call:
 * - at run time, a gateway built for a handler refuses a call whose actions the handler does not
 *   declare (InternalFailure), so a missing permission is caught by the test suite, not by users;
 * - a test compares each handler's declared set with the schema.
 */
export type IamAction = `kms:${string}` | `iam:${string}`;

/** Listeners see every call's actions (tests use this to prove each declared action is reachable). */
type ActionListener = (event: { readonly api: string; readonly actions: readonly IamAction[]; readonly handler?: string }) => void;
const listeners = new Set<ActionListener>();

export function observeGatewayActions(listener: ActionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyActions(api: string, actions: readonly IamAction[], handler?: string): void {
  for (const listener of listeners) listener({ api, actions, handler });
}

/** Throws when a call needs an action the current handler does not declare. */
export function assertAllowed(
  actions: readonly IamAction[],
  allowed: ReadonlySet<string> | undefined,
  handler: string | undefined,
  api: string,
): void {
  if (!allowed) return;
  const missing = actions.filter((a) => !allowed.has(a));
  if (missing.length > 0) {
    throw new KeySetError(
      'InternalFailure',
      `The ${handler ?? 'current'} handler tried to call KMS ${api}, which needs ${missing.join(', ')} that its schema permissions do not list. This is a bug in Org::Security::ServiceKmsKeys; report it.`,
    );
  }
}
