/**
 * docs/services.md from the service catalog: what each key policy allows and why, with links.
 * Facts not confirmed on a primary AWS page are marked "(unverified)".
 */
import { KEY_ADMIN_ACTIONS, KEY_USAGE_ACTIONS, MULTI_REGION_ADMIN_ACTIONS, SERVICE_CATALOG } from '../../resource-type/catalog';
import type { ServiceDefinition } from '../../resource-type/catalog/types';
import type { DeploymentTarget, KeySetSpec } from '../../resource-type/core/types';
import { maxTrustedAccountsThatFit } from '../../resource-type/policy';
import { validateProperties } from '../../resource-type/validation';
import type { Generator } from './types';

const UNVERIFIED = ' *(unverified)*';
const code = (items: readonly string[]) => items.map((a) => `\`${a}\``).join(', ');

/** A reference key set (one administrator, via-service cross-account on) to size the account budget. */
const BUDGET_TARGET: DeploymentTarget = { accountId: '111111111111', region: 'ap-southeast-2', partition: 'aws' };

function budgetSpec(service: string): KeySetSpec {
  const props = {
    ProjectCode: 'budget',
    KeyAdministratorArns: [`arn:${BUDGET_TARGET.partition}:iam::111111111111:role/KeyAdministrator`],
    TrustedAccountIds: ['222222222222'],
    CrossAccountAccessViaService: true,
    Services: [{ Service: service }],
  };
  return validateProperties(props, BUDGET_TARGET);
}

function serviceSection(s: ServiceDefinition): string[] {
  const out: string[] = [`## \`${s.id}\` — ${s.displayName}`, ''];
  if (s.unsupportedReason) {
    const notes = s.facts.map((f) => `- ${f.text}${f.uncertain ? UNVERIFIED : ''}`);
    return [
      ...out,
      `**Not supported.** ${s.unsupportedReason}`,
      '',
      ...notes,
      ...(notes.length ? [''] : []),
      ...s.docLinks.map((l) => `- [${l.title}](${l.url})`),
      '',
    ];
  }
  out.push(`Protects: ${s.purpose}`, '');
  out.push(
    `- Attribute: \`Keys.KeyArns.${s.attributeName}\` · alias \`alias/<ProjectCode>/${s.id}\` · default description "${s.defaultDescription}"`,
  );
  out.push(
    `- Multi-Region: ${s.supportsMultiRegion ? 'supported' : '**not supported** (MultiRegion is rejected)'}${s.supportsAlias ? '' : ' · the service accepts only a key id or ARN, not the alias'}`,
  );
  if (s.unavailableIn?.length) out.push(`- Not offered in: ${s.unavailableIn.join(', ')} (the validator rejects it there)`);
  if (s.options.length) out.push(`- Options: ${s.options.map((o) => `\`${o}\``).join(', ')}`);
  out.push(
    `- Explicit TrustedAccountIds that fit the 32,768-byte policy: about ${maxTrustedAccountsThatFit(budgetSpec(s.id), BUDGET_TARGET, s.id)} (one administrator, CrossAccountAccessViaService on; use TrustedOrganizationId beyond that; \`servicekmskeys plan\` gives the exact figure for your input)`,
  );
  out.push('', '| Statement (Sid suffix) | Who | Actions | Conditions | Why |', '|---|---|---|---|---|');
  for (const v of s.viaService) {
    const hosts = v.hosts.map((h) => `\`${h}.<region>.amazonaws.com\``).join(' or ');
    const ec = v.encryptionContext ? `; \`${v.encryptionContext.operator} ${v.encryptionContext.key}\`` : '';
    const dyn = s.id === 'dynamodb' ? ' (GlobalTables: `StringLike dynamodb.*.amazonaws.com`)' : '';
    out.push(
      `| \`${v.id}\` | any principal of the caller accounts | ${code(v.actions)}${v.grantsWithoutGrantIsForAwsResource && v.grantActions ? `, ${code(v.grantActions)}` : ''} | \`kms:ViaService\` = ${hosts}${dyn}; \`kms:CallerAccount\`${ec} | ${v.why}${v.uncertain ? UNVERIFIED : ''} |`,
    );
    if (v.grantActions && !v.grantsWithoutGrantIsForAwsResource) {
      out.push(
        `| \`${v.id}Grants\` | any principal of the caller accounts | ${code(v.grantActions)} | as above + \`kms:GrantIsForAWSResource\` = true | The service creates grants for the resources it encrypts. |`,
      );
    }
  }
  for (const r of s.servicePrincipals) {
    const name = `\`${r.principal}${r.regional ? '.<region>' : ''}.amazonaws.com\``;
    const conds = [
      r.sourceAccount ? '`aws:SourceAccount` = caller accounts' : '',
      r.sourceArn ? '`aws:SourceArn` ∈ SourceArns (when given)' : '',
      r.encryptionContext ? `\`${r.encryptionContext.operator} ${r.encryptionContext.key}\`` : '',
    ]
      .filter(Boolean)
      .join('; ');
    out.push(`| \`${r.id}\` | service ${name} | ${code(r.actions)} | ${conds || '—'} | ${r.why}${r.uncertain ? UNVERIFIED : ''} |`);
  }
  if (s.nodeRoleActions)
    out.push(
      `| \`NodeRoles\` | NodeRoleArns | ${code(s.nodeRoleActions)} | — | Managed nodes decrypt session data with their instance profile role. |`,
    );
  out.push(
    `| \`KeyUsers\` | KeyUserArns (key set + this key) | ${code(s.keyUserActions)} | — | Direct use by named principals.${s.directGrants ? ' Plus `KeyUsersGrants` (grant actions, GrantIsForAWSResource).' : ''} |`,
  );
  if (s.crossAccountActions !== KEY_USAGE_ACTIONS)
    out.push(
      `| \`TrustedAccounts\` / \`Organization\` | trusted accounts / organization | ${code(s.crossAccountActions)} | (organization: \`aws:PrincipalOrgID\`) | Narrower than the default usage set for this service. |`,
    );
  out.push('');
  if (s.eventSources.length) {
    out.push(
      'EventSourceServices (service principals that publish or deliver to the encrypted resource):',
      '',
      '| Value | Principal | Actions | Source conditions | Why |',
      '|---|---|---|---|---|',
    );
    for (const e of s.eventSources) {
      out.push(
        `| \`${e.id}\` | \`${e.principal}.amazonaws.com\` | ${code(e.actions)} | ${e.sourceConditions === 'required' ? '`aws:SourceAccount` (+ `aws:SourceArn` ∈ SourceArns)' : 'same, `…IfExists` (the keys may be absent on this path)'} | ${e.why}${e.uncertain ? UNVERIFIED : ''} |`,
      );
    }
    out.push('');
  }
  if (s.facts.length) {
    out.push('Notes:', '');
    for (const f of s.facts) out.push(`- ${f.text}${f.uncertain ? UNVERIFIED : ''}`);
    out.push('');
  }
  out.push('AWS documentation:', '', ...s.docLinks.map((l) => `- [${l.title}](${l.url})`), '');
  return out;
}

export function renderServicesDoc(): string {
  const lines = [
    '<!-- Generated from resource-type/catalog by scripts/generators/services-doc.ts. Do not edit; run "npm run generate". -->',
    '# Service keys and what their key policies allow',
    '',
    'Each service key gets a key policy generated for its Region and partition (ARNs from the partition; `kms:ViaService`',
    'is always `<service>.<region>.amazonaws.com`; service principals use `.amazonaws.com.cn` in aws-cn where AWS does).',
    'Every generated statement has a Sid starting with `ServiceKmsKeys` so merges and drift checks can tell them apart.',
    'Facts marked *(unverified)* could not be confirmed on a primary AWS page; check them before relying on them.',
    '',
    '## Statements in every key policy',
    '',
    '| Sid suffix | Who | Actions | Conditions | When |',
    '|---|---|---|---|---|',
    '| `OwnerAccountRoot` | `arn:<partition>:iam::<account>:root` | `kms:*` | — | always: the account can never be locked out; IAM policies in the account decide |',
    `| \`KeyAdministrators\` | KeyAdministratorArns | ${code(KEY_ADMIN_ACTIONS)} (multi-Region keys add ${code(MULTI_REGION_ADMIN_ACTIONS)}) | — | always; no cryptographic actions |`,
    '| `KeyAdministratorsGrants` | KeyAdministratorArns | `kms:CreateGrant` | `kms:GrantIsForAWSResource` = true | always |',
    `| \`KeyUsers\` (+ \`KeyUsersGrants\`) | KeyUserArns | per service (default ${code(KEY_USAGE_ACTIONS)}) | grants: GrantIsForAWSResource | when key users are set |`,
    '| `TrustedAccounts` (+ `TrustedAccountsGrants`) | `arn:<partition>:iam::<trusted>:root` | per service (default usage) | grants: GrantIsForAWSResource | when TrustedAccountIds are set; their IAM policies must also allow |',
    '| `Organization` (+ `OrganizationGrants`) | `*` | per service (default usage) | `aws:PrincipalOrgID` (+ `ForAnyValue:StringLike aws:PrincipalOrgPaths`) | when TrustedOrganizationId is set |',
    '| `Via…` | `*` | per service | `kms:ViaService` + `kms:CallerAccount` ∈ owner (+ trusted accounts with CrossAccountAccessViaService) | per service, below |',
    '| `Via…Organization` | `*` | per service | `kms:ViaService` + `aws:PrincipalOrgID` | TrustedOrganizationId + CrossAccountAccessViaService |',
    '',
    'No statement allows `Principal: *` without an account (`kms:CallerAccount`) or organization (`aws:PrincipalOrgID`) condition, and the validator',
    'refuses such statements in `KeyPolicy`/`AdditionalPolicyStatements` too (`kms:ViaService` or an encryption context alone does not limit accounts;',
    '`NotPrincipal` only with `Deny`). Only the `aws`, `aws-cn` and `aws-us-gov` partitions are supported (no ISO or sovereign-cloud Regions).',
    'Admins never get cryptographic actions, and never `kms:CreateGrant` without `kms:GrantIsForAWSResource`.',
    '`KeyPolicy` replaces the generated policy; `AdditionalPolicyStatements` are merged by Sid. Both accept the placeholders',
    '`${AWS::AccountId}`, `${AWS::Region}`, `${AWS::Partition}` and `${OrganizationId}` (other `${AWS::…}` names are rejected), and the owner root',
    "or an administrator must keep `kms:PutKeyPolicy`. KMS itself checks the *caller*: when only an administrator keeps it, the type's execution role",
    'must be that administrator, so keep the owner root statement in overrides. A policy must fit in 32,768 bytes: `servicekmskeys plan` prints each size.',
    '',
    '## Services',
    '',
    '| Service | Name | Multi-Region | Options |',
    '|---|---|---|---|',
    ...SERVICE_CATALOG.map(
      (s) =>
        `| [\`${s.id}\`](#${s.id}--${s.displayName
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(
            / /g,
            '-',
          )}) | ${s.displayName} | ${s.unsupportedReason ? 'not supported' : s.supportsMultiRegion ? 'yes' : 'no'} | ${s.options.join(', ') || '—'} |`,
    ),
    '',
    ...SERVICE_CATALOG.flatMap(serviceSection),
  ];
  return lines.join('\n').replace(/\n+$/, '\n');
}

export const servicesDocGenerator: Generator = {
  name: 'services-doc',
  generate: () => [{ path: 'docs/services.md', content: renderServicesDoc() }],
};
