import { accountRootArn } from '../core/partition';
import type { DeploymentTarget, PolicyDocument, PolicyStatement } from '../core/types';

function asList(v: string | readonly string[] | undefined): readonly string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

function actionCovers(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

function statementCoversAction(st: PolicyStatement, action: string): boolean {
  if (st.Action !== undefined) return asList(st.Action).some((a) => actionCovers(a, action));
  if (st.NotAction !== undefined) return !asList(st.NotAction).some((a) => actionCovers(a, action));
  return false;
}

function principalNames(st: PolicyStatement): readonly string[] {
  if (st.Principal === '*') return ['*'];
  if (!st.Principal || typeof st.Principal !== 'object') return [];
  return asList((st.Principal as Record<string, string | readonly string[]>).AWS);
}

/** AWS principals a Deny with NotPrincipal exempts (everyone else is denied). */
function notPrincipalNames(st: PolicyStatement): readonly string[] {
  if (!st.NotPrincipal || typeof st.NotPrincipal !== 'object') return [];
  return asList((st.NotPrincipal as Record<string, string | readonly string[]>).AWS);
}

/** A Deny that exempts the principal by `aws:PrincipalArn` (ArnNotEquals/ArnNotLike/StringNotEquals/StringNotLike). */
function denyExempts(st: PolicyStatement, principal: string): boolean {
  const cond = st.Condition;
  if (!cond) return false;
  const operators = Object.keys(cond);
  return operators.every((op) => {
    if (!/^(ArnNotEquals|ArnNotLike|StringNotEquals|StringNotLike)$/.test(op)) return false;
    const block = cond[op]!;
    const keys = Object.keys(block);
    return (
      keys.every((k) => k.toLowerCase() === 'aws:principalarn') &&
      keys.some((k) => asList(block[k] as string | readonly string[]).some((v) => actionCovers(v, principal)))
    );
  });
}

/**
 * Principals (owner root or administrators) that keep kms:PutKeyPolicy in `doc`: named in an
 * unconditional Allow that covers the action, and not hit by a Deny that covers it.
 * Conditional Allows are not counted: they might not hold when the key policy must be changed.
 */
export function principalsKeepingPutKeyPolicy(doc: PolicyDocument, target: DeploymentTarget, administrators: readonly string[]): string[] {
  const root = accountRootArn(target.partition, target.accountId);
  const candidates = [root, ...administrators];
  const keep: string[] = [];
  const asRoot = (n: string) => (n === target.accountId ? root : n);
  for (const candidate of candidates) {
    const names = (st: PolicyStatement) => principalNames(st).map(asRoot);
    const allowed = doc.Statement.some(
      (st) =>
        st.Effect === 'Allow' &&
        !st.Condition &&
        st.NotPrincipal === undefined &&
        statementCoversAction(st, 'kms:PutKeyPolicy') &&
        names(st).some((n) => n === candidate || n === '*'),
    );
    if (!allowed) continue;
    const denied = doc.Statement.some(
      (st) =>
        st.Effect === 'Deny' &&
        statementCoversAction(st, 'kms:PutKeyPolicy') &&
        (st.NotPrincipal !== undefined
          ? !notPrincipalNames(st).map(asRoot).includes(candidate)
          : names(st).some((n) => n === candidate || n === '*')) &&
        !denyExempts(st, candidate),
    );
    if (!denied) keep.push(candidate);
  }
  return keep;
}
