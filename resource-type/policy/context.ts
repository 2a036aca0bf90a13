import type { RuleContext } from '../catalog/types';
import type { DeploymentTarget, KeySetSpec } from '../core/types';

/** Accounts whose callers may use keys through a service: the owner, plus trusted accounts when enabled. */
export function callerAccounts(spec: KeySetSpec, target: DeploymentTarget): string[] {
  const others = spec.crossAccountAccessViaService ? spec.trustedAccountIds : [];
  return [...new Set([target.accountId, ...others])].sort();
}

export function ruleContext(spec: KeySetSpec, target: DeploymentTarget): RuleContext {
  return {
    partition: target.partition,
    region: target.region,
    ownerAccountId: target.accountId,
    callerAccounts: callerAccounts(spec, target),
  };
}
