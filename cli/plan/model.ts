/** The plan of a key set (pure: no AWS calls): rendered keys, access in words and risk warnings. */
import type { DeploymentTarget, KeySetSpec, ResourceProperties } from '../../resource-type/core/types';
import { describeAccess, maxTrustedAccountsThatFit, renderKeySet, type AccessSummary, type RenderedKey } from '../../resource-type/policy';
import { validateProperties } from '../../resource-type/validation';
import { riskWarnings, type Warning } from './warnings';
import { policyInWords, type AccessSentence } from './words';

export interface PlannedKey extends RenderedKey {
  readonly spec: KeySetSpec['services'][number];
  readonly statements: number;
  /** Generated statements explained (who/why/when), from the policy module. */
  readonly access: readonly AccessSummary[];
  /** One sentence per principal, read from the rendered policy. */
  readonly sentences: readonly AccessSentence[];
}

export interface Plan {
  readonly target: DeploymentTarget;
  readonly spec: KeySetSpec;
  readonly keys: readonly PlannedKey[];
  /** Largest explicit TrustedAccountIds list that fits every key policy (worst case). */
  readonly maxTrustedAccounts: number;
  readonly warnings: readonly Warning[];
}

/** Validates (throws ValidationError) and renders the key set for `target`. */
export function buildPlan(properties: ResourceProperties, target: DeploymentTarget): Plan {
  const spec = validateProperties(properties, target);
  const rendered = renderKeySet(spec, target);
  const keys = rendered.map((k, i) => ({
    ...k,
    spec: spec.services[i]!,
    statements: k.policy.Statement.length,
    access: describeAccess(spec, spec.services[i]!, target),
    sentences: policyInWords(k.policy.Statement, target),
  }));
  const maxTrustedAccounts = maxTrustedAccountsThatFit(spec, target);
  return { target, spec, keys, maxTrustedAccounts, warnings: riskWarnings(spec, keys, maxTrustedAccounts, target) };
}
