import { malformedPolicy } from '../errors';
import type { CallContext } from './context';
import type { PolicyDocument } from './policy-document';
import { derivedContext, evaluateKeyPolicy } from './policy-eval';

export const LOCKOUT_MESSAGE = 'The new key policy will not allow you to update the key policy in the future.';

/**
 * The policy lockout safety check: the new policy must let the caller call kms:PutKeyPolicy later. The caller
 * passes through a statement naming it (session, role or user ARN, or `*`) or through the account-root
 * statement (IAM delegation). Explicit Denies that apply to a direct call by the caller fail the check.
 */
export function checkLockout(ctx: CallContext, doc: PolicyDocument, keyArn: string): void {
  const result = evaluateKeyPolicy(doc, {
    callerArn: ctx.callerArn,
    callerAccount: ctx.accountId,
    action: 'kms:PutKeyPolicy',
    resourceArn: keyArn,
    context: derivedContext(ctx.callerArn, ctx.accountId),
  });
  if (result.decision !== 'Allowed') throw malformedPolicy(LOCKOUT_MESSAGE);
}
