/** Risky choices in a key set, explained: what the risk is and what to do instead. */
import type { DeploymentTarget, KeySetSpec, PolicyStatement } from '../../resource-type/core/types';
import { isGeneratedSid, MAX_KEY_POLICY_BYTES, type RenderedKey } from '../../resource-type/policy';

export interface Warning {
  /** Stable id for tests and --json: policy-size, trusted-accounts, no-rotation, key-policy-override, deny-statement, wildcard-principal, disabled-key. */
  readonly code: string;
  /** The property it is about, e.g. Services/0/EnableKeyRotation. */
  readonly property: string;
  readonly message: string;
}

/** Policies above this share of 32 KB get a size warning. */
export const NEAR_LIMIT_SHARE = 0.8;

const n = (x: number) => x.toLocaleString('en-US');

function hasWildcardPrincipal(st: PolicyStatement): boolean {
  if (st.Principal === '*' || st.NotPrincipal !== undefined) return true;
  return Object.values(st.Principal ?? {}).some((v) => (typeof v === 'string' ? v === '*' : v.includes('*')));
}

export function riskWarnings(
  spec: KeySetSpec,
  keys: readonly (RenderedKey & { spec: KeySetSpec['services'][number] })[],
  maxTrusted: number,
  target: DeploymentTarget,
): Warning[] {
  const out: Warning[] = [];
  const replica = spec.primaryRegion !== undefined && spec.primaryRegion !== target.region;
  const largest = keys.reduce<(typeof keys)[number] | undefined>((a, k) => (!a || k.bytes > a.bytes ? k : a), undefined);
  const trusted = spec.trustedAccountIds.length;
  if (trusted > 0 && trusted >= Math.floor(maxTrusted * NEAR_LIMIT_SHARE)) {
    out.push({
      code: 'trusted-accounts',
      property: 'TrustedAccountIds',
      message: `TrustedAccountIds lists ${n(trusted)} accounts; at most ${n(maxTrusted)} fit every key policy (32 KB limit). Adding accounts later may fail the update: trust an organization or OU paths (TrustedOrganizationId, TrustedOrganizationalUnitPaths) instead of listing accounts.`,
    });
  }
  if (largest && largest.bytes > MAX_KEY_POLICY_BYTES * NEAR_LIMIT_SHARE) {
    out.push({
      code: 'policy-size',
      property: `Services/${keys.indexOf(largest)}`,
      message: `The ${largest.service} key policy is ${n(largest.bytes)} of ${n(MAX_KEY_POLICY_BYTES)} bytes (${Math.round((largest.bytes / MAX_KEY_POLICY_BYTES) * 100)} %): little room for more principals or statements.`,
    });
  }
  keys.forEach((k, i) => {
    const s = k.spec;
    if (!s.enableKeyRotation && !replica) {
      out.push({
        code: 'no-rotation',
        property: `Services/${i}/EnableKeyRotation`,
        message: `The ${s.service} key has automatic rotation off: the same key material protects data indefinitely. Leave EnableKeyRotation true unless a requirement says otherwise.`,
      });
    }
    if (!s.enabled)
      out.push({
        code: 'disabled-key',
        property: `Services/${i}/Enabled`,
        message: `The ${s.service} key is created disabled: nothing can encrypt or decrypt with it until Enabled is true.`,
      });
    if (s.keyPolicy !== undefined) {
      out.push({
        code: 'key-policy-override',
        property: `Services/${i}/KeyPolicy`,
        message: `The ${s.service} key uses a KeyPolicy override: the generated, least-privilege statements are replaced by yours, and service access, trusted accounts and key users in the properties no longer apply to this key. Prefer AdditionalPolicyStatements.`,
      });
    }
    const own = s.keyPolicy !== undefined ? k.policy.Statement.filter((st) => !isGeneratedSid(st.Sid)) : s.additionalPolicyStatements;
    const where = s.keyPolicy !== undefined ? 'KeyPolicy' : 'AdditionalPolicyStatements';
    own.forEach((st, j) => {
      const at = s.keyPolicy !== undefined ? `Services/${i}/KeyPolicy` : `Services/${i}/AdditionalPolicyStatements/${j}`;
      if (st.Effect === 'Deny') {
        out.push({
          code: 'deny-statement',
          property: at,
          message: `${where} of the ${s.service} key has a Deny statement${st.Sid ? ` (${st.Sid})` : ''}: a Deny overrides every Allow, including the administrators' and the services', and can lock people or services out of the key. Check it with the access summary below.`,
        });
      }
      if (hasWildcardPrincipal(st) && st.Effect === 'Allow') {
        const limited = Object.values(st.Condition ?? {}).some((block) =>
          Object.keys(block).some((key) =>
            /^(kms:CallerAccount|aws:PrincipalOrgID|aws:PrincipalOrgPaths|aws:PrincipalAccount|kms:ViaService|aws:SourceAccount)$/i.test(
              key,
            ),
          ),
        );
        out.push({
          code: 'wildcard-principal',
          property: at,
          message: `${where} of the ${s.service} key allows Principal "*"${st.Sid ? ` (${st.Sid})` : ''}${limited ? ', limited only by its conditions' : ' without an account, organization or ViaService condition: anyone with AWS credentials could use the key'}.`,
        });
      }
    });
  });
  return out;
}
