/**
 * Test-only oracle: evaluates a key policy with @cloud-copilot/iam-simulate (AGPL, devDependency;
 * never imported by resource-type/ or handlers/). Implements the wrapper rules of
 * policy-evaluation.md §3: unsafe mode (encryption-context keys), a validated resource policy,
 * request-derived context keys filled in, and the root-caller workaround.
 */
import { createValidatedPolicy, validateResourcePolicy, type ValidatedPolicy } from '@cloud-copilot/iam-policy';
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument, PolicyStatement } from '../../resource-type/core/types';

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

export interface Case {
  readonly keyPolicy: PolicyDocument;
  readonly keyArn: string;
  /** IAM role/user ARN, assumed-role session ARN, account root ARN, or a service principal. */
  readonly principal: string;
  readonly action: string;
  /** Identity policy statements of the caller (cross-account callers need them). */
  readonly identity?: readonly object[];
  readonly context?: Readonly<Record<string, string | string[]>>;
}

const cache = new WeakMap<object, ValidatedPolicy<{ name: string }>>();

function validated(doc: PolicyDocument): ValidatedPolicy<{ name: string }> {
  let v = cache.get(doc);
  if (!v) {
    v = createValidatedPolicy(doc, validateResourcePolicy, { name: 'key-policy' });
    if (v.errors.length > 0) throw new Error(`Key policy rejected by the validator: ${JSON.stringify(v.errors)}`);
    cache.set(doc, v);
  }
  return v;
}

const accountOf = (arn: string): string => arn.split(':')[4]!;

/** `arn:<p>:sts::<acct>:assumed-role/R/session` → `arn:<p>:iam::<acct>:role/R`. */
export function toRoleArn(principal: string): string {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : principal;
}

function principalType(principal: string): string {
  if (principal.endsWith(':root')) return 'Account';
  if (principal.includes(':assumed-role/')) return 'AssumedRole';
  if (principal.includes(':user/')) return 'User';
  return 'AssumedRole';
}

export function isServicePrincipal(principal: string): boolean {
  return /\.amazonaws\.com(\.cn)?$/.test(principal);
}

export function decide(c: Case): Decision {
  const derived: Record<string, string> = isServicePrincipal(c.principal)
    ? {}
    : {
        'aws:PrincipalArn': toRoleArn(c.principal),
        'aws:PrincipalAccount': accountOf(c.principal),
        'kms:CallerAccount': accountOf(c.principal),
        'aws:PrincipalType': principalType(c.principal),
      };
  const identity = [...(c.identity ?? [])];
  // The simulator does not model the root user's implicit access (policy-evaluation.md §3.4).
  if (c.principal.endsWith(':root')) identity.push({ Effect: 'Allow', Action: '*', Resource: '*' });
  return runUnsafeSimulation(
    {
      request: {
        principal: c.principal,
        action: c.action,
        resource: { resource: c.keyArn, accountId: accountOf(c.keyArn) },
        contextVariables: { ...derived, ...(c.context ?? {}) },
      },
      identityPolicies: identity.length > 0 ? [{ name: 'identity', policy: { Version: '2012-10-17', Statement: identity } }] : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: validated(c.keyPolicy),
    },
    {},
  ) as Decision;
}

/** Identity policy statement allowing `actions` on `resource` (cross-account callers need one). */
export function allowIdentity(actions: string | string[], resource = '*'): object {
  return { Effect: 'Allow', Action: actions, Resource: resource };
}

/** Condition operators the renderer may emit; anything else is a typo the simulator would silently ignore. */
export const KNOWN_OPERATORS = new Set([
  'StringEquals',
  'StringLike',
  'StringEqualsIfExists',
  'ArnLike',
  'ArnLikeIfExists',
  'ArnEquals',
  'Bool',
  'Null',
  'ForAnyValue:StringLike',
  'ForAnyValue:StringEquals',
  'StringNotEquals',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** Every operator of every statement (for lint-style assertions). */
export function operatorsOf(statements: readonly PolicyStatement[]): string[] {
  return statements.flatMap((s) => Object.keys(s.Condition ?? {}));
}
