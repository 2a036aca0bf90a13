/**
 * Key policy statements in plain words, one sentence per principal, e.g.
 * "role/AppRole in 222222222222 can Encrypt/Decrypt through Amazon S3 in eu-west-1". Read from the rendered
 * policy itself (what KMS would enforce), so KeyPolicy overrides and AdditionalPolicyStatements are described
 * the same way as generated statements.
 */
import { SERVICE_CATALOG } from '../../resource-type/catalog';
import type { DeploymentTarget, PolicyStatement } from '../../resource-type/core/types';

export interface AccessSentence {
  readonly effect: 'Allow' | 'Deny';
  readonly sid: string;
  /** Who, e.g. "role/AppRole in 222222222222". */
  readonly who: string;
  /** The sentence: "<who> can <what> <conditions>". */
  readonly text: string;
  /** True when the statement lets anyone ("*") in without an account, organization or ViaService condition. */
  readonly wildcardPrincipal: boolean;
}

const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);

/** "role/AppRole in 222222222222", "account 222222222222", "the Amazon SNS service (sns.amazonaws.com)". */
export function principalInWords(kind: string, value: string, target: DeploymentTarget): string {
  if (value === '*') return 'anyone';
  if (kind === 'Service') return `the service ${value}`;
  if (/^[0-9]{12}$/.test(value)) return `account ${value} (${value === target.accountId ? 'this account; ' : ''}its IAM policies decide)`;
  const arn = /^arn:[a-z-]+:(iam|sts)::([0-9]{12}):(.+)$/.exec(value);
  if (!arn) return value;
  const [, , account, resource] = arn;
  if (resource === 'root') return `account ${account} (${account === target.accountId ? 'this account; ' : ''}its IAM policies decide)`;
  const assumed = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource!);
  if (assumed) return `role/${assumed[1]} session ${assumed[2]} in ${account}`;
  return `${resource} in ${account}`;
}

const CRYPTO = [
  'Encrypt',
  'Decrypt',
  'GenerateDataKey*',
  'ReEncrypt*',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPair*',
  'GenerateDataKeyPairWithoutPlaintext',
];
const ADMIN_MARKERS = ['PutKeyPolicy', 'Put*', 'ScheduleKeyDeletion', 'Delete*', 'Create*', 'Update*', 'Disable*', 'Enable*'];
const GRANTS = ['CreateGrant', 'ListGrants', 'RevokeGrant', 'RetireGrant'];

/** The actions as verbs: "Encrypt/Decrypt/GenerateDataKey*", "administer the key (19 actions)", "create grants". */
export function actionsInWords(actions: readonly string[]): string {
  const names = actions.map((a) => a.replace(/^kms:/, ''));
  if (names.includes('*')) return 'do anything (kms:*)';
  const parts: string[] = [];
  const crypto = CRYPTO.filter((n) => names.includes(n));
  const admin = names.some((n) => ADMIN_MARKERS.includes(n));
  const grants = names.filter((n) => GRANTS.includes(n) && !(admin && n !== 'CreateGrant'));
  if (crypto.length > 0) parts.push(crypto.join('/'));
  const adminActions = names.filter((n) => !CRYPTO.includes(n) && n !== 'CreateGrant');
  // A few administrative actions read better by name ("ScheduleKeyDeletion") than as a count.
  if (admin) parts.push(adminActions.length <= 3 ? adminActions.join('/') : `administer the key (${adminActions.length} actions)`);
  if (grants.length > 0) parts.push(grants.includes('CreateGrant') ? 'create grants' : grants.join('/'));
  const rest = admin ? [] : names.filter((n) => !CRYPTO.includes(n) && !GRANTS.includes(n));
  if (rest.length > 0) parts.push(rest.join('/'));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? 'nothing');
}

function serviceNameForHost(stem: string): string {
  const exact = SERVICE_CATALOG.find((s) => s.id === stem);
  if (exact) return exact.displayName;
  const byHost = SERVICE_CATALOG.find((s) => s.viaService.some((v) => v.hosts.includes(stem)));
  return byHost && stem !== 'ec2' ? byHost.displayName : stem.toUpperCase();
}

/** "through Amazon S3 in eu-west-1" from `s3.eu-west-1.amazonaws.com`. */
export function viaServiceInWords(host: string): string {
  const m = /^([a-z0-9-]+)\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9])\.amazonaws\.com(?:\.cn)?$/.exec(host);
  return m ? `${serviceNameForHost(m[1]!)} in ${m[2]}` : host;
}

/** Account or organization limits of a wildcard statement: they say who "anyone" really is. */
function wildcardScope(condition: PolicyStatement['Condition']): string | undefined {
  for (const block of Object.values(condition ?? {})) {
    for (const [key, raw] of Object.entries(block)) {
      const values = typeof raw === 'boolean' ? [String(raw)] : list(raw as string | readonly string[]);
      if (/^kms:CallerAccount$/i.test(key)) return `principals of account${values.length > 1 ? 's' : ''} ${values.join(', ')}`;
      if (/^aws:PrincipalOrgID$/i.test(key)) return `principals of organization ${values.join(', ')}`;
      if (/^aws:PrincipalAccount$/i.test(key)) return `principals of account${values.length > 1 ? 's' : ''} ${values.join(', ')}`;
    }
  }
  return undefined;
}

function conditionPhrases(condition: PolicyStatement['Condition'], scoped: boolean): string[] {
  const phrases: string[] = [];
  for (const [operator, block] of Object.entries(condition ?? {})) {
    for (const [key, raw] of Object.entries(block)) {
      const values = typeof raw === 'boolean' ? [String(raw)] : list(raw as string | readonly string[]);
      const ifExists = operator.endsWith('IfExists') ? ' (when sent)' : '';
      const lower = key.toLowerCase();
      if (lower === 'kms:viaservice') phrases.push(`through ${values.map(viaServiceInWords).join(' or ')}${ifExists}`);
      else if (scoped && (lower === 'kms:calleraccount' || lower === 'aws:principalorgid' || lower === 'aws:principalaccount')) continue;
      else if (lower === 'kms:calleraccount') phrases.push(`when the caller is in account ${values.join(' or ')}`);
      else if (lower === 'kms:grantisforawsresource') phrases.push('for AWS resources only');
      else if (lower === 'aws:principalorgid') phrases.push(`for principals of organization ${values.join(' or ')}`);
      else if (lower === 'aws:principalorgpaths') phrases.push(`in OU paths ${values.join(' or ')}`);
      else if (lower === 'aws:sourceaccount') phrases.push(`on behalf of account ${values.join(' or ')}${ifExists}`);
      else if (lower === 'aws:sourcearn') phrases.push(`for source ${values.join(' or ')}${ifExists}`);
      else if (lower.startsWith('kms:encryptioncontext:'))
        phrases.push(
          `with encryption context ${key.slice('kms:EncryptionContext:'.length)} ${operator.includes('Like') ? 'like' : '='} ${values.join(' or ')}`,
        );
      else if (lower === 'kms:granteeprincipal')
        phrases.push(
          `only to grantee ${values.map((v) => v.replace(/^arn:[a-z-]+:iam::([0-9]{12}):role\/(?:aws-service-role\/[^/]+\/)?(.+)$/, '$2 in $1')).join(' or ')}`,
        );
      else if (lower === 'aws:principalarn') phrases.push(`for principal ${values.join(' or ')}`);
      else phrases.push(`${operator} ${key} = ${values.join(' or ')}`);
    }
  }
  return phrases;
}

/** Every statement of a policy in plain words, one sentence per principal. */
export function policyInWords(statements: readonly PolicyStatement[], target: DeploymentTarget): AccessSentence[] {
  const out: AccessSentence[] = [];
  for (const st of statements) {
    const sid = st.Sid ?? '(no Sid)';
    const verb = st.Effect === 'Deny' ? 'cannot' : 'can';
    const what = st.NotAction !== undefined ? `do anything except ${list(st.NotAction).join('/')}` : actionsInWords(list(st.Action));
    const wildcard =
      st.Principal === '*' ||
      st.NotPrincipal !== undefined ||
      Object.values(st.Principal ?? {}).some((v) => list(v as string | readonly string[]).includes('*'));
    const scope = wildcard && st.NotPrincipal === undefined ? wildcardScope(st.Condition) : undefined;
    const conditions = conditionPhrases(st.Condition, scope !== undefined);
    const tail = conditions.length > 0 ? ` ${conditions.join(', ')}` : '';
    const principals: Array<[string, string]> = [];
    if (st.Principal === '*' || st.NotPrincipal !== undefined) principals.push(['*', '*']);
    else
      for (const [kind, values] of Object.entries(st.Principal ?? {}))
        for (const v of list(values as string | readonly string[])) principals.push([kind, v]);
    for (const [kind, value] of principals) {
      const who =
        st.NotPrincipal !== undefined
          ? 'anyone except the named principals'
          : value === '*' && scope
            ? scope
            : principalInWords(kind, value, target);
      const unlimited =
        value === '*' &&
        !scope &&
        !Object.values(st.Condition ?? {}).some((b) =>
          Object.keys(b).some((k) => /^(kms:ViaService|aws:SourceAccount|aws:PrincipalOrgPaths)$/i.test(k)),
        );
      out.push({ effect: st.Effect, sid, who, text: `${who} ${verb} ${what}${tail}`, wildcardPrincipal: unlimited });
    }
  }
  return out;
}
