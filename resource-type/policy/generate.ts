import { COND, GRANT_ACTIONS, KEY_ADMIN_ACTIONS, KMS, MULTI_REGION_ADMIN_ACTIONS } from '../catalog/actions';
import { getServiceDefinition } from '../catalog';
import type { EncryptionContextCondition, RuleContext, ServiceDefinition, ViaServiceRule } from '../catalog/types';
import { accountRootArn } from '../core/partition';
import type { ConditionBlock, DeploymentTarget, KeySetSpec, PolicyStatement, ServiceKeySpec } from '../core/types';
import { KeySetError } from '../core/errors';
import type { AccessSummary } from './access';
import { ruleContext } from './context';
import { serviceLinkedRoleArn, servicePrincipal, viaServiceHost } from './principals';
import { generatedSid } from './sids';

/** A generated statement with its explanation. */
export interface GeneratedStatement {
  readonly statement: PolicyStatement;
  readonly access: AccessSummary;
}

type MutableCondition = Record<string, Record<string, string | readonly string[]>>;

function list(values: readonly string[]): string | readonly string[] {
  const unique = [...new Set(values)].sort();
  return unique.length === 1 ? unique[0]! : unique;
}

function addCondition(cond: MutableCondition, operator: string, key: string, values: readonly string[]): void {
  cond[operator] = { ...(cond[operator] ?? {}), [key]: list(values) };
}

function ecCondition(cond: MutableCondition, ec: EncryptionContextCondition | undefined, ctx: RuleContext): string {
  if (!ec) return '';
  const values = ec.values(ctx);
  addCondition(cond, ec.operator, ec.key, values);
  return `, encryption context ${ec.key.replace('kms:EncryptionContext:', '')} ${ec.operator === 'StringEquals' ? '=' : 'like'} ${values.join(' or ')}`;
}

const GIFAR: ConditionBlock = { Bool: { [COND.grantIsForAwsResource]: 'true' } };

function statement(
  sid: string,
  principal: PolicyStatement['Principal'],
  actions: readonly string[],
  condition: ConditionBlock | undefined,
  access: Omit<AccessSummary, 'sid' | 'effect' | 'actions' | 'generated'>,
): GeneratedStatement {
  const Sid = generatedSid(sid);
  const sorted = [...new Set(actions)].sort();
  const st: PolicyStatement = {
    Sid,
    Effect: 'Allow',
    Principal: principal,
    Action: sorted.length === 1 ? sorted[0]! : sorted,
    Resource: '*',
    ...(condition && Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
  return { statement: st, access: { sid: Sid, effect: 'Allow', actions: sorted, generated: true, ...access } };
}

function aws(arns: readonly string[]): PolicyStatement['Principal'] {
  return { AWS: list(arns) };
}

function orgCondition(spec: KeySetSpec): { cond: MutableCondition; words: string } {
  const cond: MutableCondition = {};
  addCondition(cond, 'StringEquals', COND.principalOrgId, [spec.trustedOrganizationId!]);
  let words = `principal in organization ${spec.trustedOrganizationId}`;
  if (spec.trustedOrganizationalUnitPaths.length > 0) {
    addCondition(cond, 'ForAnyValue:StringLike', COND.principalOrgPaths, spec.trustedOrganizationalUnitPaths);
    words += ` under ${spec.trustedOrganizationalUnitPaths.join(' or ')}`;
  }
  return { cond, words };
}

function viaStatements(rule: ViaServiceRule, key: ServiceKeySpec, spec: KeySetSpec, ctx: RuleContext): GeneratedStatement[] {
  const regionWildcard = key.globalTables && key.service === 'dynamodb';
  const hosts = rule.hosts.map((h) => viaServiceHost(h, regionWildcard ? '*' : ctx.region));
  const ungatedGrants = rule.grantsWithoutGrantIsForAwsResource ? (rule.grantActions ?? []) : [];
  const gatedGrants = rule.grantsWithoutGrantIsForAwsResource ? [] : (rule.grantActions ?? []);
  const out: GeneratedStatement[] = [];

  // Organization callers may be in any member account: their encryption-context ARNs use a * account.
  const orgCtx: RuleContext = { ...ctx, callerAccounts: ['*'] };
  const variants: { suffix: string; ctx: RuleContext; scope: (c: MutableCondition) => string }[] = [
    {
      suffix: '',
      ctx,
      scope: (c) => {
        addCondition(c, 'StringEquals', COND.callerAccount, ctx.callerAccounts);
        return `caller account ${ctx.callerAccounts.join(' or ')}`;
      },
    },
  ];
  if (spec.trustedOrganizationId && spec.crossAccountAccessViaService) {
    variants.push({
      suffix: 'Organization',
      ctx: orgCtx,
      scope: (c) => {
        const org = orgCondition(spec);
        for (const [op, block] of Object.entries(org.cond))
          for (const [k, v] of Object.entries(block)) addCondition(c, op, k, typeof v === 'string' ? [v] : v);
        return org.words;
      },
    });
  }
  for (const variant of variants) {
    const build = (withGifar: boolean): { cond: MutableCondition; words: string } => {
      const cond: MutableCondition = {};
      addCondition(cond, regionWildcard ? 'StringLike' : 'StringEquals', COND.viaService, hosts);
      let words = `only through ${hosts.join(' or ')}; ${variant.scope(cond)}`;
      words += ecCondition(cond, rule.encryptionContext, variant.ctx);
      if (withGifar) {
        cond.Bool = { [COND.grantIsForAwsResource]: 'true' };
        words += '; grants only for AWS resources (kms:GrantIsForAWSResource)';
      }
      return { cond, words };
    };
    const main = build(false);
    out.push(
      statement(`${rule.id}${variant.suffix}`, { AWS: '*' }, [...rule.actions, ...ungatedGrants], main.cond, {
        who: variant.suffix
          ? `Principals of organization ${spec.trustedOrganizationId}`
          : `Principals of account(s) ${ctx.callerAccounts.join(', ')}`,
        when: main.words,
        why: rule.why,
      }),
    );
    if (gatedGrants.length > 0) {
      const grants = build(true);
      out.push(
        statement(`${rule.id}${variant.suffix}Grants`, { AWS: '*' }, gatedGrants, grants.cond, {
          who: variant.suffix
            ? `Principals of organization ${spec.trustedOrganizationId}`
            : `Principals of account(s) ${ctx.callerAccounts.join(', ')}`,
          when: grants.words,
          why: `The service creates grants for the resources it encrypts (${rule.hosts.join(', ')}).`,
        }),
      );
    }
  }
  return out;
}

function sourceConditions(
  cond: MutableCondition,
  ctx: RuleContext,
  sourceArns: readonly string[],
  opts: { account: boolean; arn: boolean; ifExists: boolean },
): string {
  const words: string[] = [];
  const suffix = opts.ifExists ? 'IfExists' : '';
  if (opts.account) {
    addCondition(cond, `StringEquals${suffix}`, COND.sourceAccount, ctx.callerAccounts);
    words.push(`source account ${ctx.callerAccounts.join(' or ')}${opts.ifExists ? ' (when sent)' : ''}`);
  }
  if (opts.arn && sourceArns.length > 0) {
    addCondition(cond, `ArnLike${suffix}`, COND.sourceArn, sourceArns);
    words.push(`source ARN like ${sourceArns.join(' or ')}${opts.ifExists ? ' (when sent)' : ''}`);
  }
  return words.join('; ');
}

/** The generated statements of one service key, in a fixed order, with explanations. */
export function generateStatements(spec: KeySetSpec, key: ServiceKeySpec, target: DeploymentTarget): GeneratedStatement[] {
  const def: ServiceDefinition | undefined = getServiceDefinition(key.service);
  if (!def || def.unsupportedReason) {
    throw new KeySetError(
      'InvalidRequest',
      `Service "${key.service}" has no key policy: ${def?.unsupportedReason ?? 'it is not in the service catalog.'}`,
    );
  }
  const ctx = ruleContext(spec, target);
  const p = target.partition;
  const out: GeneratedStatement[] = [];

  out.push(
    statement('OwnerAccountRoot', aws([accountRootArn(p, target.accountId)]), [KMS.All], undefined, {
      who: `Account ${target.accountId} (root: delegates to IAM policies in the account)`,
      when: 'always',
      why: 'The owner account can never be locked out of the key; IAM policies in the account decide who else may use it.',
    }),
  );

  const admins = spec.keyAdministratorArns;
  if (admins.length > 0) {
    const adminActions = key.multiRegion ? [...KEY_ADMIN_ACTIONS, ...MULTI_REGION_ADMIN_ACTIONS] : KEY_ADMIN_ACTIONS;
    out.push(
      statement('KeyAdministrators', aws(admins), adminActions, undefined, {
        who: `Key administrators (${admins.length})`,
        when: 'always',
        why: key.multiRegion
          ? 'Manage the key (policy, rotation, tags, aliases, deletion, replication) but never use it for cryptography.'
          : 'Manage the key (policy, rotation, tags, aliases, deletion) but never use it for cryptography.',
      }),
    );
    out.push(
      statement('KeyAdministratorsGrants', aws(admins), [KMS.CreateGrant], GIFAR, {
        who: `Key administrators (${admins.length})`,
        when: 'only for AWS resources (kms:GrantIsForAWSResource)',
        why: 'Administrators may attach the key to AWS resources but cannot grant themselves cryptographic use.',
      }),
    );
  }

  const users = [...new Set([...spec.keyUserArns, ...key.keyUserArns])].sort();
  if (users.length > 0) {
    out.push(
      statement('KeyUsers', aws(users), def.keyUserActions, undefined, {
        who: `Key users (${users.length})`,
        when: 'always (direct calls; cross-account users also need an IAM policy in their account)',
        why: def.id === 'session' ? 'Session Manager clients generate the session data key.' : 'Named principals use the key directly.',
      }),
    );
    if (def.directGrants) {
      out.push(
        statement('KeyUsersGrants', aws(users), GRANT_ACTIONS, GIFAR, {
          who: `Key users (${users.length})`,
          when: 'only for AWS resources (kms:GrantIsForAWSResource)',
          why: 'Key users may attach the key to AWS resources they create.',
        }),
      );
    }
  }

  if (def.nodeRoleActions && key.nodeRoleArns.length > 0) {
    out.push(
      statement('NodeRoles', aws(key.nodeRoleArns), def.nodeRoleActions, undefined, {
        who: `Managed node roles (${key.nodeRoleArns.length})`,
        when: 'always',
        why: 'The SSM Agent on the node decrypts the session data key with the instance profile role.',
      }),
    );
  }

  const trusted = spec.trustedAccountIds.filter((a) => a !== target.accountId);
  if (trusted.length > 0) {
    const roots = trusted.map((a) => accountRootArn(p, a));
    out.push(
      statement('TrustedAccounts', aws(roots), def.crossAccountActions, undefined, {
        who: `Trusted accounts ${trusted.join(', ')} (root: their IAM policies must also allow)`,
        when: 'always',
        why: 'Principals of trusted accounts use the key directly when their own IAM policies allow it.',
      }),
    );
    if (def.directGrants) {
      out.push(
        statement('TrustedAccountsGrants', aws(roots), GRANT_ACTIONS, GIFAR, {
          who: `Trusted accounts ${trusted.join(', ')}`,
          when: 'only for AWS resources (kms:GrantIsForAWSResource)',
          why: 'Trusted accounts may attach the key to AWS resources they create.',
        }),
      );
    }
    if (def.id === 'ebs' && key.autoScalingGrants) {
      const grantees = trusted.flatMap((a) => [
        serviceLinkedRoleArn(p, a, 'autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling'),
        serviceLinkedRoleArn(p, a, 'spot.amazonaws.com', 'AWSServiceRoleForEC2Spot'),
      ]);
      out.push(
        statement(
          'TrustedAccountsAutoScalingGrants',
          aws(roots),
          [KMS.CreateGrant],
          { StringEquals: { [COND.granteePrincipal]: list(grantees) } },
          {
            who: `Trusted accounts ${trusted.join(', ')}`,
            when: "only grants whose grantee is the account's EC2 Auto Scaling or EC2 Spot service-linked role",
            why: 'Cross-account EC2 Auto Scaling: a principal in the trusted account grants its Auto Scaling service-linked role use of the key (that CreateGrant is not made by a service, so GrantIsForAWSResource cannot be required).',
          },
        ),
      );
    }
  }

  if (spec.trustedOrganizationId) {
    const org = orgCondition(spec);
    out.push(
      statement('Organization', { AWS: '*' }, def.crossAccountActions, org.cond, {
        who: `Principals of organization ${spec.trustedOrganizationId}`,
        when: `${org.words} (their IAM policies must also allow)`,
        why: 'Organization-wide use without listing every account.',
      }),
    );
    if (def.directGrants) {
      const grantCond: MutableCondition = { ...org.cond, Bool: { [COND.grantIsForAwsResource]: 'true' } };
      out.push(
        statement('OrganizationGrants', { AWS: '*' }, GRANT_ACTIONS, grantCond, {
          who: `Principals of organization ${spec.trustedOrganizationId}`,
          when: `${org.words}; only for AWS resources (kms:GrantIsForAWSResource)`,
          why: 'Organization principals may attach the key to AWS resources they create.',
        }),
      );
    }
  }

  for (const rule of def.viaService) out.push(...viaStatements(rule, key, spec, ctx));

  for (const rule of def.servicePrincipals) {
    const name = servicePrincipal(rule.principal, p, ctx.region, rule.regional);
    const cond: MutableCondition = {};
    const words = [
      sourceConditions(cond, ctx, key.sourceArns, { account: !!rule.sourceAccount, arn: !!rule.sourceArn, ifExists: false }),
      ecCondition(cond, rule.encryptionContext, ctx).replace(/^, /, ''),
    ].filter(Boolean);
    out.push(
      statement(rule.id, { Service: name }, rule.actions, cond, {
        who: `Service ${name}`,
        when: words.join('; ') || 'always',
        why: rule.why,
      }),
    );
  }

  for (const id of [...key.eventSourceServices].sort()) {
    const source = def.eventSources.find((s) => s.id === id);
    if (!source) throw new KeySetError('InvalidRequest', `Service "${def.id}" does not accept event source "${id}".`);
    const name = servicePrincipal(source.principal, p, ctx.region);
    const cond: MutableCondition = {};
    const words = sourceConditions(cond, ctx, key.sourceArns, {
      account: true,
      arn: true,
      ifExists: source.sourceConditions === 'ifExists',
    });
    const sid = `EventSource${id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())}`;
    out.push(statement(sid, { Service: name }, source.actions, cond, { who: `Service ${name}`, when: words, why: source.why }));
  }
  return out;
}
