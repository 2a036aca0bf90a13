import type { PolicyStatement } from '../core/types';

/**
 * Condition keys that tie a request to known accounts or an organization, each with the form a
 * value must have to name one account or organization (no wildcard in the account/org part).
 * One of them, compared with a positive operator (not `…IfExists`, not a negated one), makes a
 * `Principal: *` statement non-public. `kms:ViaService` alone does not: principals of every AWS
 * account can call S3, EBS... and their requests carry the same ViaService value.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account
 */
const SCOPING_KEYS: ReadonlyMap<string, RegExp> = new Map([
  ['kms:calleraccount', /^[0-9]{12}$/],
  ['aws:principalaccount', /^[0-9]{12}$/],
  ['aws:sourceaccount', /^[0-9]{12}$/],
  ['aws:principalorgid', /^o-[a-z0-9]{10,32}$/],
  ['aws:sourceorgid', /^o-[a-z0-9]{10,32}$/],
  ['aws:principalorgpaths', /^o-[a-z0-9]{10,32}\//],
  ['aws:principalarn', /^arn:[a-z-]+:(iam|sts)::[0-9]{12}:/],
]);

/** Operators whose match requires the key to be present and equal/like one of the values. */
const POSITIVE = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/;

function asList(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** Everyone: `"*"`, `{"AWS": "*"}` or `{"AWS": [..., "*"]}`. */
function isEveryone(principal: PolicyStatement['Principal']): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  const aws = (principal as Record<string, unknown>).AWS;
  return aws !== undefined && asList(aws).includes('*');
}

function scopes(statement: PolicyStatement): boolean {
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    // ForAllValues: matches vacuously when the key is absent, so it never scopes on its own.
    if (!POSITIVE.test(operator) || operator.startsWith('ForAllValues:')) continue;
    for (const [key, values] of Object.entries(block)) {
      const form = SCOPING_KEYS.get(key.toLowerCase());
      if (form && asList(values).every((v) => typeof v === 'string' && form.test(v))) return true;
    }
  }
  return false;
}

/**
 * Allow statements that any principal of any AWS account could match: `Principal: *` without an
 * account or organization condition, or an Allow with `NotPrincipal` (everyone except a few).
 * A key policy with such a statement makes the key usable from outside the intended accounts.
 */
export function publicStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  return statements.filter((st) => st.Effect === 'Allow' && (st.NotPrincipal !== undefined || (isEveryone(st.Principal) && !scopes(st))));
}
