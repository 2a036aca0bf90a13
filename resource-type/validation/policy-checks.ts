import type { DeploymentTarget, KeySetSpec } from '../core/types';
import { KeySetError, ValidationError } from '../core/errors';
import { MAX_KEY_POLICY_BYTES, disallowedCharacters, policyByteSize } from '../policy/budget';
import { serializePolicy } from '../policy/canonical';
import { principalsKeepingPutKeyPolicy } from '../policy/lockout';
import { publicStatements } from '../policy/public-access';
import { PLACEHOLDERS, unknownPlaceholders, unresolvedPlaceholders } from '../policy/placeholders';
import { maxTrustedAccountsThatFit, renderKeyPolicy } from '../policy/render';
import type { Issues } from './issues';

function wayOut(spec: KeySetSpec, target: DeploymentTarget, key: KeySetSpec['services'][number]): string {
  // A KeyPolicy override replaces everything the other properties would generate.
  if (key.keyPolicy !== undefined)
    return 'shorten KeyPolicy (for example use aws:PrincipalOrgID instead of listing accounts) or AdditionalPolicyStatements';
  const hints: string[] = [];
  if (spec.trustedAccountIds.length > 0) {
    const max = maxTrustedAccountsThatFit(spec, target, key.service);
    const orgHint =
      'use TrustedOrganizationId (aws:PrincipalOrgID, optionally narrowed with TrustedOrganizationalUnitPaths) instead of listing accounts';
    hints.push(max > 0 ? `list at most ${max} TrustedAccountIds (you have ${spec.trustedAccountIds.length}) or ${orgHint}` : orgHint);
  }
  if (spec.keyUserArns.length > 0 || key.keyUserArns.length > 0)
    hints.push('grant KeyUserArns through IAM policies (the owner root statement delegates to IAM) instead of naming each role');
  if (key.additionalPolicyStatements.length > 0) hints.push('shorten AdditionalPolicyStatements');
  if (hints.length === 0) hints.push('remove principals or statements from this key');
  return hints.join('; or ');
}

/** Renders every key policy for the target and checks size, charset, placeholders and lockout safety. */
export function checkRenderedPolicies(spec: KeySetSpec, target: DeploymentTarget, issues: Issues): void {
  spec.services.forEach((key, i) => {
    const path = `Services/${i}`;
    const sources = [
      key.keyPolicy === undefined ? '' : typeof key.keyPolicy === 'string' ? key.keyPolicy : JSON.stringify(key.keyPolicy),
      JSON.stringify(key.additionalPolicyStatements),
    ].join('\n');
    const unknown = unknownPlaceholders(sources);
    if (unknown.length > 0) {
      issues.add(
        key.keyPolicy !== undefined ? `${path}/KeyPolicy` : `${path}/AdditionalPolicyStatements`,
        unknown.join(', '),
        `${unknown.length === 1 ? 'is not a supported placeholder' : 'are not supported placeholders'}; use ${PLACEHOLDERS.join(', ')} (IAM policy variables such as \${aws:username} are kept as they are).`,
      );
      return;
    }
    const missing = unresolvedPlaceholders(sources, spec, target);
    if (missing.length > 0) {
      issues.add(
        key.keyPolicy !== undefined ? `${path}/KeyPolicy` : `${path}/AdditionalPolicyStatements`,
        missing.join(', '),
        'uses ${OrganizationId} but TrustedOrganizationId is not set; set it or remove the placeholder.',
      );
      return;
    }
    let text: string;
    let doc;
    try {
      doc = renderKeyPolicy(spec, key, target);
      text = serializePolicy(doc);
    } catch (error) {
      if (error instanceof ValidationError) for (const issue of error.issues) issues.add(issue.property, issue.value, issue.message);
      else if (error instanceof KeySetError || error instanceof SyntaxError) issues.add(path, key.service, error.message);
      else throw error;
      return;
    }
    const userPath = key.keyPolicy !== undefined ? `${path}/KeyPolicy` : `${path}/AdditionalPolicyStatements`;
    for (const st of doc.Statement) {
      if (st.Sid !== undefined && st.Sid.startsWith('ServiceKmsKeys') && key.keyPolicy === undefined) continue;
      const principal = st.Principal ?? st.NotPrincipal;
      if (!principal || typeof principal !== 'object') continue;
      for (const value of Object.values(principal).flatMap((v) => (typeof v === 'string' ? [v] : [...v]))) {
        const m = /^arn:([^:]+):/.exec(value);
        if (m && m[1] !== target.partition) {
          issues.add(
            userPath,
            value,
            `principal ARN is in partition ${m[1]}, but the ${key.service} key is in ${target.partition}; use arn:${target.partition}:... or the \${AWS::Partition} placeholder.`,
          );
        }
      }
    }
    for (const st of publicStatements(doc.Statement)) {
      const name = st.Sid === undefined ? 'a statement without Sid' : `statement "${st.Sid}"`;
      issues.add(
        userPath,
        st.Sid ?? JSON.stringify(st.Principal ?? st.NotPrincipal),
        st.NotPrincipal !== undefined
          ? `${name} of the ${key.service} key policy is an Allow with NotPrincipal, which allows every principal of every AWS account except those listed; use NotPrincipal only with Deny.`
          : `${name} of the ${key.service} key policy allows Principal "*" without an account or organization condition, so principals of any AWS account could use the key (kms:ViaService alone does not limit accounts). Add kms:CallerAccount, aws:PrincipalAccount or aws:PrincipalOrgID (StringEquals, exact values), or name the principals.`,
      );
    }
    const bytes = policyByteSize(text);
    if (bytes > MAX_KEY_POLICY_BYTES) {
      issues.add(
        path,
        key.service,
        `the ${key.service} key policy for ${target.region} is ${bytes} bytes; KMS allows at most ${MAX_KEY_POLICY_BYTES}. Way out: ${wayOut(spec, target, key)}.`,
      );
    }
    const bad = disallowedCharacters(text);
    if (bad.length > 0) {
      issues.add(
        key.keyPolicy !== undefined ? `${path}/KeyPolicy` : `${path}/AdditionalPolicyStatements`,
        bad.join(''),
        `the ${key.service} key policy contains characters KMS rejects (${bad.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}); only tab, line breaks, printable ASCII and Latin-1 are allowed.`,
      );
    }
    if (principalsKeepingPutKeyPolicy(doc, target, spec.keyAdministratorArns).length === 0) {
      issues.add(
        key.keyPolicy !== undefined ? `${path}/KeyPolicy` : `${path}/AdditionalPolicyStatements`,
        key.service,
        `the ${key.service} key policy would lock the key: neither the owner account root (arn:${target.partition}:iam::${target.accountId}:root) nor a key administrator keeps kms:PutKeyPolicy unconditionally. Keep an Allow for one of them and do not Deny it.`,
      );
    }
  });
}
