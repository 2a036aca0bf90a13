import { parseArn, principalArnOf } from '../partition';
import type { PolicyDocument, Statement } from './policy-document';

/** A small key-policy evaluator for the lockout safety check and the cross-account check outside authorization mode. */
export interface EvalRequest {
  callerArn: string;
  callerAccount: string;
  action: string;
  resourceArn: string;
  context: Record<string, string | string[] | undefined>;
}

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

export interface EvalResult {
  decision: Decision;
  /** True when the Allow came from a statement naming the caller's account (root / account ID) = IAM delegation. */
  viaAccountDelegation: boolean;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function glob(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

/** Derived request context a real IAM evaluation would carry for a direct (non-service) caller. */
export function derivedContext(
  callerArn: string,
  callerAccount: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  const parsed = parseArn(callerArn);
  const resource = parsed?.resource ?? '';
  const type =
    resource === 'root'
      ? 'Account'
      : resource.startsWith('assumed-role/')
        ? 'AssumedRole'
        : resource.startsWith('user/')
          ? 'User'
          : 'Unknown';
  return {
    'aws:PrincipalArn': principalArnOf(callerArn),
    'aws:PrincipalAccount': callerAccount,
    'kms:CallerAccount': callerAccount,
    'aws:PrincipalType': type,
    ...extra,
  };
}

type PrincipalMatch = 'none' | 'exact' | 'account';

function principalMatches(statement: Statement, request: EvalRequest): PrincipalMatch {
  const principal = statement.Principal ?? statement.NotPrincipal;
  let match: PrincipalMatch = 'none';
  if (principal === '*') match = 'exact';
  else if (typeof principal === 'object' && principal !== null) {
    for (const value of list((principal as Record<string, string | string[]>).AWS)) {
      if (value === '*') match = 'exact';
      else if (value === request.callerAccount || (value.endsWith(':root') && parseArn(value)?.accountId === request.callerAccount)) {
        if (match === 'none') match = 'account';
      } else if (value === request.callerArn || value === principalArnOf(request.callerArn)) match = 'exact';
    }
  }
  if (statement.NotPrincipal !== undefined) return match === 'none' ? 'exact' : 'none';
  return match;
}

function actionMatches(statement: Statement, action: string): boolean {
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((a) => glob(a, action, true));
  return list(statement.Action).some((a) => glob(a, action, true));
}

function resourceMatches(statement: Statement, arn: string): boolean {
  if (statement.NotResource !== undefined) return !list(statement.NotResource).some((r) => glob(r, arn));
  return list(statement.Resource).some((r) => glob(r, arn));
}

function compare(base: string, policyValue: string, actual: string): boolean {
  switch (base) {
    case 'StringEquals':
    case 'ArnEquals':
      return policyValue === actual;
    case 'StringEqualsIgnoreCase':
      return policyValue.toLowerCase() === actual.toLowerCase();
    case 'StringLike':
    case 'ArnLike':
      return glob(policyValue, actual);
    case 'Bool':
      return policyValue.toString().toLowerCase() === actual.toLowerCase();
    case 'NumericEquals':
      return Number(policyValue) === Number(actual);
    default:
      return false;
  }
}

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
};

/** IAM condition semantics for the operators the emulator models; unknown operators never match (strict for Allow). */
function conditionHolds(operatorRaw: string, key: string, values: unknown, context: EvalRequest['context']): boolean {
  const qualifier = operatorRaw.startsWith('ForAnyValue:') ? 'any' : operatorRaw.startsWith('ForAllValues:') ? 'all' : 'single';
  let operator = operatorRaw.replace(/^(ForAnyValue|ForAllValues):/, '');
  const ifExists = operator !== 'Null' && operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);
  const actual = context[key];
  const policyValues = list(values as string | string[]).map(String);
  if (operator === 'Null') return policyValues.some((v) => (v.toLowerCase() === 'true') === (actual === undefined));
  if (actual === undefined) {
    if (ifExists) return true;
    if (qualifier === 'all') return true;
    if (qualifier === 'any') return false;
    return operator in NEGATED;
  }
  const negatedBase = NEGATED[operator];
  const base = negatedBase ?? operator;
  const actuals = list(actual);
  const one = (a: string) => policyValues.some((p) => compare(base, p, a));
  let positive: boolean;
  if (qualifier === 'all') positive = actuals.every(one);
  else positive = actuals.some(one);
  return negatedBase ? !positive : positive;
}

function conditionsHold(statement: Statement, context: EvalRequest['context']): boolean {
  if (!statement.Condition) return true;
  return Object.entries(statement.Condition).every(([operator, block]) =>
    Object.entries(block).every(([key, values]) => conditionHolds(operator, key, values, context)),
  );
}

export function evaluateKeyPolicy(doc: PolicyDocument, request: EvalRequest): EvalResult {
  let allowed = false;
  let viaAccountDelegation = false;
  for (const statement of doc.Statement) {
    const principal = principalMatches(statement, request);
    if (principal === 'none') continue;
    if (!actionMatches(statement, request.action) || !resourceMatches(statement, request.resourceArn)) continue;
    if (!conditionsHold(statement, request.context)) continue;
    if (statement.Effect === 'Deny') return { decision: 'ExplicitlyDenied', viaAccountDelegation: false };
    if (principal === 'exact') allowed = true;
    else viaAccountDelegation = true;
  }
  if (allowed) return { decision: 'Allowed', viaAccountDelegation: false };
  if (viaAccountDelegation) return { decision: 'Allowed', viaAccountDelegation: true };
  return { decision: 'ImplicitlyDenied', viaAccountDelegation: false };
}
