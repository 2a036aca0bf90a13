import { accessDenied } from './errors';
import type { Identities } from './identity';
import type { CallContext } from './kms/context';
import { isAliasTarget, type AliasTarget, type Authorizer } from './kms/engine';
import { grantAllows } from './kms/grants';
import { derivedContext } from './kms/policy-eval';
import { principalArnOf } from './partition';
import type { KeyRecord, Store } from './state';

type Simulate = (simulation: unknown, options: object) => 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';
interface PolicyLib {
  createValidatedPolicy(doc: unknown, validate: (policy: unknown) => unknown[], metadata?: unknown): { errors: readonly unknown[] };
  validateResourcePolicy(policy: unknown): unknown[];
}

/**
 * Authorization mode: each request is decided by @cloud-copilot/iam-simulate (unsafe mode, validated key policy)
 * from the key policy, the identity policies registered for the caller (session ARN and role ARN) and the
 * request context (aws:PrincipalArn/Account/Type/OrgID/OrgPaths, kms:CallerAccount, kms:ViaService,
 * kms:EncryptionContext*, kms:ResourceAliases, kms:RequestAlias, operation-specific keys). Grants allow what the
 * policies leave implicitly denied.
 * Loaded lazily (test-only dependency, AGPL: never part of the Lambda artifact).
 */
export function createAuthorizer(identities: Identities, store: Store): Authorizer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = (require('@cloud-copilot/iam-simulate') as { runUnsafeSimulation: Simulate }).runUnsafeSimulation;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const policyLib = require('@cloud-copilot/iam-policy') as PolicyLib;
  const validated = new Map<string, { errors: readonly unknown[] } | undefined>();

  function keyPolicy(text: string) {
    if (!validated.has(text)) {
      let result: { errors: readonly unknown[] } | undefined;
      try {
        result = policyLib.createValidatedPolicy(JSON.parse(text), policyLib.validateResourcePolicy, { name: 'key-policy' });
        if (result.errors.length > 0) result = undefined;
      } catch {
        result = undefined;
      }
      if (validated.size > 1000) validated.clear();
      validated.set(text, result);
    }
    return validated.get(text);
  }

  return (ctx: CallContext, action: string, target: KeyRecord | AliasTarget | undefined, extra: Record<string, unknown> = {}) => {
    const key = isAliasTarget(target) ? undefined : target;
    const resourceArn = isAliasTarget(target) ? target.aliasArn : key ? key.arn : '*';
    const resourceAccount = target ? target.accountId : ctx.accountId;
    const context = requestContext(identities, ctx, extra);
    if (key) {
      const aliases = aliasesOf(store, key);
      // An absent key, as in AWS for a key without aliases (ForAnyValue fails, ForAllValues holds).
      if (aliases.length > 0) context['kms:ResourceAliases'] = aliases;
    }
    const identityDocs = [...new Set([ctx.callerArn, principalArnOf(ctx.callerArn)])].flatMap((arn) => identities.identityPoliciesOf(arn));
    const identityPolicies = identityDocs.map((policy, i) => ({ name: `identity-${i}`, policy }));
    if (ctx.callerArn.endsWith(':root')) {
      // The account root has implicit full access in its own account (iam-simulate does not model it); Denies still apply.
      identityPolicies.push({
        name: 'root-implicit',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      });
    }
    let resourcePolicy: unknown;
    if (key) {
      resourcePolicy = keyPolicy(key.policy);
      if (!resourcePolicy) throw deny(ctx, action, key.arn, 'its key policy cannot be evaluated');
    }
    const decision = simulate(
      {
        request: {
          principal: ctx.callerArn,
          action,
          resource: { resource: resourceArn, accountId: resourceAccount },
          contextVariables: context,
        },
        identityPolicies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy,
      },
      {},
    );
    if (decision === 'Allowed') return;
    const encryptionContext = extra.encryptionContext as Record<string, string> | undefined;
    if (decision === 'ImplicitlyDenied' && key && grantAllows(key, ctx, action.slice('kms:'.length), encryptionContext)) return;
    const why =
      decision === 'ExplicitlyDenied'
        ? 'of an explicit deny'
        : key
          ? 'no policy allows it'
          : `no identity-based policy allows the ${action} action`;
    throw deny(ctx, action, resourceArn, why);
  };
}

function deny(ctx: CallContext, action: string, resource: string, why: string): Error {
  return accessDenied(`User: ${ctx.callerArn} is not authorized to perform: ${action} on resource: ${resource} because ${why}`);
}

/**
 * `kms:ResourceAliases`: every alias of the key in its own account and Region, whatever the request named the key
 * by (key id, key ARN, alias). The up-to-5-minute propagation delay of AWS is not modelled.
 */
function aliasesOf(store: Store, key: KeyRecord): string[] {
  const aliases: string[] = [];
  for (const alias of store.region(key.accountId, key.region).aliases.values()) {
    if (alias.targetKeyId === key.keyId) aliases.push(alias.aliasName);
  }
  return aliases.sort();
}

function requestContext(identities: Identities, ctx: CallContext, extra: Record<string, unknown>): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  const derived = derivedContext(ctx.callerArn, ctx.accountId, ctx.viaService ? { 'kms:ViaService': ctx.viaService } : {});
  for (const [k, v] of Object.entries(derived)) if (v !== undefined) context[k] = v;
  const org = identities.organizationOf(ctx.accountId);
  if (org) {
    context['aws:PrincipalOrgID'] = org.orgId;
    context['aws:PrincipalOrgPaths'] = [org.path];
  }
  for (const [k, v] of Object.entries(extra)) {
    if (k === 'encryptionContext') {
      const ec = (v ?? {}) as Record<string, string>;
      for (const [ek, ev] of Object.entries(ec)) context[`kms:EncryptionContext:${ek}`] = ev;
      if (Object.keys(ec).length > 0) context['kms:EncryptionContextKeys'] = Object.keys(ec);
    } else if (typeof v === 'string' || Array.isArray(v)) context[k] = v as string | string[];
  }
  return context;
}
