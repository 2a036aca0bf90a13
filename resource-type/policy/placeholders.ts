import type { DeploymentTarget, KeySetSpec } from '../core/types';

/** Placeholders users may write in KeyPolicy and AdditionalPolicyStatements; replaced per Region. */
export const PLACEHOLDERS = ['${AWS::AccountId}', '${AWS::Region}', '${AWS::Partition}', '${OrganizationId}'] as const;

export function placeholderValues(spec: KeySetSpec, target: DeploymentTarget): Record<string, string | undefined> {
  return {
    '${AWS::AccountId}': target.accountId,
    '${AWS::Region}': target.region,
    '${AWS::Partition}': target.partition,
    '${OrganizationId}': spec.trustedOrganizationId,
  };
}

/**
 * CloudFormation-style placeholders (`${AWS::Name}`) that are not supported, e.g. `${AWS::StackName}`
 * or a typo such as `${AWS::AccountID}`: they would reach KMS as literal text. IAM policy variables
 * (`${aws:username}`, single colon) are left alone.
 */
export function unknownPlaceholders(text: string): string[] {
  const found = text.match(/\$\{AWS::[A-Za-z0-9]*\}/g) ?? [];
  return [...new Set(found.filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p)))];
}

/** Placeholders used in `text` that have no value (today only ${OrganizationId} without TrustedOrganizationId). */
export function unresolvedPlaceholders(text: string, spec: KeySetSpec, target: DeploymentTarget): string[] {
  const values = placeholderValues(spec, target);
  return PLACEHOLDERS.filter((p) => text.includes(p) && values[p] === undefined);
}

export function substituteText(text: string, spec: KeySetSpec, target: DeploymentTarget): string {
  const values = placeholderValues(spec, target);
  let out = text;
  for (const p of PLACEHOLDERS) {
    const value = values[p];
    if (value !== undefined) out = out.split(p).join(value);
  }
  return out;
}

/** Deep substitution over any JSON value (strings only; keys too, for condition keys). */
export function substituteJson<T>(value: T, spec: KeySetSpec, target: DeploymentTarget): T {
  if (typeof value === 'string') return substituteText(value, spec, target) as T;
  if (Array.isArray(value)) return value.map((v) => substituteJson(v, spec, target)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[substituteText(k, spec, target)] = substituteJson(v, spec, target);
    return out as T;
  }
  return value;
}
